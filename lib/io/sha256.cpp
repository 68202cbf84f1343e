// SPDX-License-Identifier: Apache-2.0
#include "io/sha256.hpp"

#include "core/error.hpp"

#include <openssl/evp.h>

#include <array>
#include <memory>
#include <vector>

namespace sqma::io {

namespace {

// The SHA-256 implementation, fetched from OpenSSL's providers once. Given EVP_sha256()
// instead, OpenSSL 3 fetches it again at every initialisation (a lock and a table search
// that cost more than hashing a dossier's record).
const EVP_MD* sha256_algorithm()
{
  struct Free {
    void operator()(EVP_MD* md) const { EVP_MD_free(md); }
  };
  static const std::unique_ptr<EVP_MD, Free> md{EVP_MD_fetch(nullptr, "SHA256", nullptr)};
  return md.get();
}

// Contexts of finished digests, kept for the next on the same thread: OpenSSL allocates a
// context and its algorithm state for each new one, and a dossier's check hashes about
// seven things.
struct FreeContext {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Context = std::unique_ptr<EVP_MD_CTX, FreeContext>;
thread_local std::vector<Context> t_spare_contexts;
constexpr std::size_t k_spare_contexts = 8;

std::string hex_of(const unsigned char* digest, unsigned int size)
{
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2U);
  for (unsigned int i = 0; i < size; ++i) {
    out += k_hex[digest[i] >> 4U];
    out += k_hex[digest[i] & 0x0FU];
  }
  return out;
}

} // namespace

struct Sha256::Impl {
  Context ctx;
  bool finished = false; // hex_digest() was called: initialise again before the next use

  Impl()
  {
    if (!t_spare_contexts.empty()) {
      ctx = std::move(t_spare_contexts.back());
      t_spare_contexts.pop_back();
    } else {
      ctx.reset(EVP_MD_CTX_new());
    }
  }
  ~Impl()
  {
    if (ctx && t_spare_contexts.size() < k_spare_contexts) {
      t_spare_contexts.push_back(std::move(ctx));
    }
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  // With the same algorithm, OpenSSL initialises a used context's state in place.
  void reset()
  {
    const EVP_MD* md = sha256_algorithm();
    if (!ctx || md == nullptr || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) {
      throw Error(ExitCode::internal, "OpenSSL: cannot initialise SHA-256");
    }
    finished = false;
  }
};

Sha256::Sha256() : m_impl(std::make_unique<Impl>())
{
  m_impl->reset();
}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(std::string_view bytes)
{
  if (m_impl->finished) {
    m_impl->reset();
  }
  if (EVP_DigestUpdate(m_impl->ctx.get(), bytes.data(), bytes.size()) != 1) {
    throw Error(ExitCode::internal, "OpenSSL: SHA-256 update failed");
  }
}

std::string Sha256::hex_digest()
{
  if (m_impl->finished) {
    m_impl->reset();
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(m_impl->ctx.get(), digest.data(), &size) != 1) {
    throw Error(ExitCode::internal, "OpenSSL: SHA-256 final failed");
  }
  m_impl->finished = true;
  return hex_of(digest.data(), size);
}

struct Digest::Impl {
  struct FreeMd {
    void operator()(EVP_MD* md) const { EVP_MD_free(md); }
  };
  std::unique_ptr<EVP_MD, FreeMd> md;
  Context ctx;
};

Digest::Digest(const std::string& name) : m_impl(std::make_unique<Impl>())
{
  m_impl->md.reset(EVP_MD_fetch(nullptr, name.c_str(), nullptr));
  m_impl->ctx.reset(EVP_MD_CTX_new());
  if (!m_impl->md || !m_impl->ctx ||
      EVP_DigestInit_ex(m_impl->ctx.get(), m_impl->md.get(), nullptr) != 1) {
    throw Error(ExitCode::internal, "OpenSSL: cannot initialise " + name);
  }
}

Digest::~Digest() = default;

void Digest::update(std::string_view bytes)
{
  if (EVP_DigestUpdate(m_impl->ctx.get(), bytes.data(), bytes.size()) != 1) {
    throw Error(ExitCode::internal, "OpenSSL: digest update failed");
  }
}

std::string Digest::hex_digest()
{
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(m_impl->ctx.get(), digest.data(), &size) != 1) {
    throw Error(ExitCode::internal, "OpenSSL: digest final failed");
  }
  return hex_of(digest.data(), size);
}

std::string sha256_hex(std::string_view bytes)
{
  thread_local Sha256 hash; // hex_digest() leaves it ready for the next
  hash.update(bytes);
  return hash.hex_digest();
}

} // namespace sqma::io
