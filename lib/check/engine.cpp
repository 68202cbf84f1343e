// SPDX-License-Identifier: Apache-2.0
#include "check/engine.hpp"

#include "check/checks.hpp"
#include "core/version.hpp"
#include "intake/skeleton.hpp"
#include "io/files.hpp"
#include "io/sha256.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sqma::check {
namespace {

std::string fill(const std::string& message, const std::map<std::string, Text>& values,
                 bool chinese)
{
  std::string out;
  std::size_t at = 0;
  while (at < message.size()) {
    const auto open = message.find('{', at);
    const auto close = open == std::string::npos ? open : message.find('}', open);
    if (close == std::string::npos) {
      out += message.substr(at);
      break;
    }
    out += message.substr(at, open - at);
    const auto name = message.substr(open + 1, close - open - 1);
    if (const auto it = values.find(name); it != values.end()) {
      out += chinese ? it->second.zh : it->second.en;
    }
    at = close + 1;
  }
  return out;
}

BundleState open_bundle(const model::Dossier& dossier, const Settings& settings)
{
  BundleState state;
  if (!dossier.bundle) {
    return state;
  }
  state.name = dossier.bundle->path;
  const auto path = settings.bundle_dir / dossier.bundle->path;
  bundle::InspectOptions options;
  options.keep_tag_files = true;
  // A plain file name opened without following a link stays inside the folder: one path
  // lookup per bundle instead of two. Anything else, and any failure, goes the long way.
  const std::filesystem::path relative(dossier.bundle->path);
  std::optional<Result<bundle::Inspection>> inspection;
  if (!relative.has_parent_path() && relative.has_filename() && relative != "." &&
      relative != "..") {
    options.refuse_link = true;
    if (auto opened = bundle::inspect(path, settings.limits, options)) {
      inspection.emplace(std::move(opened));
    }
    options.refuse_link = false;
  }
  if (!inspection) {
    if (auto outside = io::outside_folder(settings.bundle_dir, dossier.bundle->path, "bundle")) {
      state.found = true;
      state.unreadable = std::move(*outside);
      return state;
    }
    inspection.emplace(bundle::inspect(path, settings.limits, options));
  }
  // Only a bundle that cannot be opened is looked at again, to tell a missing one (or a
  // folder in its place) from one that is there but unreadable.
  std::error_code ec;
  if (!*inspection && !std::filesystem::is_regular_file(path, ec)) {
    return state;
  }
  state.found = true;
  if (!*inspection) {
    state.unreadable = inspection->failure().message;
    return state;
  }
  state.inspection = std::move(*inspection).value();
  if (bundle::looks_like_bag(*state.inspection)) {
    state.bag = bundle::check_bag(*state.inspection);
    auto& problems = state.bag->problems;
    problems.erase(std::remove_if(problems.begin(), problems.end(),
                                  [](const bundle::BagProblem& p) {
                                    return p.kind == bundle::BagProblemKind::unsafe_entry;
                                  }),
                   problems.end());
    // Materials name files of the payload, as they name the files of a plain zip.
    const auto prefix = state.bag->top + "/data/";
    std::vector<bundle::Entry> payload;
    for (auto& entry : state.inspection->entries) {
      if (entry.name.rfind(prefix, 0) == 0) {
        entry.name.erase(0, prefix.size());
        payload.push_back(std::move(entry));
      }
    }
    state.inspection->entries = std::move(payload);
  }
  return state;
}

std::string entries_digest(const BundleState& bundle)
{
  if (!bundle.inspection) {
    return {};
  }
  io::Sha256 hash;
  for (const auto& entry : bundle.inspection->entries) {
    hash.update(fmt::format("{}  {}\n", entry.sha256, entry.name));
  }
  return hash.hex_digest();
}

// The clause of the condition check's supplements of the dossier's class.
const char* supplement_clause(model::AwardClass award_class)
{
  switch (award_class) {
  case model::AwardClass::organisation: return "A1-6";
  case model::AwardClass::project: return "A2-5";
  case model::AwardClass::individual: return "A3-9";
  }
  return "A1-6";
}

// The deadline of the supplement that the dossier's last condition check asked for, with
// the index of that history record; nullopt when its last check asked for none.
std::optional<std::pair<model::Date, std::size_t>> asked_supplement(const model::Dossier& dossier)
{
  for (std::size_t i = dossier.history.size(); i-- > 0;) {
    const auto& rec = dossier.history[i];
    if (rec.command != "sqma check") {
      continue;
    }
    if (rec.outcome != "supplement" || !rec.details.is_object() ||
        !rec.details.contains("deadline") || !rec.details.at("deadline").is_string()) {
      return std::nullopt;
    }
    const auto deadline = model::Date::parse(rec.details.at("deadline").get<std::string>());
    if (!deadline) {
      return std::nullopt;
    }
    return std::pair{*deadline, i};
  }
  return std::nullopt;
}

// A re-check after a supplement was asked for: the deadline stands (or the extension the
// office recorded with its reason). A supplement received after it, or none received by a
// re-check after it, counts as withdrawn (逾期未补充，视为放弃): the dossier is returned.
// Otherwise a dossier still incomplete keeps the deadline it was given, not a fresh one.
void guard_supplement(const model::Dossier& dossier, const Settings& settings, CheckResult& result)
{
  const auto asked = asked_supplement(dossier);
  if (!asked) {
    return;
  }
  auto deadline = asked->first;
  std::string pointer = fmt::format("/history/{}/details/deadline", asked->second);
  const auto& record = dossier.supplement;
  if (record && record->extension && record->extension->until > deadline) {
    deadline = record->extension->until;
    pointer = "/supplement/extension/until";
  }
  const bool received = record && record->received;
  const auto day = received ? *record->received : settings.check_date;
  if (day <= deadline) {
    if (result.verdict == Verdict::supplement) {
      result.deadline = deadline;
    }
    return;
  }
  Finding late;
  late.rule = "supplement.late";
  late.clause = supplement_clause(dossier.award_class);
  late.outcome = RuleOutcome::reject;
  late.message_zh =
      received ? fmt::format("逾期未补充，视为放弃：补充材料期限为{}，补充材料于{}收到。",
                             deadline.iso(), day.iso())
               : fmt::format("逾期未补充，视为放弃：补充材料期限为{}，至{}复审时未收到补充材料。",
                             deadline.iso(), day.iso());
  late.message_en = received ? fmt::format("Supplement late, taken as withdrawn: the deadline "
                                           "was {} and the supplement came on {}.",
                                           deadline.iso(), day.iso())
                             : fmt::format("Supplement late, taken as withdrawn: the deadline "
                                           "was {} and none had come by the re-check on {}.",
                                           deadline.iso(), day.iso());
  late.field = received ? "/supplement/received" : pointer;
  result.findings.insert(result.findings.begin(), std::move(late));
  result.verdict = Verdict::reject;
  result.deadline.reset();
}

// A skeleton made from the roster never passes: each part the applicant's form must bring
// is a supplement, with its clause; the rules wait for the complete dossier.
CheckResult check_skeleton(const model::Dossier& dossier, const Settings& settings)
{
  CheckResult result;
  result.verdict = Verdict::supplement;
  const auto missing = intake::missing_parts(dossier);
  for (const auto& part : missing) {
    result.findings.push_back(
        Finding{"intake.skeleton",
                part.clause,
                RuleOutcome::supplement,
                fmt::format("申报材料不完整，请提交申报表并补充：{}。", part.zh),
                fmt::format("The dossier is a skeleton from the roster: send the application form "
                            "with {}.",
                            part.en),
                "/" + part.field,
                {}});
  }
  if (missing.empty()) {
    result.findings.push_back(
        Finding{"intake.skeleton",
                supplement_clause(dossier.award_class),
                RuleOutcome::supplement,
                "申报材料不完整：尚未收到申报表。",
                "The dossier is a skeleton from the roster: the application form has not come in.",
                "/intake/state",
                {}});
  }
  result.deadline = settings.deadline;
  guard_supplement(dossier, settings, result);
  return result;
}

} // namespace

