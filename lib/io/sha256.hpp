// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace sqma::io {

// Incremental SHA-256 through OpenSSL's EVP interface.
class Sha256 {
public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  // Adds bytes to the digest.
  void update(std::string_view bytes);
  // Finishes and returns the digest as 64 lower-case hex digits; the object is then reset.
  [[nodiscard]] std::string hex_digest();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// The SHA-256 of `bytes` as lower-case hex.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

// Incremental digest of an algorithm OpenSSL knows by name ("MD5", "SHA1", "SHA512"), for
// the manifests of other tools' bags; SHA-256, sqma's own, is Sha256.
class Digest {
public:
  // Throws Error (internal) when OpenSSL has no such algorithm.
  explicit Digest(const std::string& name);
  ~Digest();
  Digest(const Digest&) = delete;
  Digest& operator=(const Digest&) = delete;

  void update(std::string_view bytes);
  // Finishes and returns the digest as lower-case hex; the object is spent.
  [[nodiscard]] std::string hex_digest();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace sqma::io
