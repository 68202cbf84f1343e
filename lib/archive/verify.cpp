// SPDX-License-Identifier: Apache-2.0
#include "archive/archive.hpp"

#include "certify/certificate.hpp"
#include "certify/signing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace sqma::archive {

namespace {

constexpr std::uint64_t k_max_key = 64U << 10U;
constexpr std::uint64_t k_max_certificate = std::uint64_t{4} << 20U;
// Past the largest file create() looks into for certificates.
constexpr std::uint64_t k_max_scanned = std::uint64_t{8} << 20U;

// A cycle holds more and larger files than an applicant's bundle.
bundle::Limits archive_limits()
{
  bundle::Limits limits;
  limits.max_entries = 2'000'000;
  limits.max_entry_size = std::uint64_t{1} << 40U;
  limits.max_total_size = std::uint64_t{16} << 40U;
  limits.max_ratio = 2000.0;
  limits.max_directory_size = std::uint64_t{512} << 20U;
  return limits;
}

std::vector<std::string> values_of(const bundle::BagReport& bag, std::string_view label)
{
  std::vector<std::string> out;
  for (const auto& [key, value] : bag.info) {
    if (key == label) {
      out.push_back(value);
    }
  }
  return out;
}

// Every certificate in the payload must be one that bag-info.txt lists (and so is verified):
// one added, or changed and taken off the list, after sealing is reported.
void find_unlisted(const std::filesystem::path& zip, const std::vector<std::string>& listed,
                   Verification& out)
{
  std::map<std::string, std::size_t> times_listed;
  for (const auto& path : listed) {
    ++times_listed[path];
  }
  std::vector<std::string> names;
  std::vector<std::string> paths;
  for (const auto& file : out.bag.files) {
    if (may_hold_certificates(lower_extension(file.path), file.size)) {
      paths.push_back("data/" + file.path);
      names.push_back(out.bag.top + "/" + paths.back());
    }
  }
  auto texts = bundle::read_entries(zip, names, k_max_scanned);
  if (!texts) {
    out.problems.push_back(texts.failure().describe());
    return;
  }
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const auto& text = texts.value()[i];
    if (!text) {
      continue; // the bag check has said what is wrong with the entry
    }
    const auto found = certificates_in(lower_extension(paths[i]), text.value());
    if (found > times_listed[paths[i]]) {
      out.problems.push_back(fmt::format(
          "{}: a certificate that bag-info.txt does not list (Sqma-Certificate): added or "
          "changed after the archive was sealed",
          paths[i]));
    }
  }
}

} // namespace

bool Verification::ok() const
{
  return bag.is_bag && bag.problems.empty() && problems.empty() &&
         std::all_of(certificates.begin(), certificates.end(),
                     [](const CertificateCheck& c) { return c.valid; });
}

Result<Verification> verify(const std::filesystem::path& zip, unsigned jobs,
                            const std::function<void()>& progress)
{
  bundle::ReadOptions read;
  read.jobs = jobs;
  read.progress = progress;
  read.limits = archive_limits();
  auto bag = bundle::read_bag(zip, read);
  if (!bag) {
    return bag.failure();
  }
  Verification out;
  out.bag = std::move(bag).value();
  if (!out.bag.is_bag) {
    return out;
  }
  const auto entry = [&](const std::string& path) { return out.bag.top + "/" + path; };
  const auto keys = values_of(out.bag, "Sqma-Public-Key");
  const auto certificates = values_of(out.bag, "Sqma-Certificate");
  const auto counts = values_of(out.bag, "Sqma-Certificates");
  if (counts.size() != 1) {
    out.problems.push_back("bag-info.txt: no single Sqma-Certificates line: not an archive "
                           "that sqma archive wrote");
  } else if (counts.front() != std::to_string(certificates.size())) {
    out.problems.push_back(fmt::format("bag-info.txt: Sqma-Certificates {} but {} "
                                       "Sqma-Certificate lines",
                                       counts.front(), certificates.size()));
  }
  find_unlisted(zip, certificates, out);
  if (certificates.empty()) {
    return out;
  }
  if (keys.size() != 1) {
    out.problems.push_back("bag-info.txt: certificates but not one Sqma-Public-Key");
    return out;
  }
  auto pem = bundle::read_entry(zip, entry(keys.front()), k_max_key);
  if (!pem) {
    out.problems.push_back(pem.failure().describe());
    return out;
  }
  auto key = certify::Key::parse_public(pem.value(), keys.front());
  if (!key) {
    out.problems.push_back(key.failure().describe());
    return out;
  }
  std::vector<std::string> names;
  for (const auto& path : certificates) {
    names.push_back(entry(path));
  }
  auto texts = bundle::read_entries(zip, names, k_max_certificate);
  if (!texts) {
    out.problems.push_back(texts.failure().describe());
    return out;
  }
  for (std::size_t i = 0; i < certificates.size(); ++i) {
    const auto& path = certificates[i];
    CertificateCheck check{path, false, {}};
    auto& text = texts.value()[i];
    if (!text) {
      check.detail = text.failure().message;
    } else {
      const auto v = certify::verify_certificate(text.value(), key.value(), {});
      check.valid = v.verdict == certify::Verdict::valid;
      check.detail = check.valid
                         ? fmt::format("{} {} {}", v.certificate->data.number,
                                       v.certificate->data.holder, v.certificate->data.award)
                         : v.reason;
    }
    out.certificates.push_back(std::move(check));
  }
  return out;
}

} // namespace sqma::archive
