// SPDX-License-Identifier: Apache-2.0
// The table of a checked batch, one row per dossier, for `sqma check --report`.
#include "check/batch.hpp"

#include "check/rulebook.hpp"

namespace sqma::check {

report::Table batch_table(const std::string& title)
{
  using report::Align;
  return report::Table{title,
                       {{"id", "申报编号 ID", Align::left},
                        {"class", "类别 Class", Align::left, true},
                        {"applicant", "申报主体 Applicant", Align::left},
                        {"outcome", "结论 Outcome", Align::left, true},
                        {"deadline", "补充截止 Deadline", Align::left},
                        {"clauses", "依据条款 Clauses", Align::left},
                        {"reasons", "问题 Reasons", Align::left},
                        {"to_confirm", "待评审确认 To confirm", Align::right}},
                       {},
                       0};
}

std::vector<report::Cell> batch_row(const BatchItem& item)
{
  if (item.error) {
    return {std::string{}, std::string{}, item.error->where.file, std::string("error"),
            std::string{}, std::string{}, item.error->describe(), report::Cell{}};
  }
  const auto& d = item.loaded.dossier;
  const auto& r = item.result;
  std::string clauses;
  std::string reasons;
  long long confirm = 0;
  for (const auto& f : r.findings) {
    if (f.outcome == RuleOutcome::confirm) {
      ++confirm;
      continue;
    }
    const bool counts = r.verdict == Verdict::reject ? f.outcome == RuleOutcome::reject
                                                     : f.outcome == RuleOutcome::supplement;
    if (!counts) {
      continue;
    }
    if (clauses.find(f.clause) == std::string::npos) {
      clauses += (clauses.empty() ? "" : "; ") + f.clause;
    }
    reasons += (reasons.empty() ? "" : "\n") + f.clause + " " + f.message_zh;
  }
  return {d.id,
          applicant_kind(d),
          d.applicant.name,
          std::string(to_string(r.verdict)),
          r.deadline ? r.deadline->iso() : std::string{},
          clauses,
          reasons,
          confirm};
}

} // namespace sqma::check
