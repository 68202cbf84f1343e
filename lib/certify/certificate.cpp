// SPDX-License-Identifier: Apache-2.0
#include "certify/certificate.hpp"

#include "certify/decisions.hpp"
#include "certify/names.hpp"
#include "core/version.hpp"
#include "io/json_reader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>

namespace sqma::certify {
namespace {

nlohmann::json data_json(const CertificateData& d)
{
  return {{"number", d.number},
          {"dossier", d.dossier},
          {"holder", d.holder},
          {"organisation", d.organisation},
          {"class", d.award_class},
          {"level", d.level},
          {"award", d.award},
          {"year", d.year},
          {"issued_on", d.issued_on.iso()},
          {"issuer", d.issuer},
          {"cycle", d.cycle_name}};
}

nlohmann::json record(const SignedCertificate& cert)
{
  return {{"schema", "certificate.v1"},
          {"certificate", data_json(cert.data)},
          {"key", cert.key_id},
          {"signature", base64_encode(cert.signature)}};
}

// Reads a record; nullopt with `why` set when it is not one.
std::optional<SignedCertificate> parse_record(std::string_view text, std::string& why)
{
  const auto j = io::parse_json_lenient(text);
  if (!j.is_object() || j.value("schema", std::string{}) != "certificate.v1" ||
      !j.contains("certificate") || !j.at("certificate").is_object() || !j.contains("signature") ||
      !j.at("signature").is_string()) {
    why = "not a certificate.v1 record";
    return std::nullopt;
  }
  try {
    const auto& c = j.at("certificate");
    SignedCertificate cert;
    cert.data.number = c.at("number").get<std::string>();
    cert.data.dossier = c.at("dossier").get<std::string>();
    cert.data.holder = c.at("holder").get<std::string>();
    cert.data.organisation = c.at("organisation").get<std::string>();
    cert.data.award_class = c.at("class").get<std::string>();
    cert.data.level = c.at("level").get<std::string>();
    cert.data.award = c.at("award").get<std::string>();
    cert.data.year = c.at("year").get<int>();
    const auto issued = model::Date::parse(c.at("issued_on").get<std::string>());
    if (!issued || c.size() != 11) {
      why = "the certificate's fields are not those of certificate.v1";
      return std::nullopt;
    }
    cert.data.issued_on = *issued;
    cert.data.issuer = c.at("issuer").get<std::string>();
    cert.data.cycle_name = c.at("cycle").get<std::string>();
    cert.key_id = j.value("key", std::string{});
    const auto sig = base64_decode(j.at("signature").get<std::string>());
    if (!sig) {
      why = "the signature is not base64";
      return std::nullopt;
    }
    cert.signature = *sig;
    return cert;
  } catch (const nlohmann::json::exception&) {
    why = "the certificate's fields are not those of certificate.v1";
    return std::nullopt;
  }
}

std::string xml_unescape(std::string_view text)
{
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    static constexpr std::array<std::pair<std::string_view, char>, 4> k_entities{
        {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}}};
    bool matched = false;
    for (const auto& [entity, c] : k_entities) {
      if (text.substr(i, entity.size()) == entity) {
        out += c;
        i += entity.size() - 1;
        matched = true;
        break;
      }
    }
    if (!matched) {
      out += '&';
    }
  }
  return out;
}

constexpr std::string_view k_metadata_open = "<metadata id=\"sqma-certificate\">";
constexpr std::string_view k_metadata_close = "</metadata>";

// The final round's rank, or the largest int when there is none.
int rank_of(const model::Dossier& d)
{
  const auto& result = final_result(d);
  if (result.is_object() && result.contains("rank") && result.at("rank").is_number_integer()) {
    return result.at("rank").get<int>();
  }
  return std::numeric_limits<int>::max();
}

} // namespace

std::string certificate_code(model::AwardClass award_class, std::string_view level)
{
  switch (award_class) {
  case model::AwardClass::organisation:
    return level == "benchmark" ? "BM" : level == "professional" ? "PR" : "IM";
  case model::AwardClass::project: return "PJ";
  case model::AwardClass::individual:
    return level == "leader" ? "LD" : level == "manager" ? "QM" : "QC";
  }
  return "XX";
}

