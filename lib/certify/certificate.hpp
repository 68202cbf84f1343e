// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "certify/signing.hpp"
#include "core/result.hpp"
#include "model/date.hpp"
#include "model/dossier.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Certificates (M-19, M-20): numbers, signed records, printable SVG, verification, revocation.
namespace sqma::certify {

// What a certificate states; every field is signed.
struct CertificateData {
  std::string number; // SQMA-<year>-<code>-<NNN>, see certificate_code()
  std::string dossier;
  std::string holder;       // organisation, project or person as published
  std::string organisation; // the applicant organisation (employer, lead unit)
  std::string award_class;  // organisation | project | individual
  std::string level;        // level or kind; empty for a project
  std::string award;        // "上海市质量管理奖（组织奖·标杆示范级）"
  int year = 0;             // the award year (M-20)
  model::Date issued_on;
  std::string issuer;     // the publisher of the cycle config
  std::string cycle_name; // "2025年上海市质量管理奖"
};

// A certificate with its Ed25519 signature (raw bytes) and the signing key's id.
struct SignedCertificate {
  CertificateData data;
  std::string signature;
  std::string key_id;
};

// The two-letter code of a class and level or kind in certificate numbers: BM benchmark,
// PR professional, IM implementation, PJ project, LD leader, QM manager, QC craftsman.
[[nodiscard]] std::string certificate_code(model::AwardClass award_class, std::string_view level);

// The bytes that are signed: the data as compact JSON with sorted keys.
[[nodiscard]] std::string signed_message(const CertificateData& data);

// Signs `data` with `key` (a private key).
[[nodiscard]] SignedCertificate sign_certificate(CertificateData data, const Key& key);

// The certificate record: {"certificate":{...},"key":...,"schema":"certificate.v1",
// "signature":base64}, indented by two spaces with a final newline.
[[nodiscard]] std::string record_json(const SignedCertificate& cert);

// The record as one compact line, as the QR code and the SVG's <metadata> carry it.
[[nodiscard]] std::string record_compact(const SignedCertificate& cert);

// The printable certificate: an A4 landscape SVG with the Chinese text in a CJK font stack, a
// QR code holding the compact record, and the record itself in <metadata>.
[[nodiscard]] std::string render_svg(const SignedCertificate& cert);

// Settings of issue_certificates.
struct IssueSettings {
  model::Date issued_on;
  std::string issuer;
  std::string cycle_name;
  std::vector<model::InputDigest> inputs; // digests recorded in the history besides the dossier's
};

// Issues a certificate to every dossier at stage approved: numbers per class, level or kind
// and year, in the order of the final round's rank and then id, continuing after numbers
// that dossiers among the inputs already hold. Each such dossier gets stage awarded, the
// number in award.certificate and a history record. `digests` holds each dossier's digest.
[[nodiscard]] std::vector<SignedCertificate>
issue_certificates(std::vector<model::Dossier>& dossiers, const std::vector<std::string>& digests,
                   const Key& key, const IssueSettings& settings);

// A revocation as recorded in a dossier.
struct Revocation {
  model::Date date;
  std::string reason;
};

// Revocations by certificate number, from dossiers with award.revoked_on.
[[nodiscard]] std::map<std::string, Revocation>
revocations(const std::vector<model::Dossier>& dossiers);

// Settings of revoke().
struct RevokeSettings {
  std::string reason; // one of the M-22 categories (revocation_reasons())
  model::Date date;
  std::optional<std::string> reference; // the committee's approval
  std::optional<std::string> note;
  std::string dossier_sha256;
};

// Revokes the award of an approved or awarded dossier (M-22): stage revoked, revoked_on
// and the reason in the award record, a history record. A Failure (negative) for a dossier
// at any other stage or an unknown reason.
[[nodiscard]] Result<bool> revoke(model::Dossier& dossier, const RevokeSettings& settings);

enum class Verdict { valid, invalid, revoked };

// What verify_certificate found.
struct Verification {
  Verdict verdict = Verdict::invalid;
  std::string reason; // why it is invalid or revoked
  std::optional<SignedCertificate> certificate;
};

// Checks a certificate record or its SVG (told apart by content) against `key`: the record
// must parse, its signature must verify, and an SVG must be exactly the one its record
// renders. A valid certificate whose number is in `revoked` is reported revoked.
[[nodiscard]] Verification verify_certificate(std::string_view text, const Key& key,
                                              const std::map<std::string, Revocation>& revoked);

} // namespace sqma::certify
