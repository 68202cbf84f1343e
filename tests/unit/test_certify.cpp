// SPDX-License-Identifier: Apache-2.0
#include "calendar/calendar.hpp"
#include "certify/certificate.hpp"
#include "certify/decisions.hpp"
#include "certify/inputs.hpp"
#include "certify/signing.hpp"
#include "commands.hpp"
#include "io/files.hpp"
#include "model/dossier_io.hpp"
#include "temp_dir.hpp"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace sqma;
using sqma::test::TempDir;

namespace {

const std::filesystem::path k_fixtures =
    std::filesystem::path(SQMA_SOURCE_DIR) / "tests" / "fixtures" / "certify";

// A fresh Ed25519 key pair made by the openssl command, as the office would make one.
struct KeyPair {
  std::filesystem::path private_pem;
  std::filesystem::path public_pem;
};

KeyPair make_keys(const TempDir& dir, const std::string& name = "key")
{
  KeyPair keys{dir.path() / (name + ".pem"), dir.path() / (name + "-public.pem")};
  const auto command = "openssl genpkey -algorithm ed25519 -out '" + keys.private_pem.string() +
                       "' && openssl pkey -in '" + keys.private_pem.string() + "' -pubout -out '" +
                       keys.public_pem.string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  return keys;
}

certify::CertificateData sample_data()
{
  certify::CertificateData d;
  d.number = "SQMA-2025-BM-001";
  d.dossier = "SQMA-2025-O01";
  d.holder = "上海擎宇智能装备股份有限公司";
  d.organisation = d.holder;
  d.award_class = "organisation";
  d.level = "benchmark";
  d.award = "上海市质量管理奖（组织奖·标杆示范级）";
  d.year = 2025;
  d.issued_on = *model::Date::parse("2025-10-20");
  d.issuer = "上海市质量协会";
  d.cycle_name = "2025年上海市质量管理奖";
  return d;
}

certify::Inputs fixture_inputs(const std::vector<std::string>& folders)
{
  std::vector<std::string> args;
  for (const auto& f : folders) {
    args.push_back((k_fixtures / f).string());
  }
  std::istringstream none;
  auto inputs = certify::read_inputs(args, none, nullptr).take();
  REQUIRE(inputs.unreadable.empty());
  return inputs;
}

certify::DecisionInputs decision_inputs()
{
  return {"cycle.toml",
          std::string(64, 'c'),
          2025,
          {{"benchmark", 1}, {"project", 10}, {"leader", 2}, {"manager", 20}, {"craftsman", 20}}};
}

std::string dump_all(const std::vector<model::Dossier>& dossiers)
{
  std::string out;
  for (const auto& d : dossiers) {
    out += model::dump_dossier(d, false);
  }
  return out;
}

const std::map<std::string, certify::Revocation> k_none;

} // namespace

TEST_CASE("certify: base64 round trip and rejects", "[certify]")
{
  for (const std::string text : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    CHECK(certify::base64_decode(certify::base64_encode(text)) == text);
  }
  CHECK(certify::base64_encode("foobar") == "Zm9vYmFy");
  CHECK_FALSE(certify::base64_decode("Zm9"));
  CHECK_FALSE(certify::base64_decode("Zm=v"));
  CHECK_FALSE(certify::base64_decode("Zm9v!A=="));
}