std::string_view Finding::severity() const
{
  switch (outcome) {
  case RuleOutcome::reject:
  case RuleOutcome::supplement: return "error";
  case RuleOutcome::confirm: return "warning";
  case RuleOutcome::notice: return "info";
  }
  return "info";
}

CheckResult check_dossier(const model::Dossier& dossier, const Settings& settings)
{
  if (intake::is_skeleton(dossier)) {
    return check_skeleton(dossier, settings);
  }
  const BundleState bundle = open_bundle(dossier, settings);
  const Context ctx{dossier, settings.reference_date, bundle};
  CheckResult result;
  const auto kind = applicant_kind(dossier);
  const auto group = class_group(dossier);
  for (const auto& rule : settings.rules->rules) {
    if (!rule.applies_to_kind(kind)) {
      continue;
    }
    for (auto& hit : rule.spec->evaluate(ctx, rule)) {
      result.findings.push_back(Finding{rule.id, rule.clause_for_group(group), rule.outcome,
                                        fill(rule.message_zh, hit.values, true),
                                        fill(rule.message_en, hit.values, false),
                                        std::move(hit.field), std::move(hit.file)});
      if (rule.outcome == RuleOutcome::reject) {
        result.verdict = Verdict::reject;
      } else if (rule.outcome == RuleOutcome::supplement && result.verdict == Verdict::pass) {
        result.verdict = Verdict::supplement;
      }
    }
  }
  if (result.verdict == Verdict::supplement) {
    result.deadline = settings.deadline;
  }
  guard_supplement(dossier, settings, result);
  result.bundle_digest = entries_digest(bundle);
  return result;
}

