// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

// Ed25519 signatures through OpenSSL's EVP interface, for certificate records.
namespace sqma::certify {

// An Ed25519 key read from a PEM file: a private key can sign and verify, a public key only
// verify.
class Key {
public:
  Key();
  ~Key();
  Key(Key&&) noexcept;
  Key& operator=(Key&&) noexcept;
  Key(const Key&) = delete;
  Key& operator=(const Key&) = delete;

  // Reads a PEM private key (as `openssl genpkey -algorithm ed25519` writes it). A Failure
  // (data) names the file when it cannot be read or holds no Ed25519 private key.
  [[nodiscard]] static Result<Key> load_private(const std::string& path);
  // Reads a PEM public key (`openssl pkey -pubout`); a private key is accepted too and its
  // public half used. A Failure (data) as load_private.
  [[nodiscard]] static Result<Key> load_public(const std::string& path);
  // The same from PEM text already read; `name` is where it came from, for messages.
  [[nodiscard]] static Result<Key> parse_public(std::string_view pem, const std::string& name);

  // The 64-byte signature of `message`. Throws Error (internal) if the key cannot sign.
  [[nodiscard]] std::string sign(std::string_view message) const;
  // True when `signature` is this key's signature of `message`.
  [[nodiscard]] bool verify(std::string_view message, std::string_view signature) const;
  // The first 16 hex digits of the SHA-256 of the raw 32-byte public key, to tell keys apart.
  [[nodiscard]] std::string id() const;

private:
  // A private key when `want_private`, else either kind (its public half used).
  [[nodiscard]] static Result<Key> parse(std::string_view pem, const std::string& name,
                                         bool want_private);

  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Standard base64 with padding.
[[nodiscard]] std::string base64_encode(std::string_view bytes);
// Decodes standard base64 with padding; nullopt for anything else.
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);

} // namespace sqma::certify