TEST_CASE("certify: sign and verify a record and its SVG; every flipped byte is rejected",
          "[certify]")
{
  TempDir dir;
  const auto keys = make_keys(dir);
  const auto signer = certify::Key::load_private(keys.private_pem.string()).take();
  const auto verifier = certify::Key::load_public(keys.public_pem.string()).take();
  CHECK(signer.id() == verifier.id());
  const auto cert = certify::sign_certificate(sample_data(), signer);
  CHECK(cert.signature.size() == 64);
  const auto record = certify::record_json(cert);
  const auto svg = certify::render_svg(cert);

  auto v = certify::verify_certificate(record, verifier, k_none);
  CHECK(v.verdict == certify::Verdict::valid);
  REQUIRE(v.certificate);
  CHECK(v.certificate->data.number == "SQMA-2025-BM-001");
  CHECK(certify::verify_certificate(svg, verifier, k_none).verdict == certify::Verdict::valid);
  // Ed25519 is deterministic: the same data and key give the same bytes.
  CHECK(certify::render_svg(certify::sign_certificate(sample_data(), signer)) == svg);

  for (std::size_t i = 0; i < record.size(); ++i) {
    auto bad = record;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    INFO("record byte " << i);
    CHECK(certify::verify_certificate(bad, verifier, k_none).verdict == certify::Verdict::invalid);
  }
  for (std::size_t i = 0; i < svg.size(); i += svg.size() / 257) {
    auto bad = svg;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    INFO("SVG byte " << i);
    CHECK(certify::verify_certificate(bad, verifier, k_none).verdict == certify::Verdict::invalid);
  }
}

TEST_CASE("certify: another key's certificate is invalid, and a public key cannot sign",
          "[certify]")
{
  TempDir dir;
  const auto ours = make_keys(dir, "ours");
  const auto theirs = make_keys(dir, "theirs");
  const auto cert = certify::sign_certificate(
      sample_data(), certify::Key::load_private(theirs.private_pem.string()).take());
  const auto verifier = certify::Key::load_public(ours.public_pem.string()).take();
  CHECK(certify::verify_certificate(certify::record_json(cert), verifier, k_none).verdict ==
        certify::Verdict::invalid);
  const auto loaded = certify::Key::load_private(ours.public_pem.string());
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.failure().code == ExitCode::data);
}

TEST_CASE("certify: decisions, numbers, revocation and verification as revoked", "[certify]")
{
  TempDir dir;
  const auto keys = make_keys(dir);
  const auto key = certify::Key::load_private(keys.private_pem.string()).take();
  auto inputs = fixture_inputs({"final"});
  const auto decisions = certify::load_decisions((k_fixtures / "decisions.toml").string()).take();
  REQUIRE(certify::apply_decisions(inputs.dossiers, inputs.digests, decisions, decision_inputs())
              .empty());
  std::map<std::string, std::string> stage;
  for (const auto& d : inputs.dossiers) {
    stage[d.id] = model::to_string(d.stage);
  }
  CHECK(stage["SQMA-2025-O01"] == "approved");
  CHECK(stage["SQMA-2025-O05"] == "rejected"); // not advanced: passed through
  CHECK(stage["SQMA-2025-P03"] == "rejected"); // rejected by the committee
  const auto o03 = std::find_if(inputs.dossiers.begin(), inputs.dossiers.end(),
                                [](const auto& d) { return d.id == "SQMA-2025-O03"; });
  REQUIRE(o03->award);
  CHECK(o03->award->level == "professional"); // the level the panel proposed
  CHECK(o03->award->year == 2025);
  CHECK(o03->history.back().details.at("meeting").at("reference") == "沪质奖审〔2025〕1号");

  const certify::IssueSettings settings{
      *model::Date::parse("2025-10-20"), "上海市质量协会", "2025年上海市质量管理奖", {}};
  auto again = inputs;
  const auto certs = certify::issue_certificates(inputs.dossiers, inputs.digests, key, settings);
  const auto certs_again =
      certify::issue_certificates(again.dossiers, again.digests, key, settings);
  REQUIRE(certs.size() == 10);
  std::map<std::string, std::string> numbers;
  for (std::size_t i = 0; i < certs.size(); ++i) {
    numbers[certs[i].data.dossier] = certs[i].data.number;
    CHECK(certify::record_json(certs[i]) == certify::record_json(certs_again[i]));
    CHECK(certs[i].data.year == 2025);
  }
  CHECK(numbers["SQMA-2025-O01"] == "SQMA-2025-BM-001");
  CHECK(numbers["SQMA-2025-O02"] == "SQMA-2025-PR-001"); // rank 2 before rank 3
  CHECK(numbers["SQMA-2025-O03"] == "SQMA-2025-PR-002");
  CHECK(numbers["SQMA-2025-O04"] == "SQMA-2025-IM-001");
  CHECK(numbers["SQMA-2025-P02"] == "SQMA-2025-PJ-002");
  CHECK(numbers["SQMA-2025-L02"] == "SQMA-2025-LD-002");
  CHECK(numbers["SQMA-2025-M01"] == "SQMA-2025-QM-001");
  CHECK(numbers["SQMA-2025-C01"] == "SQMA-2025-QC-001");

  auto& o01 = inputs.dossiers[static_cast<std::size_t>(
      std::find_if(inputs.dossiers.begin(), inputs.dossiers.end(),
                   [](const auto& d) { return d.id == "SQMA-2025-O01"; }) -
      inputs.dossiers.begin())];
  CHECK(o01.stage == model::Stage::awarded);
  const auto history_size = o01.history.size();
  const certify::RevokeSettings revoke{"serious_dishonesty", *model::Date::parse("2026-03-02"),
                                       std::string("审定委员会〔2026〕2号"), std::nullopt,
                                       std::string(64, 'a')};
  REQUIRE(certify::revoke(o01, revoke).ok());
  CHECK(o01.stage == model::Stage::revoked);
  CHECK(o01.history.size() == history_size + 1);
  CHECK(o01.history.back().details.at("reason") == "serious_dishonesty");
  CHECK(o01.award->revoked_on->iso() == "2026-03-02");
  // Revoking twice, or an unknown reason, is refused.
  CHECK(certify::revoke(o01, revoke).failure().code == ExitCode::negative);
  auto other = revoke;
  other.reason = "scandal";
  CHECK(certify::revoke(inputs.dossiers.front(), other).failure().code == ExitCode::usage);

  const auto verifier = certify::Key::load_public(keys.public_pem.string()).take();
  const auto revoked = certify::revocations(inputs.dossiers);
  REQUIRE(revoked.size() == 1);
  const auto bm = std::find_if(certs.begin(), certs.end(),
                               [](const auto& c) { return c.data.number == "SQMA-2025-BM-001"; });
  const auto v = certify::verify_certificate(certify::render_svg(*bm), verifier, revoked);
  CHECK(v.verdict == certify::Verdict::revoked);
  CHECK_THAT(v.reason, Catch::Contains("2026-03-02"));
  CHECK(
      certify::verify_certificate(certify::record_json(certs.back()), verifier, revoked).verdict ==
      certify::Verdict::valid);
}

