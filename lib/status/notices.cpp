// SPDX-License-Identifier: Apache-2.0
// The public notices sqma publish wrote, read back for their periods.
#include "status/status.hpp"

#include "io/files.hpp"
#include "io/json_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace sqma::status {
namespace {

constexpr std::uintmax_t k_max_notice_bytes = 16U << 20U;

Result<model::Date> date_at(const nlohmann::json& j, const char* key, const std::string& file)
{
  if (j.contains(key) && j.at(key).is_string()) {
    if (const auto d = model::Date::parse(j.at(key).get<std::string>())) {
      return *d;
    }
  }
  return Failure{ExitCode::data, "expected a date written YYYY-MM-DD",
                 Location{file, 0, fmt::format("/period/{}", key)}};
}

// The notice in `file`; nullopt when the file is JSON of another schema.
Result<std::optional<Notice>> read_one(const std::string& file)
{
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > k_max_notice_bytes) {
    return Failure{ExitCode::data,
                   fmt::format("{} bytes; a notice has at most {}", size, k_max_notice_bytes),
                   Location{file, 0, {}}};
  }
  auto text = io::read_file(file);
  if (!text) {
    return text.failure();
  }
  nlohmann::json j;
  try {
    j = io::parse_json_lenient(text.value(), true);
  } catch (const nlohmann::json::exception& e) {
    return Failure{ExitCode::data, fmt::format("not JSON: {}", e.what()), Location{file, 0, {}}};
  }
  if (!j.is_object() || j.value("schema", std::string{}) != "notice.v1") {
    return std::optional<Notice>{};
  }
  Notice n;
  n.file = file;
  n.kind = j.value("kind", std::string{});
  n.title = j.value("title", std::string{});
  if (!j.contains("period") || !j.at("period").is_object()) {
    return Failure{ExitCode::data, "a notice without its period", Location{file, 0, "/period"}};
  }
  const auto& period = j.at("period");
  auto first = date_at(period, "first", file);
  auto last = date_at(period, "last", file);
  if (!first) {
    return first.failure();
  }
  if (!last) {
    return last.failure();
  }
  n.period = {first.value(), last.value()};
  n.working_days = period.value("working_days", 0);
  if (j.contains("groups") && j.at("groups").is_array()) {
    for (const auto& g : j.at("groups")) {
      if (g.is_object() && g.contains("entries") && g.at("entries").is_array()) {
        n.entries += static_cast<int>(g.at("entries").size());
      }
    }
  }
  return std::optional<Notice>{std::move(n)};
}

} // namespace

Result<std::vector<Notice>> read_notices(const std::vector<std::string>& args)
{
  std::vector<Notice> out;
  for (const auto& arg : args) {
    std::error_code ec;
    const bool folder = std::filesystem::is_directory(arg, ec);
    std::vector<std::string> files;
    if (folder) {
      auto found = io::expand_inputs({arg});
      if (!found) {
        return found.failure();
      }
      for (const auto& f : found.value()) {
        if (std::filesystem::path(f).extension() == ".json") {
          files.push_back(f);
        }
      }
    } else if (std::filesystem::exists(arg, ec)) {
      files.push_back(arg);
    } else {
      return Failure{ExitCode::data, "no such file or folder", Location{arg, 0, {}}};
    }
    for (const auto& file : files) {
      auto notice = read_one(file);
      if (!notice) {
        return notice.failure();
      }
      if (notice.value()) {
        out.push_back(std::move(*notice.value()));
      } else if (!folder) {
        return Failure{ExitCode::data, "not a notice written by sqma publish (schema notice.v1)",
                       Location{file, 0, "/schema"}};
      }
    }
  }
  return out;
}

} // namespace sqma::status
