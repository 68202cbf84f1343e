// SPDX-License-Identifier: Apache-2.0
// The least work that checking a batch's bundles takes: on two threads, each file opened,
// read whole with pread into a reused buffer, its SHA-256 taken with OpenSSL's EVP (as
// sqma and openssl dgst do) and the CRC-32 of its bytes with libdeflate (as sqma checks
// each stored zip entry). No parsing, no rules, nothing written. check.sh builds it and
// prints its CPU time beside sqma's and openssl's, so that a target can be read against
// what the machine itself allows.
//   floor FILE...
#include <libdeflate.h>
#include <openssl/evp.h>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

namespace {

struct DigestContext {
  void operator()(EVP_MD_CTX* context) const noexcept { EVP_MD_CTX_free(context); }
};

// Hashes files[i] for every i taken from `next`; returns false when one cannot be read.
bool work(char** files, int count, std::atomic<int>& next, unsigned long& crc_sum)
{
  std::unique_ptr<EVP_MD_CTX, DigestContext> context(EVP_MD_CTX_new());
  std::vector<unsigned char> buffer(1 << 20);
  for (int i = next++; i < count; i = next++) {
    const int fd = ::open(files[i], O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      return false;
    EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr);
    std::uint32_t crc = 0;
    off_t at = 0;
    for (;;) {
      const ssize_t got = ::pread(fd, buffer.data(), buffer.size(), at);
      if (got < 0) {
        ::close(fd);
        return false;
      }
      if (got == 0)
        break;
      EVP_DigestUpdate(context.get(), buffer.data(), static_cast<std::size_t>(got));
      crc = libdeflate_crc32(crc, buffer.data(), static_cast<std::size_t>(got));
      at += got;
    }
    ::close(fd);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context.get(), digest, &length);
    crc_sum += crc + digest[0];
  }
  return true;
}

} // namespace

int main(int argc, char** argv)
{
  std::atomic<int> next{1};
  unsigned long sums[2] = {0, 0};
  bool ok[2] = {true, true};
  std::thread other([&] { ok[1] = work(argv, argc, next, sums[1]); });
  ok[0] = work(argv, argc, next, sums[0]);
  other.join();
  if (!ok[0] || !ok[1]) {
    std::fputs("floor: a file could not be read\n", stderr);
    return 1;
  }
  // Printed so that no work can be optimised away.
  std::printf("%lu\n", sums[0] + sums[1]);
  return 0;
}
