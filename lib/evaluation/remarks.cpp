// SPDX-License-Identifier: Apache-2.0
#include "evaluation/remarks.hpp"

#include "report/unicode.hpp"

#include <algorithm>
#include <map>

namespace sqma::evaluation {
namespace {

bool is_space(char32_t cp)
{
  return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

bool is_punctuation(char32_t cp)
{
  return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) || (cp >= 0x5B && cp <= 0x60) ||
         (cp >= 0x7B && cp <= 0x7E) || cp == 0xA1 || cp == 0xA7 || cp == 0xAB || cp == 0xB7 ||
         cp == 0xBB || cp == 0xBF ||
         (cp >= 0x2010 && cp <= 0x2027) || // dashes, quotes, bullets, ellipsis
         (cp >= 0x2030 && cp <= 0x205E) || // per mille, primes, guillemets ...
         (cp >= 0x3001 && cp <= 0x3003) || // 、。〃
         (cp >= 0x3008 && cp <= 0x3011) || // 〈〉《》「」『』【】
         (cp >= 0x3014 && cp <= 0x301F) || // 〔〕〖〗〘〙〚〛〜〝〞〟
         cp == 0x30FB ||                   // katakana middle dot
         (cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE6B) ||
         (cp >= 0xFF61 && cp <= 0xFF65); // half-width CJK punctuation
}

const score::Category* known_category(const std::string& id, const score::CriteriaSet& criteria)
{
  for (const auto& c : criteria.categories) {
    if (c.id == id) {
      return &c;
    }
  }
  return nullptr;
}

struct Entry {
  MergedRemark remark;
  std::size_t first = 0; // order of first appearance
  // Each way the remark was written, in the order first written, with who wrote it so.
  std::vector<std::pair<std::string, std::vector<std::string>>> forms;
};

using Lists = std::map<std::string, std::map<std::string, Entry>>; // category -> key -> entry

void add(Lists& lists, const std::string& category, const std::string& text,
         const std::string& reviewer, const std::string& round, std::size_t& order)
{
  const auto key = remark_key(text);
  if (key.empty()) {
    return;
  }
  auto [it, added] = lists[category].try_emplace(key);
  auto& entry = it->second;
  if (added) {
    entry.first = order++;
  }
  auto form = std::find_if(entry.forms.begin(), entry.forms.end(),
                           [&](const auto& f) { return f.first == text; });
  if (form == entry.forms.end()) {
    form = entry.forms.insert(entry.forms.end(), {text, {}});
  }
  if (std::find(form->second.begin(), form->second.end(), reviewer) == form->second.end()) {
    form->second.push_back(reviewer);
  }
  auto& reviewers = entry.remark.reviewers;
  if (!reviewer.empty() &&
      std::find(reviewers.begin(), reviewers.end(), reviewer) == reviewers.end()) {
    reviewers.insert(std::upper_bound(reviewers.begin(), reviewers.end(), reviewer), reviewer);
  }
  auto& rounds = entry.remark.rounds;
  if (std::find(rounds.begin(), rounds.end(), round) == rounds.end()) {
    rounds.push_back(round);
  }
}

void gather(Lists& lists, const nlohmann::json& remarks, const std::string& reviewer,
            const std::string& round, const score::CriteriaSet& criteria, std::size_t& order)
{
  if (!remarks.is_array()) {
    return;
  }
  for (const auto& r : remarks) {
    if (r.is_string()) {
      add(lists, "", r.get<std::string>(), reviewer, round, order);
    } else if (r.is_object() && r.contains("text") && r.at("text").is_string()) {
      const auto category = r.contains("category") && r.at("category").is_string()
                                ? r.at("category").get<std::string>()
                                : std::string{};
      add(lists, known_category(category, criteria) != nullptr ? category : std::string{},
          r.at("text").get<std::string>(), reviewer, round, order);
    }
  }
}

std::vector<MergedRemark> ordered(std::map<std::string, Entry>& entries)
{
  std::vector<Entry*> list;
  for (auto& [key, entry] : entries) {
    list.push_back(&entry);
  }
  std::sort(list.begin(), list.end(), [](const Entry* a, const Entry* b) {
    if (a->remark.reviewers.size() != b->remark.reviewers.size()) {
      return a->remark.reviewers.size() > b->remark.reviewers.size();
    }
    return a->first < b->first;
  });
  std::vector<MergedRemark> out;
  for (auto* e : list) {
    // The form most reviewers wrote; of equals, the first written.
    const auto most =
        std::max_element(e->forms.begin(), e->forms.end(), [](const auto& a, const auto& b) {
          return a.second.size() < b.second.size();
        });
    e->remark.text = most->first;
    out.push_back(std::move(e->remark));
  }
  return out;
}

} // namespace

std::string remark_key(std::string_view text)
{
  std::string key;
  report::unicode::for_each_code_point(
      report::unicode::valid_utf8(text), [&](char32_t cp, std::string_view bytes) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
          cp -= 0xFEE0; // full-width ASCII
        }
        if (is_space(cp) || is_punctuation(cp)) {
          return;
        }
        if (cp < 0x80) {
          key += cp >= 'A' && cp <= 'Z' ? static_cast<char>(cp - 'A' + 'a') : static_cast<char>(cp);
        } else {
          key += bytes;
        }
      });
  return key;
}

std::vector<CategoryRemarks> merge_remarks(const model::Dossier& dossier,
                                           const score::CriteriaSet& criteria)
{
  Lists strengths;
  Lists opportunities;
  std::size_t order = 0;
  for (const char* name : {"written", "panel", "onsite"}) {
    const auto* round = dossier.rounds.find(name);
    if (round == nullptr || !round->has_value()) {
      continue;
    }
    for (const auto& sheet : (*round)->sheets) {
      if (!sheet.is_object() || sheet.value("kind", std::string("score")) != "score") {
        continue;
      }
      const auto reviewer = sheet.contains("reviewer") && sheet.at("reviewer").is_string()
                                ? sheet.at("reviewer").get<std::string>()
                                : std::string{};
      if (sheet.contains("strengths")) {
        gather(strengths, sheet.at("strengths"), reviewer, name, criteria, order);
      }
      if (sheet.contains("opportunities")) {
        gather(opportunities, sheet.at("opportunities"), reviewer, name, criteria, order);
      }
    }
  }
  std::vector<CategoryRemarks> out;
  const auto take = [&](const std::string& id, const std::string& zh, const std::string& en) {
    CategoryRemarks group{id, zh, en, {}, {}};
    if (const auto s = strengths.find(id); s != strengths.end()) {
      group.strengths = ordered(s->second);
    }
    if (const auto o = opportunities.find(id); o != opportunities.end()) {
      group.opportunities = ordered(o->second);
    }
    if (!group.strengths.empty() || !group.opportunities.empty()) {
      out.push_back(std::move(group));
    }
  };
  for (const auto& c : criteria.categories) {
    take(c.id, c.name, c.name_en);
  }
  take("", "综合", "General");
  return out;
}

} // namespace sqma::evaluation
