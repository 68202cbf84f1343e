// SPDX-License-Identifier: Apache-2.0
#include "publish/notice.hpp"

#include "certify/decisions.hpp"
#include "certify/names.hpp"
#include "publish/strokes.hpp"

#include <fmt/format.h>
#include <unicode/ucol.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <tuple>

namespace sqma::publish {
namespace {

struct CollatorClose {
  void operator()(UCollator* c) const { ucol_close(c); }
};

// The class and level or kind groups in the order a notice lists them.
constexpr std::array<std::pair<model::AwardClass, std::string_view>, 7> k_groups{{
    {model::AwardClass::organisation, "benchmark"},
    {model::AwardClass::organisation, "professional"},
    {model::AwardClass::organisation, "implementation"},
    {model::AwardClass::project, ""},
    {model::AwardClass::individual, "leader"},
    {model::AwardClass::individual, "manager"},
    {model::AwardClass::individual, "craftsman"},
}};

bool concerned(const model::Dossier& d, Kind kind)
{
  switch (kind) {
  case Kind::candidates:
    return d.stage == model::Stage::approved || d.stage == model::Stage::awarded;
  case Kind::winners: return d.stage == model::Stage::awarded;
  case Kind::revocation: return d.stage == model::Stage::revoked;
  }
  return false;
}

int rank_of(const model::Dossier& d)
{
  const auto& result = certify::final_result(d);
  if (result.is_object() && result.contains("rank") && result.at("rank").is_number_integer()) {
    return result.at("rank").get<int>();
  }
  return std::numeric_limits<int>::max();
}

// The name a group is sorted by: the person's surname first for individuals (按姓氏笔画),
// the unit's name otherwise (按单位名称笔画).
const std::string& sort_name(const model::Dossier& d)
{
  return d.award_class == model::AwardClass::project ? d.applicant.organisation.name
                                                     : d.applicant.name;
}

std::string group_note(Order order, model::AwardClass award_class)
{
  switch (order) {
  case Order::rank: return "按评审排名排序";
  case Order::stroke:
    return award_class == model::AwardClass::individual ? "按姓氏笔画排序" : "按单位名称笔画排序";
  case Order::pinyin: return "按拼音排序";
  }
  return {};
}

std::string title_of(const Settings& s)
{
  switch (s.kind) {
  case Kind::candidates: return s.cycle_name + "拟授奖名单公示";
  case Kind::winners: return s.cycle_name + "获奖名单公示";
  case Kind::revocation: return "关于撤销上海市质量管理奖获奖资格的公示";
  }
  return {};
}

std::string lead_of(const Settings& s, const calendar::Period& p)
{
  const auto period = fmt::format("公示期为{}至{}（{}个工作日）", p.first.chinese(),
                                  p.last.chinese(), s.working_days);
  switch (s.kind) {
  case Kind::candidates:
    return fmt::format(
        "根据《上海市质量管理奖管理办法》，经条件审查、书面评审、专家会审"
        "（会审答辩）、现场验证和审定委员会结果审定，{}拟授奖名单如下，现予公示。{}。",
        s.cycle_name, period);
  case Kind::winners:
    return fmt::format("{}评审工作已经完成。经审定委员会审定，现将获奖名单（获奖年度：{}年）予以"
                       "公示。{}。",
                       s.cycle_name, s.year, period);
  case Kind::revocation:
    return fmt::format("根据《上海市质量管理奖管理办法》有关规定，经审定委员会批准，撤销下列"
                       "单位（个人）的上海市质量管理奖获奖资格，收回获奖证书，现予公示。{}。",
                       period);
  }
  return {};
}

std::string objection_of(const Contact& c)
{
  std::string out = fmt::format("公示期间，任何单位和个人如有异议，可以书面形式向{}反映。以单位名义"
                                "反映的须加盖公章，以个人名义反映的须署真实姓名。",
                                c.office);
  std::vector<std::string> parts;
  if (!c.person.empty()) {
    parts.push_back("联系人：" + c.person);
  }
  if (!c.phone.empty()) {
    parts.push_back("联系电话：" + c.phone);
  }
  if (!c.email.empty()) {
    parts.push_back("电子邮箱：" + c.email);
  }
  if (!c.address.empty()) {
    parts.push_back("地址：" + c.address);
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out += (i == 0 ? "" : "；") + parts[i];
  }
  return parts.empty() ? out : out + "。";
}

} // namespace

std::optional<Kind> parse_kind(std::string_view name)
{
  for (const auto k : {Kind::candidates, Kind::winners, Kind::revocation}) {
    if (kind_name(k) == name) {
      return k;
    }
  }
  return std::nullopt;
}

std::optional<Order> parse_order(std::string_view name)
{
  for (const auto o : {Order::rank, Order::stroke, Order::pinyin}) {
    if (order_name(o) == name) {
      return o;
    }
  }
  return std::nullopt;
}

std::string_view kind_name(Kind kind)
{
  switch (kind) {
  case Kind::candidates: return "candidates";
  case Kind::winners: return "winners";
  case Kind::revocation: return "revocation";
  }
  return {};
}

std::string_view order_name(Order order)
{
  switch (order) {
  case Order::rank: return "rank";
  case Order::stroke: return "stroke";
  case Order::pinyin: return "pinyin";
  }
  return {};
}

Result<Notice> build_notice(const std::vector<model::Dossier>& dossiers, const Settings& settings,
                            const calendar::Calendar& cal)
{
  auto period = cal.notice_period(settings.start, settings.working_days);
  if (!period) {
    return period.failure();
  }
  std::unique_ptr<UCollator, CollatorClose> collator;
  if (settings.order == Order::pinyin) {
    UErrorCode status = U_ZERO_ERROR;
    collator.reset(ucol_open("zh@collation=pinyin", &status));
    if (U_FAILURE(status) || !collator) {
      return Failure{ExitCode::io, fmt::format("ICU cannot open the Chinese {} collation: {}",
                                               order_name(settings.order), u_errorName(status))};
    }
  }
  const auto before = [&](const model::Dossier* a, const model::Dossier* b) {
    if (settings.order == Order::stroke) {
      const int cmp = StrokeTable::builtin().compare(
          sort_name(*a), sort_name(*b), a->award_class == model::AwardClass::individual);
      return cmp != 0 ? cmp < 0 : a->id < b->id;
    }
    if (collator) {
      UErrorCode status = U_ZERO_ERROR;
      const auto& x = sort_name(*a);
      const auto& y = sort_name(*b);
      const auto cmp = ucol_strcollUTF8(collator.get(), x.data(), static_cast<int32_t>(x.size()),
                                        y.data(), static_cast<int32_t>(y.size()), &status);
      if (cmp != UCOL_EQUAL) {
        return cmp == UCOL_LESS;
      }
      return a->id < b->id;
    }
    return std::tuple(rank_of(*a), a->id) < std::tuple(rank_of(*b), b->id);
  };

  Notice notice;
  notice.kind = settings.kind;
  notice.order = settings.order;
  for (const auto& [award_class, level] : k_groups) {
    std::vector<const model::Dossier*> members;
    for (const auto& d : dossiers) {
      if (concerned(d, settings.kind) && d.award_class == award_class &&
          certify::level_or_kind(d) == level) {
        members.push_back(&d);
      }
    }
    if (members.empty()) {
      continue;
    }
    std::sort(members.begin(), members.end(), before);
    Group group;
    group.award_class = model::to_string(award_class);
    group.level = std::string(level);
    const auto level_zh = certify::level_zh(level);
    group.heading = certify::class_zh(award_class) + (level_zh.empty() ? "" : "·" + level_zh);
    group.order_note = group_note(settings.order, award_class);
    for (const auto* d : members) {
      Entry entry;
      entry.no = static_cast<int>(group.entries.size()) + 1;
      entry.name = d->applicant.name;
      if (d->applicant.organisation.name != d->applicant.name) {
        entry.organisation = d->applicant.organisation.name;
      }
      entry.year = d->award ? d->award->year : settings.year;
      if (settings.kind != Kind::candidates && d->award && d->award->certificate) {
        entry.certificate = *d->award->certificate;
      }
      if (settings.kind == Kind::revocation && d->award && d->award->revoked_on) {
        entry.revoked_on = d->award->revoked_on->chinese();
        entry.reason = certify::reason_zh(d->award->revocation_reason.value_or("other"));
      }
      group.entries.push_back(std::move(entry));
    }
    notice.groups.push_back(std::move(group));
  }
  if (notice.groups.empty()) {
    return Failure{ExitCode::negative,
                   fmt::format("no dossier among the inputs is at the stage a {} notice "
                               "publishes ({})",
                               kind_name(settings.kind),
                               settings.kind == Kind::candidates ? "approved or awarded"
                               : settings.kind == Kind::winners  ? "awarded"
                                                                 : "revoked")};
  }
  notice.period = period.value();
  notice.working_days = settings.working_days;
  notice.title = title_of(settings);
  notice.lead = lead_of(settings, notice.period);
  const bool persons = std::any_of(notice.groups.begin(), notice.groups.end(),
                                   [](const Group& g) { return g.award_class == "individual"; });
  const bool units = std::any_of(notice.groups.begin(), notice.groups.end(),
                                 [](const Group& g) { return g.award_class != "individual"; });
  if (settings.order == Order::rank) {
    notice.order_note = "按评审排名排序";
  } else if (settings.order == Order::pinyin) {
    notice.order_note = "排名不分先后，按拼音排序";
  } else if (persons && units) {
    notice.order_note = "排名不分先后，单位按单位名称笔画排序，个人按姓氏笔画排序";
  } else {
    notice.order_note =
        persons ? "排名不分先后，按姓氏笔画排序" : "排名不分先后，按单位名称笔画排序";
  }
  notice.objection = objection_of(settings.contact);
  notice.contact = settings.contact;
  notice.publisher = settings.publisher;
  notice.issuer = settings.issuer;
  notice.date = notice.period.first;
  return notice;
}

} // namespace sqma::publish