TEST_CASE("certify: refused decisions leave every dossier as it was", "[certify]")
{
  SECTION("a dossier that has not completed its rounds")
  {
    auto inputs = fixture_inputs({"final", "pending"});
    const auto before = dump_all(inputs.dossiers);
    const auto problems = certify::apply_decisions(
        inputs.dossiers, inputs.digests,
        certify::load_decisions((k_fixtures / "decisions-pending.toml").string()).take(),
        decision_inputs());
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0].describe(), Catch::Contains("SQMA-2025-O06: has not completed its "
                                                       "rounds (A1-10)"));
    CHECK(problems[0].where.line == 58);
    CHECK(dump_all(inputs.dossiers) == before);
  }
  SECTION("a cap exceeded without a justification, then with one")
  {
    auto inputs = fixture_inputs({"final"});
    const auto before = dump_all(inputs.dossiers);
    const auto problems = certify::apply_decisions(
        inputs.dossiers, inputs.digests,
        certify::load_decisions((k_fixtures / "decisions-cap.toml").string()).take(),
        decision_inputs());
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0].message, Catch::Contains("benchmark cap of 1 (M-7"));
    CHECK(dump_all(inputs.dossiers) == before);

    const auto justified =
        certify::load_decisions((k_fixtures / "decisions-cap-justified.toml").string()).take();
    REQUIRE(certify::apply_decisions(inputs.dossiers, inputs.digests, justified, decision_inputs())
                .empty());
    const auto& o02 = *std::find_if(inputs.dossiers.begin(), inputs.dossiers.end(),
                                    [](const auto& d) { return d.id == "SQMA-2025-O02"; });
    CHECK(o02.history.back().details.at("cap_exception").at("clause") == "M-7");
  }
  SECTION("a cap counts the approvals of earlier meetings of the cycle")
  {
    auto text = io::read_file((k_fixtures / "decisions-cap.toml").string()).take();
    const std::string o02 =
        "[[decision]]\ndossier = \"SQMA-2025-O02\"\noutcome = \"approve\"\nlevel = "
        "\"benchmark\"\n\n";
    REQUIRE(text.find(o02) != std::string::npos);
    text.erase(text.find(o02), o02.size());
    // The first meeting decides on every proposed dossier but O02, and approves one
    // benchmark: within the cap of 1.
    auto inputs = fixture_inputs({"final"});
    const auto at = static_cast<std::size_t>(
        std::find_if(inputs.dossiers.begin(), inputs.dossiers.end(),
                     [](const auto& d) { return d.id == "SQMA-2025-O02"; }) -
        inputs.dossiers.begin());
    auto dossiers = inputs.dossiers;
    auto digests = inputs.digests;
    dossiers.erase(dossiers.begin() + static_cast<std::ptrdiff_t>(at));
    digests.erase(digests.begin() + static_cast<std::ptrdiff_t>(at));
    REQUIRE(certify::apply_decisions(dossiers, digests,
                                     certify::parse_decisions(text, "first.toml").take(),
                                     decision_inputs())
                .empty());
    // A second meeting approves O02 as benchmark too: the cycle's second, past the cap.
    dossiers.push_back(inputs.dossiers[at]);
    digests.push_back(inputs.digests[at]);
    const auto second = certify::parse_decisions(
        "schema = \"decisions.v1\"\n[meeting]\ndate = 2025-10-10\nreference = \"R2\"\n" + o02,
        "second.toml");
    const auto problems =
        certify::apply_decisions(dossiers, digests, second.value(), decision_inputs());
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0].message,
               Catch::Contains("2 approvals (SQMA-2025-O02; by earlier meetings: SQMA-2025-O01) "
                               "for the benchmark cap of 1 (M-7"));
  }
  SECTION("a missing and an unknown dossier")
  {
    auto inputs = fixture_inputs({"final"});
    const auto problems = certify::apply_decisions(
        inputs.dossiers, inputs.digests,
        certify::load_decisions((k_fixtures / "decisions-missing.toml").string()).take(),
        decision_inputs());
    CHECK(problems.size() == 2);
  }
}