std::string signed_message(const CertificateData& data)
{
  return data_json(data).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string record_compact(const SignedCertificate& cert)
{
  return record(cert).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

SignedCertificate sign_certificate(CertificateData data, const Key& key)
{
  SignedCertificate cert{std::move(data), {}, key.id()};
  cert.signature = key.sign(signed_message(cert.data));
  return cert;
}

std::string record_json(const SignedCertificate& cert)
{
  return record(cert).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::vector<SignedCertificate> issue_certificates(std::vector<model::Dossier>& dossiers,
                                                  const std::vector<std::string>& digests,
                                                  const Key& key, const IssueSettings& settings)
{
  // Numbers already held, per prefix, so that a later batch continues the sequence. The
  // schema holds a certificate number to SQMA-<year>-<code>-<at most 7 digits>.
  std::map<std::string, std::uint32_t> next;
  for (const auto& d : dossiers) {
    if (!d.award || !d.award->certificate) {
      continue;
    }
    const std::string_view number = *d.award->certificate;
    const auto dash = number.rfind('-');
    std::uint32_t n = 0;
    const auto digits =
        dash == std::string_view::npos ? std::string_view{} : number.substr(dash + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (!digits.empty() && error == std::errc{} && end == digits.data() + digits.size()) {
      auto& slot = next[std::string(number.substr(0, dash))];
      slot = std::max(slot, n);
    }
  }
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < dossiers.size(); ++i) {
    if (dossiers[i].stage == model::Stage::approved && dossiers[i].award) {
      order.push_back(i);
    }
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = dossiers[a];
    const auto& y = dossiers[b];
    return std::tuple(rank_of(x), x.id) < std::tuple(rank_of(y), y.id);
  });
  std::vector<SignedCertificate> out;
  for (const auto i : order) {
    auto& d = dossiers[i];
    const auto level = level_or_kind(d);
    const auto prefix =
        fmt::format("SQMA-{}-{}", d.award->year, certificate_code(d.award_class, level));
    CertificateData data;
    data.number = fmt::format("{}-{:03}", prefix, ++next[prefix]);
    data.dossier = d.id;
    data.holder = d.applicant.name;
    data.organisation = d.applicant.organisation.name;
    data.award_class = model::to_string(d.award_class);
    data.level = level;
    data.award = award_zh(d.award_class, level);
    data.year = d.award->year;
    data.issued_on = settings.issued_on;
    data.issuer = settings.issuer;
    data.cycle_name = settings.cycle_name;
    auto cert = sign_certificate(std::move(data), key);

    model::StageRecord rec;
    rec.stage = model::Stage::awarded;
    rec.date = settings.issued_on;
    rec.command = "sqma certify";
    rec.version = k_version;
    rec.inputs.push_back({"dossier", digests.at(i)});
    rec.inputs.insert(rec.inputs.end(), settings.inputs.begin(), settings.inputs.end());
    rec.outcome = "awarded";
    rec.details = {{"certificate", cert.data.number},
                   {"year", cert.data.year},
                   {"key", cert.key_id},
                   {"clause", "M-19"}};
    d.award->certificate = cert.data.number;
    d.stage = model::Stage::awarded;
    d.history.push_back(std::move(rec));
    out.push_back(std::move(cert));
  }
  return out;
}

std::map<std::string, Revocation> revocations(const std::vector<model::Dossier>& dossiers)
{
  std::map<std::string, Revocation> out;
  for (const auto& d : dossiers) {
    if (d.award && d.award->certificate && d.award->revoked_on) {
      out[*d.award->certificate] =
          Revocation{*d.award->revoked_on, d.award->revocation_reason.value_or("other")};
    }
  }
  return out;
}

Result<bool> revoke(model::Dossier& dossier, const RevokeSettings& settings)
{
  if (!is_revocation_reason(settings.reason)) {
    return Failure{ExitCode::usage, fmt::format("--reason {}: expected one of {} (M-22)",
                                                settings.reason, revocation_reasons())};
  }
  if ((dossier.stage != model::Stage::awarded && dossier.stage != model::Stage::approved) ||
      !dossier.award) {
    return Failure{ExitCode::negative,
                   fmt::format("{}: is at stage {}; only an approved or awarded dossier's award "
                               "can be revoked (M-22)",
                               dossier.id, model::to_string(dossier.stage))};
  }
  dossier.award->revoked_on = settings.date;
  dossier.award->revocation_reason = settings.reason;
  nlohmann::json details{
      {"clause", "M-22"}, {"reason", settings.reason}, {"reason_zh", reason_zh(settings.reason)}};
  if (dossier.award->certificate) {
    details["certificate"] = *dossier.award->certificate;
  }
  if (settings.reference) {
    details["reference"] = *settings.reference;
  }
  if (settings.note) {
    details["note"] = *settings.note;
  }
  model::StageRecord rec;
  rec.stage = model::Stage::revoked;
  rec.date = settings.date;
  rec.command = "sqma certify revoke";
  rec.version = k_version;
  rec.inputs.push_back({"dossier", settings.dossier_sha256});
  rec.outcome = "revoked";
  rec.details = std::move(details);
  dossier.stage = model::Stage::revoked;
  dossier.history.push_back(std::move(rec));
  return true;
}

Verification verify_certificate(std::string_view text, const Key& key,
                                const std::map<std::string, Revocation>& revoked)
{
  Verification out;
  std::string_view record_text = text;
  const bool svg = text.find("<svg") != std::string_view::npos;
  std::string unescaped;
  if (svg) {
    const auto open = text.find(k_metadata_open);
    const auto close = open == std::string_view::npos ? open : text.find(k_metadata_close, open);
    if (close == std::string_view::npos) {
      out.reason = "the SVG holds no sqma certificate record";
      return out;
    }
    const auto start = open + k_metadata_open.size();
    unescaped = xml_unescape(text.substr(start, close - start));
    record_text = unescaped;
  }
  auto cert = parse_record(record_text, out.reason);
  if (!cert) {
    return out;
  }
  if (cert->key_id != key.id()) {
    out.reason = fmt::format("the certificate {} names the key {}, not the key {} given",
                             cert->data.number, cert->key_id, key.id());
    out.certificate = std::move(cert);
    return out;
  }
  if (!key.verify(signed_message(cert->data), cert->signature)) {
    out.reason = fmt::format("the signature does not match the certificate {} and the key {}",
                             cert->data.number, key.id());
    out.certificate = std::move(cert);
    return out;
  }
  if (svg && render_svg(*cert) != text) {
    out.reason = fmt::format("the SVG of {} differs from the one its signed record renders",
                             cert->data.number);
    out.certificate = std::move(cert);
    return out;
  }
  const auto r = revoked.find(cert->data.number);
  if (r != revoked.end()) {
    out.verdict = Verdict::revoked;
    out.reason = fmt::format("revoked on {} ({}, M-22)", r->second.date.iso(), r->second.reason);
  } else {
    out.verdict = Verdict::valid;
  }
  out.certificate = std::move(cert);
  return out;
}

} // namespace sqma::certify