std::string_view to_string(Verdict verdict)
{
  switch (verdict) {
  case Verdict::pass: return "pass";
  case Verdict::supplement: return "supplement";
  case Verdict::reject: return "return";
  }
  return "pass";
}

std::string_view to_chinese(Verdict verdict)
{
  switch (verdict) {
  case Verdict::pass: return "通过";
  case Verdict::supplement: return "补充材料";
  case Verdict::reject: return "退回";
  }
  return "通过";
}

void record(model::Dossier& dossier, const CheckResult& result, const Settings& settings,
            const RecordInputs& inputs)
{
  // Each finding's members go in key order to the end of its map, without the copies and
  // searches of nlohmann's initializer lists: a dossier has a finding for every rule.
  const auto put = [](nlohmann::json& object, const char* key, nlohmann::json value) {
    auto& members = *object.get_ptr<nlohmann::json::object_t*>();
    members.emplace_hint(members.end(), key, std::move(value));
  };
  auto findings = nlohmann::json::array();
  findings.get_ptr<nlohmann::json::array_t*>()->reserve(result.findings.size());
  for (const auto& f : result.findings) {
    nlohmann::json evidence(nlohmann::json::value_t::object);
    put(evidence, "field", f.field);
    if (!f.file.empty()) {
      put(evidence, "file", f.file);
    }
    nlohmann::json message(nlohmann::json::value_t::object);
    put(message, "en", f.message_en);
    put(message, "zh", f.message_zh);
    auto& finding = findings.emplace_back(nlohmann::json::value_t::object);
    put(finding, "clause", f.clause);
    put(finding, "evidence", std::move(evidence));
    put(finding, "message", std::move(message));
    put(finding, "outcome", to_string(f.outcome));
    put(finding, "rule", f.rule);
    put(finding, "severity", f.severity());
  }
  nlohmann::json details{{"reference_date", settings.reference_date.iso()}, {"findings", findings}};
  if (result.deadline) {
    details["deadline"] = result.deadline->iso();
    if (*result.deadline == settings.deadline) {
      details["working_days"] = settings.supplement_working_days;
    }
  }
  model::StageRecord rec;
  rec.stage = result.verdict == Verdict::pass         ? model::Stage::eligible
              : result.verdict == Verdict::supplement ? model::Stage::supplement
                                                      : model::Stage::returned;
  rec.date = settings.check_date;
  rec.command = "sqma check";
  rec.version = k_version;
  rec.inputs.push_back({"dossier", inputs.dossier_sha256});
  rec.inputs.push_back({inputs.cycle_name, inputs.cycle_sha256});
  rec.inputs.push_back({"rulebook", inputs.rulebook_sha256});
  if (!result.bundle_digest.empty() && dossier.bundle) {
    rec.inputs.push_back({"bundle:" + dossier.bundle->path, result.bundle_digest});
  }
  rec.outcome = std::string(to_string(result.verdict));
  rec.details = std::move(details);
  dossier.stage = rec.stage;
  dossier.history.push_back(std::move(rec));
}

void require_checkable(const model::Dossier& dossier, model::Date check_date)
{
  if (dossier.stage != model::Stage::submitted && dossier.stage != model::Stage::supplement) {
    throw DataError(
        fmt::format("dossier {} is at stage {}; check works on submitted dossiers and on "
                    "supplemented ones (stage supplement)",
                    dossier.id, model::to_string(dossier.stage)));
  }
  if (!dossier.history.empty() && check_date < dossier.history.back().date) {
    const auto& last = dossier.history.back();
    throw DataError(fmt::format("dossier {}: the check date {} is before its last record ({}, {})",
                                dossier.id, check_date.iso(), last.date.iso(), last.command));
  }
}

} // namespace sqma::check
