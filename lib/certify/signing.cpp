// SPDX-License-Identifier: Apache-2.0
#include "certify/signing.hpp"

#include "io/files.hpp"
#include "io/sha256.hpp"

#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <array>

namespace sqma::certify {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

constexpr std::string_view k_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

} // namespace

struct Key::Impl {
  PkeyPtr key;
  bool is_private = false;
};

Key::Key() : m_impl(std::make_unique<Impl>()) {}
Key::~Key() = default;
Key::Key(Key&&) noexcept = default;
Key& Key::operator=(Key&&) noexcept = default;

namespace {

struct Pem {
  PkeyPtr key;
  bool is_private = false;
};

Result<Pem> parse_pem(std::string_view text, const std::string& path, bool want_private)
{
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  Pem pem{PkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)), true};
  if (!pem.key && !want_private) {
    bio.reset(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    pem = Pem{PkeyPtr(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr)), false};
  }
  if (!pem.key || EVP_PKEY_id(pem.key.get()) != EVP_PKEY_ED25519) {
    return Failure{ExitCode::data,
                   want_private ? "not an Ed25519 private key in PEM form (make one with "
                                  "openssl genpkey -algorithm ed25519 -out key.pem)"
                                : "not an Ed25519 public or private key in PEM form (make the "
                                  "public key with openssl pkey -in key.pem -pubout)",
                   Location{path, 0, {}}};
  }
  return pem;
}

} // namespace

Result<Key> Key::parse(std::string_view pem_text, const std::string& name, bool want_private)
{
  auto pem = parse_pem(pem_text, name, want_private);
  if (!pem) {
    return pem.failure();
  }
  Key key;
  key.m_impl->key = std::move(pem->key);
  key.m_impl->is_private = pem->is_private;
  return key;
}

Result<Key> Key::parse_public(std::string_view pem_text, const std::string& name)
{
  return parse(pem_text, name, false);
}

Result<Key> Key::load_private(const std::string& path)
{
  const auto text = io::read_file(path);
  if (!text) {
    return text.failure();
  }
  return parse(text.value(), path, true);
}

Result<Key> Key::load_public(const std::string& path)
{
  const auto text = io::read_file(path);
  if (!text) {
    return text.failure();
  }
  return parse(text.value(), path, false);
}

std::string Key::sign(std::string_view message) const
{
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  std::array<unsigned char, 64> sig{};
  std::size_t length = sig.size();
  if (!m_impl->is_private || !ctx ||
      EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, m_impl->key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), sig.data(), &length,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    throw Error(ExitCode::internal, "Ed25519 signing failed");
  }
  return {reinterpret_cast<const char*>(sig.data()), length};
}

bool Key::verify(std::string_view message, std::string_view signature) const
{
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  return ctx &&
         EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, m_impl->key.get()) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                          message.size()) == 1;
}

std::string Key::id() const
{
  std::array<unsigned char, 32> raw{};
  std::size_t length = raw.size();
  if (EVP_PKEY_get_raw_public_key(m_impl->key.get(), raw.data(), &length) != 1) {
    throw Error(ExitCode::internal, "cannot read the Ed25519 public key");
  }
  return io::sha256_hex(std::string_view(reinterpret_cast<const char*>(raw.data()), length))
      .substr(0, 16);
}

std::string base64_encode(std::string_view bytes)
{
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) {
      n |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    }
    if (i + 2 < bytes.size()) {
      n |= static_cast<unsigned char>(bytes[i + 2]);
    }
    out += k_alphabet[(n >> 18) & 63];
    out += k_alphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? k_alphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? k_alphabet[n & 63] : '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text)
{
  if (text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 4) {
    std::uint32_t n = 0;
    int pad = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = text[i + k];
      std::uint32_t v = 0;
      if (c == '=' && i + 4 == text.size() && k >= 2) {
        ++pad;
      } else if (const auto pos = k_alphabet.find(c); pos != std::string_view::npos && pad == 0) {
        v = static_cast<std::uint32_t>(pos);
      } else {
        return std::nullopt;
      }
      n = (n << 6) | v;
    }
    out += static_cast<char>((n >> 16) & 0xff);
    if (pad < 2) {
      out += static_cast<char>((n >> 8) & 0xff);
    }
    if (pad < 1) {
      out += static_cast<char>(n & 0xff);
    }
  }
  return out;
}

} // namespace sqma::certify