TEST_CASE("certify: a refused run writes no dossier and no certificate", "[certify]")
{
  TempDir dir;
  const auto keys = make_keys(dir);
  // Refused decisions, a certificate inside the notice, and one after an upheld objection.
  for (const auto& [decisions, date] :
       std::vector<std::pair<std::string, std::string>>{{"decisions-pending.toml", "2025-10-20"},
                                                        {"decisions-cap.toml", "2025-10-20"},
                                                        {"decisions.toml", "2025-10-10"},
                                                        {"decisions-objection.toml", "2025-10-20"},
                                                        {"decisions.toml", "2025-09-20"}}) {
    INFO(decisions << " " << date);
    CLI::App app{"sqma"};
    cmd::Dispatch dispatch;
    cmd::register_certify(app, dispatch);
    std::vector<std::string> args{"certify",
                                  "--cycle",
                                  (k_fixtures / "cycle.toml").string(),
                                  "--decisions",
                                  (k_fixtures / decisions).string(),
                                  "--key",
                                  keys.private_pem.string(),
                                  "--certificates",
                                  (dir.path() / "certs").string(),
                                  "--date",
                                  date,
                                  "-o",
                                  (dir.path() / "out").string(),
                                  (k_fixtures / "final").string(),
                                  (k_fixtures / "pending").string()};
    std::reverse(args.begin(), args.end());
    app.parse(args);
    CHECK(dispatch.run() == 1);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "out"));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "certs"));
  }
}

