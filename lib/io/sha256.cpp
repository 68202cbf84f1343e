// SPDX-License-Identifier: Apache-2.0
#include "io/sha256.hpp"

#include "core/error.hpp"

#include <openssl/evp.h>

#include <array>

namespace sqma::io {

struct Sha256::Impl {
  struct Free {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
  };
  std::unique_ptr<EVP_MD_CTX, Free> ctx{EVP_MD_CTX_new()};

  void reset()
  {
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
      throw Error(ExitCode::internal, "OpenSSL: cannot initialise SHA-256");
    }
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
  if (EVP_DigestUpdate(m_impl->ctx.get(), bytes.data(), bytes.size()) != 1) {
    throw Error(ExitCode::internal, "OpenSSL: SHA-256 update failed");
  }
}

std::string Sha256::hex_digest()
{
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(m_impl->ctx.get(), digest.data(), &size) != 1) {
    throw Error(ExitCode::internal, "OpenSSL: SHA-256 final failed");
  }
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2U);
  for (unsigned int i = 0; i < size; ++i) {
    out += k_hex[digest[i] >> 4U];
    out += k_hex[digest[i] & 0x0FU];
  }
  m_impl->reset();
  return out;
}

std::string sha256_hex(std::string_view bytes)
{
  Sha256 hash;
  hash.update(bytes);
  return hash.hex_digest();
}

} // namespace sqma::io
