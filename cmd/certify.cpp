// SPDX-License-Identifier: Apache-2.0
// sqma certify: the committee's decisions (结果审定), certificates, verification, revocation.
#include "calendar/calendar.hpp"
#include "certify/certificate.hpp"
#include "certify/decisions.hpp"
#include "certify/inputs.hpp"
#include "certify/names.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "core/parallel.hpp"
#include "cycle/config.hpp"
#include "io/atomic_file.hpp"
#include "io/files.hpp"
#include "io/path_guard.hpp"
#include "model/dossier_io.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>

namespace sqma::cmd {
namespace {

// certify verify's answer for a revoked certificate (documented in sqma-certify(1)).
constexpr int k_exit_revoked = 5;

enum class Action { decide, verify, revoke };

struct Options {
  Action action = Action::decide;
  std::vector<std::string> inputs;
  std::string cycle;
  std::string decisions;
  std::string key;
  std::string certificates;
  std::string date;
  std::string out_dir;
  bool force = false;
  // verify
  std::string public_key;
  std::vector<std::string> dossiers;
  // revoke
  std::string dossier;
  std::string reason;
  std::string reference;
  std::string note;
};

// Reads the dossiers; any that cannot be read stops the run before anything is written.
certify::Inputs read_all(const std::vector<std::string>& args,
                         const cycle::Config* config = nullptr)
{
  auto inputs = certify::read_inputs(args, std::cin, config).take();
  if (!inputs.unreadable.empty()) {
    for (const auto& f : inputs.unreadable) {
      print_error(f);
    }
    throw Error(ExitCode::data, fmt::format("{} input record(s) could not be read as dossiers; "
                                            "nothing was written",
                                            inputs.unreadable.size()));
  }
  return inputs;
}

void write_dossiers(const Options& options, const std::vector<model::Dossier>& dossiers,
                    std::vector<io::AtomicFile>& side_files)
{
  model::DossierWriter writer(std::cout,
                              writer_options(options.out_dir, options.force, options.inputs));
  for (const auto& d : dossiers) {
    writer.write(d);
  }
  io::commit_all(side_files);
  writer.commit();
}

// Stages a certificate file; an existing one needs --force.
io::AtomicFile stage_file(const std::filesystem::path& path, const std::string& text, bool force)
{
  io::refuse_existing(path, force);
  io::AtomicFile file(path);
  file.write(text);
  file.close();
  return file;
}

int run_decide(const Options& options)
{
  if (options.cycle.empty()) {
    throw UsageError("--cycle is required");
  }
  if (options.decisions.empty() && options.key.empty()) {
    throw UsageError("give --decisions to record decisions, --key and --certificates to issue "
                     "certificates, or both");
  }
  if (options.key.empty() != options.certificates.empty()) {
    throw UsageError("--key and --certificates go together");
  }
  if (!options.key.empty() && options.decisions.empty()) {
    throw UsageError("certificates need --decisions: the committee's decisions file records the "
                     "public notice and the objections that a certificate must follow (A1-10)");
  }
  if (!options.key.empty() && options.date.empty()) {
    throw UsageError("give --date: the day the certificates are issued, after the notice");
  }
  if (options.inputs.empty()) {
    throw UsageError("no dossiers given");
  }
  auto guard = dossier_guard(options.inputs, options.out_dir);
  guard.input_file("--cycle", options.cycle);
  guard.input_file("--decisions", options.decisions);
  guard.input_file("--key", options.key);
  guard.output_dir("--certificates", options.certificates, {".json", ".svg"});
  guard.check(options.force);
  const auto config = load_cycle(guard, options.cycle, options.force);
  std::optional<certify::Decisions> decisions;
  if (!options.decisions.empty()) {
    decisions = certify::load_decisions(options.decisions).take();
  }
  std::optional<certify::Key> key;
  if (!options.key.empty()) {
    key = certify::Key::load_private(options.key).take();
  }
  auto inputs = read_all(options.inputs, &config);
  const auto cycle_name = std::filesystem::path(options.cycle).filename().string();
  if (decisions) {
    const auto problems = certify::apply_decisions(
        inputs.dossiers, inputs.digests, *decisions,
        certify::DecisionInputs{cycle_name, config.sha256, config.year, config.caps});
    if (!problems.empty()) {
      for (const auto& p : problems) {
        print_error(p);
      }
      print_error(
          fmt::format("{} problem(s) with the decisions; nothing was written", problems.size()));
      return static_cast<int>(ExitCode::negative);
    }
  }
  std::vector<io::AtomicFile> files;
  if (key) {
    const auto issued_on = date_option("--date", options.date);
    std::unique_ptr<calendar::Calendar> custom;
    if (config.calendar) {
      custom = std::make_unique<calendar::Calendar>(
          calendar::load_file(config.calendar->string()).take());
    }
    const auto problems = certify::issue_guards(inputs.dossiers, *decisions, issued_on,
                                                custom ? *custom : calendar::Calendar::builtin(),
                                                config.raw.at("notice").value("working_days", 7));
    if (!problems.empty()) {
      for (const auto& p : problems) {
        print_error(p);
      }
      print_error(
          fmt::format("{} problem(s) with the certificates; nothing was written", problems.size()));
      return static_cast<int>(ExitCode::negative);
    }
    certify::IssueSettings settings{issued_on,
                                    config.raw.at("notice").at("publisher").get<std::string>(),
                                    config.name,
                                    {{cycle_name, config.sha256}}};
    // After the decisions the dossier's digest is that of the record as it now stands.
    const auto digests = decisions ? certify::current_digests(inputs.dossiers) : inputs.digests;
    const auto certs = certify::issue_certificates(inputs.dossiers, digests, *key, settings);
    if (certs.empty()) {
      print_error("no dossier among the inputs is approved by the committee (A1-10): no "
                  "certificate was issued and nothing was written");
      return static_cast<int>(ExitCode::negative);
    }
    io::create_output_dir(options.certificates);
    // Drawing a certificate (its QR code above all) is most of the run: two at a time.
    std::vector<std::string> drawn(certs.size());
    parallel_for(certs.size(), cpu_threads(),
                 [&](std::size_t i) { drawn[i] = certify::render_svg(certs[i]); });
    for (std::size_t i = 0; i < certs.size(); ++i) {
      const auto base = std::filesystem::path(options.certificates) / certs[i].data.number;
      files.push_back(
          stage_file(base.string() + ".json", certify::record_json(certs[i]), options.force));
      files.push_back(stage_file(base.string() + ".svg", drawn[i], options.force));
    }
  }
  write_dossiers(options, inputs.dossiers, files);
  return 0;
}

int run_verify(const Options& options)
{
  const auto key = certify::Key::load_public(options.public_key).take();
  std::map<std::string, certify::Revocation> revoked;
  if (!options.dossiers.empty()) {
    revoked = certify::revocations(read_all(options.dossiers).dossiers);
  }
  // Checked two at a time (redrawing each certificate to compare is most of the work),
  // reported in the order given, stopping at the first file that cannot be read.
  std::vector<std::optional<Failure>> unread(options.inputs.size());
  std::vector<std::optional<certify::Verification>> checks(options.inputs.size());
  // Nothing after the first file that cannot be read is read; standard input is read on
  // this thread alone.
  const bool stdin_named =
      std::find(options.inputs.begin(), options.inputs.end(), "-") != options.inputs.end();
  std::atomic<std::size_t> first_unread{options.inputs.size()};
  parallel_for(options.inputs.size(), stdin_named ? 1U : cpu_threads(), [&](std::size_t i) {
    if (i > first_unread.load()) {
      return;
    }
    const auto text = io::read_file(options.inputs[i]);
    if (text) {
      checks[i].emplace(certify::verify_certificate(text.value(), key, revoked));
    } else {
      unread[i].emplace(text.failure());
      for (auto seen = first_unread.load();
           i < seen && !first_unread.compare_exchange_weak(seen, i);) {
      }
    }
  });
  int worst = 0;
  for (std::size_t i = 0; i < options.inputs.size(); ++i) {
    const auto& path = options.inputs[i];
    if (unread[i]) {
      throw DataError(*unread[i]);
    }
    const auto& v = *checks[i];
    const auto* c = v.certificate ? &v.certificate->data : nullptr;
    switch (v.verdict) {
    case certify::Verdict::valid:
      fmt::print("{}: valid: {} {} {} {}年\n", path, c->number, c->holder, c->award, c->year);
      break;
    case certify::Verdict::revoked:
      fmt::print("{}: revoked: {} {}: {}\n", path, c->number, c->holder, v.reason);
      worst = worst == 1 ? 1 : k_exit_revoked;
      break;
    case certify::Verdict::invalid:
      fmt::print("{}: invalid: {}\n", path, v.reason);
      worst = 1;
      break;
    }
  }
  return worst;
}

int run_revoke(const Options& options)
{
  const auto date = date_option("--date", options.date);
  if (!certify::is_revocation_reason(options.reason)) {
    throw UsageError(fmt::format("--reason {}: expected one of {} (M-22)", options.reason,
                                 certify::revocation_reasons()));
  }
  if (options.reference.find_first_not_of(" \t") == std::string::npos) {
    throw UsageError("--reference is empty: give the reference of the committee's approval of "
                     "the revocation (M-22)");
  }
  dossier_guard(options.inputs, options.out_dir).check(options.force);
  auto inputs = read_all(options.inputs);
  bool found = false;
  for (std::size_t i = 0; i < inputs.dossiers.size(); ++i) {
    auto& d = inputs.dossiers[i];
    if (d.id != options.dossier) {
      continue;
    }
    found = true;
    certify::RevokeSettings settings{options.reason, date, options.reference, std::nullopt,
                                     inputs.digests[i]};
    if (!options.note.empty()) {
      settings.note = options.note;
    }
    auto done = certify::revoke(d, settings);
    if (!done) {
      print_error(done.failure());
      return static_cast<int>(done.failure().code);
    }
  }
  if (!found) {
    print_error(fmt::format("--dossier {}: no such dossier among the inputs", options.dossier));
    return static_cast<int>(ExitCode::negative);
  }
  std::vector<io::AtomicFile> none;
  write_dossiers(options, inputs.dossiers, none);
  return 0;
}

int run(const Options& options)
{
  switch (options.action) {
  case Action::decide: return run_decide(options);
  case Action::verify: return run_verify(options);
  case Action::revoke: return run_revoke(options);
  }
  return static_cast<int>(ExitCode::internal);
}

void add_output_options(CLI::App* sub, Options& options)
{
  sub->add_option("-o,--out-dir", options.out_dir,
                  "Write one <id>.json per dossier here instead of JSON Lines to standard output");
  sub->add_flag("--force", options.force, "Replace existing files");
}

} // namespace

void register_certify(CLI::App& app, Dispatch& dispatch)
{
  auto options = std::make_shared<Options>();
  auto* sub = app.add_subcommand(
      "certify",
      "Record the committee's decisions (结果审定), issue, verify and revoke certificates");
  sub->footer(R"(Decisions are refused as a whole, with every problem named and nothing written,
when a decided dossier has not completed its rounds or is not among the inputs, a proposed
dossier has no decision, or a cap is exceeded without a [[cap_exception]].
Certificates need the decisions file with its [notice] (start, end) and [[objection]]s, and
are refused, nothing written, when dated before the decision (certify.before-decision),
before the notice has ended (certify.notice-period), or for a dossier with an objection
upheld or pending (certify.objection-upheld, A1-10, A2-8, A3-12).
Certificates are numbered SQMA-<year>-<code>-<NNN> (see sqma-certify(1)).

Exit status: 0 done, 1 decisions refused, 2 usage error, 3 unreadable input, 4 cannot write.
certify verify: 0 valid, 1 invalid, 5 revoked.

Examples:
  sqma certify --cycle tests/fixtures/certify/cycle.toml \
      --decisions tests/fixtures/certify/decisions.toml \
      --key samples/keys/sample-private.pem --certificates certs/ --date 2025-10-20 \
      -o awarded/ tests/fixtures/certify/final/
  sqma certify verify --public-key samples/keys/sample-public.pem certs/SQMA-2025-BM-001.svg
  sqma certify revoke --dossier SQMA-2025-O03 --reason major_complaint --date 2026-03-02 \
      --reference "审定委员会〔2026〕2号" -o revoked/ awarded/)");
  sub->add_option("inputs", options->inputs, "Dossier files or folders (- for standard input)");
  sub->add_option("--cycle", options->cycle, "The cycle config (TOML)");
  sub->add_option("--decisions", options->decisions,
                  "The committee's decisions (TOML, decisions.v1)");
  sub->add_option("--key", options->key,
                  "Ed25519 private key (PEM) to sign certificates with; issues a certificate to "
                  "every approved dossier");
  sub->add_option("--certificates", options->certificates,
                  "Folder for the certificates: <number>.json (signed record) and <number>.svg");
  sub->add_option("--date", options->date,
                  "Issue date of the certificates, YYYY-MM-DD: after the decision and the notice");
  add_output_options(sub, *options);
  sub->callback([options, sub, &dispatch] {
    if (sub->get_subcommands().empty()) {
      options->action = Action::decide;
      dispatch.run = [options] { return run(*options); };
    }
  });

  auto* verify = sub->add_subcommand(
      "verify",
      "Check certificate records or SVGs against the public key: valid, invalid or revoked");
  verify->footer(
      R"(Exit status: 0 every certificate valid, 1 some invalid (signature, content, or an SVG
that differs from the one its record renders), 5 some revoked and none invalid,
2 usage error, 3 unreadable file or key.

Examples:
  sqma certify verify --public-key samples/keys/sample-public.pem certs/*.json
  sqma certify verify --public-key samples/keys/sample-public.pem --dossiers revoked/ \
      certs/SQMA-2025-BM-001.svg)");
  verify->add_option("certificates", options->inputs, "Certificate records (.json) or SVGs")
      ->required();
  verify->add_option("--public-key", options->public_key, "Ed25519 public key (PEM)")->required();
  verify
      ->add_option("--dossiers", options->dossiers,
                   "Dossiers (files or folders) whose revocations count (award.revoked_on); "
                   "repeatable")
      ->allow_extra_args(false);
  verify->callback([options, &dispatch] {
    options->action = Action::verify;
    dispatch.run = [options] { return run(*options); };
  });

  auto* revoke = sub->add_subcommand("revoke", "Revoke an award (M-22) and record it in history");
  revoke->footer(R"(Reasons (M-22): quality_accident, safety_accident, environmental_accident,
public_health_accident, food_safety_accident, major_complaint, serious_dishonesty, other.

Exit status: 0 revoked, 1 not revocable or not found, 2 usage error, 3 unreadable input.

Examples:
  sqma certify revoke --dossier SQMA-2025-O03 --reason serious_dishonesty \
      --date 2026-03-02 --reference "审定委员会〔2026〕2号" -o revoked/ awarded/)");
  revoke->add_option("dossiers", options->inputs, "Dossier files or folders (- for standard input)")
      ->required();
  revoke->add_option("--dossier", options->dossier, "Id of the dossier whose award is revoked")
      ->required();
  revoke->add_option("--reason", options->reason, "Reason category (M-22), see below")->required();
  revoke->add_option("--date", options->date, "Date of the revocation, YYYY-MM-DD")->required();
  revoke
      ->add_option("--reference", options->reference,
                   "Reference of the committee's approval (M-22), recorded in history")
      ->required();
  revoke->add_option("--note", options->note, "A note recorded in history");
  add_output_options(revoke, *options);
  revoke->callback([options, &dispatch] {
    options->action = Action::revoke;
    dispatch.run = [options] { return run(*options); };
  });
}

} // namespace sqma::cmd