TEST_CASE("cli: certify, verify and revoke parse their options", "[cli]")
{
  const auto parse = [](std::vector<std::string> args) {
    CLI::App app{"sqma"};
    cmd::Dispatch dispatch;
    cmd::register_certify(app, dispatch);
    std::reverse(args.begin(), args.end());
    app.parse(args);
    return static_cast<bool>(dispatch.run);
  };
  CHECK(parse({"certify", "--cycle", "c.toml", "--decisions", "d.toml", "final/"}));
  CHECK(parse({"certify", "verify", "--public-key", "k.pem", "--dossiers", "a/", "--dossiers", "b/",
               "c.svg"}));
  CHECK(parse({"certify", "revoke", "--dossier", "X", "--reason", "other", "--date", "2026-01-05",
               "--reference", "审定委员会〔2026〕1号", "-o", "out", "d/"}));
  // M-22: only with the committee's approval, whose reference is recorded.
  CHECK_THROWS_AS(parse({"certify", "revoke", "--dossier", "X", "--reason", "other", "--date",
                         "2026-01-05", "-o", "out", "d/"}),
                  CLI::RequiredError);
  CHECK_THROWS_AS(parse({"certify", "verify", "c.svg"}), CLI::RequiredError);
  CHECK_THROWS_AS(parse({"certify", "revoke", "--dossier", "X", "d/"}), CLI::RequiredError);
}

TEST_CASE("certify: the guards of issuing, each named with its clause", "[certify]")
{
  const auto decisions = [](const std::string& extra) {
    return certify::parse_decisions("schema = \"decisions.v1\"\n"
                                    "[meeting]\ndate = 2025-09-26\nreference = \"R\"\n" +
                                        extra +
                                        "[[decision]]\ndossier = \"SQMA-2025-P01\"\n"
                                        "outcome = \"approve\"\n",
                                    "d.toml")
        .take();
  };
  model::Dossier d;
  d.id = "SQMA-2025-P01";
  d.award_class = model::AwardClass::project;
  d.stage = model::Stage::approved;
  d.award = model::AwardRecord{};
  d.award->decided_on = *model::Date::parse("2025-09-26");
  const std::vector<model::Dossier> dossiers{d};
  const auto& cal = calendar::Calendar::builtin();
  const auto day = [](const char* text) { return *model::Date::parse(text); };
  const auto guards = [&](const certify::Decisions& x, const char* date) {
    std::string out;
    for (const auto& f : certify::issue_guards(dossiers, x, day(date), cal, 7)) {
      out += f.message + "\n";
    }
    return out;
  };
  const std::string notice = "[notice]\nstart = 2025-09-29\nend = 2025-10-14\n";
  // After the notice, no objection: issued.
  CHECK(guards(decisions(notice), "2025-10-15").empty());
  // No notice recorded.
  CHECK(guards(decisions(""), "2025-10-20").find("certify.notice-period (A2-8)") !=
        std::string::npos);
  // Before the decision, and inside the notice.
  CHECK(guards(decisions(notice), "2025-09-25").find("certify.before-decision (A2-8)") !=
        std::string::npos);
  CHECK(guards(decisions(notice), "2025-10-14").find("certify.notice-period (A2-8)") !=
        std::string::npos);
  // A notice shorter than 7 working days (the National Day holiday does not count), or one
  // that starts on the meeting's day.
  CHECK(guards(decisions("[notice]\nstart = 2025-09-29\nend = 2025-10-08\n"), "2025-10-20")
            .find("shorter than 7 working days, which end on 2025-10-14") != std::string::npos);
  CHECK(guards(decisions("[notice]\nstart = 2025-09-26\nend = 2025-10-14\n"), "2025-10-20")
            .find("not after the committee's meeting") != std::string::npos);
  // Objections: upheld and pending bar the certificate, dismissed does not.
  const auto objection = [&](const char* outcome) {
    return decisions(notice + "[[objection]]\ndossier = \"SQMA-2025-P01\"\noutcome = \"" + outcome +
                     "\"\n");
  };
  CHECK(guards(objection("upheld"), "2025-10-20").find("certify.objection-upheld (A2-8)") !=
        std::string::npos);
  CHECK(guards(objection("pending"), "2025-10-20").find("certify.objection-pending (A2-8)") !=
        std::string::npos);
  CHECK(guards(objection("dismissed"), "2025-10-20").empty());
}
