// SPDX-License-Identifier: Apache-2.0
// Names and text of BagIt bags: percent-encoding of manifest paths, names a bag cannot carry.
#include "bundle/bag.hpp"
#include "bundle/bag_detail.hpp"
#include "bundle/names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace sqma::bundle {

std::string percent_encode(std::string_view path)
{
  std::string out;
  out.reserve(path.size());
  for (const char c : path) {
    switch (c) {
    case '%': out += "%25"; break;
    case '\r': out += "%0D"; break;
    case '\n': out += "%0A"; break;
    default: out += c;
    }
  }
  return out;
}

std::optional<std::string> percent_decode(std::string_view text)
{
  const auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size() + 0 || hex(text[i + 1]) < 0 || hex(text[i + 2]) < 0) {
      return std::nullopt;
    }
    out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
    i += 2;
  }
  return out;
}

std::string bag_name_problem(std::string_view path)
{
  if (path.empty()) {
    return "the name is empty";
  }
  if (path.find_first_of("\r\n") != std::string_view::npos) {
    return "a name with a line break (CR or LF) cannot be listed in a BagIt manifest";
  }
  if (!detail::is_valid_utf8(path)) {
    return "the name is not UTF-8";
  }
  if (path.front() == '/') {
    return "the name starts with \"/\"";
  }
  if (path.find('\\') != std::string_view::npos) {
    return "the name holds a backslash";
  }
  if (std::any_of(path.begin(), path.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
    return "the name holds a control character";
  }
  std::size_t at = 0;
  while (at <= path.size()) {
    const auto end = std::min(path.find('/', at), path.size());
    const auto segment = path.substr(at, end - at);
    if (segment.empty()) {
      return "the name has an empty path segment";
    }
    if (segment == "." || segment == "..") {
      return fmt::format("the name has a \"{}\" segment", segment);
    }
    at = end + 1;
  }
  return {};
}

std::string_view to_string(BagProblemKind kind) noexcept
{
  switch (kind) {
  case BagProblemKind::not_a_bag: return "not_a_bag";
  case BagProblemKind::bad_declaration: return "bad_declaration";
  case BagProblemKind::bad_bag_info: return "bad_bag_info";
  case BagProblemKind::bad_oxum: return "bad_oxum";
  case BagProblemKind::bad_manifest: return "bad_manifest";
  case BagProblemKind::missing: return "missing";
  case BagProblemKind::extra: return "extra";
  case BagProblemKind::changed: return "changed";
  case BagProblemKind::unsafe_entry: return "unsafe_entry";
  }
  return "unknown";
}

namespace detail {

bool is_reserved_tag_name(std::string_view name)
{
  const auto starts = [&](std::string_view prefix) { return name.rfind(prefix, 0) == 0; };
  return name == "bagit.txt" || name == "bag-info.txt" || name == "fetch.txt" || name == "data" ||
         starts("manifest-") || starts("tagmanifest-");
}

bool is_tag_file_name(std::string_view name)
{
  const auto slash = name.find('/');
  if (slash == std::string_view::npos || slash == 0 ||
      name.find('/', slash + 1) != std::string_view::npos) {
    return false;
  }
  const auto file = name.substr(slash + 1);
  const auto ends_txt = file.size() > 4 && file.substr(file.size() - 4) == ".txt";
  return file == "bagit.txt" || file == "bag-info.txt" ||
         (ends_txt && (file.rfind("manifest-", 0) == 0 || file.rfind("tagmanifest-", 0) == 0));
}

bool is_compressed_type(std::string_view path)
{
  static constexpr std::array<std::string_view, 30> k_types{
      "7z",  "avif", "bz2", "docx", "dotx", "gif",  "gz",   "heic", "jpeg", "jpg",
      "m4a", "mov",  "mp3", "mp4",  "odg",  "odp",  "ods",  "odt",  "ofd",  "pdf",
      "png", "pptx", "rar", "tgz",  "webp", "xlsm", "xlsx", "xz",   "zip",  "zst"};
  const auto slash = path.rfind('/');
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return false;
  }
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::binary_search(k_types.begin(), k_types.end(), ext);
}

std::vector<std::pair<std::string, std::string>> parse_tag_lines(std::string_view text,
                                                                 std::string& error)
{
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t at = 0;
  std::size_t line_number = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    at = 3; // a byte order mark is allowed before the first label
  }
  while (at < text.size()) {
    auto end = text.find('\n', at);
    end = end == std::string_view::npos ? text.size() : end;
    auto line = text.substr(at, end - at);
    at = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.empty()) {
      continue;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      if (out.empty()) {
        error = fmt::format("line {}: a continuation line before any label", line_number);
        return {};
      }
      const auto first = line.find_first_not_of(" \t");
      out.back().second += ' ';
      out.back().second += line.substr(first == std::string_view::npos ? line.size() : first);
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      error = fmt::format("line {}: expected \"Label: value\"", line_number);
      return {};
    }
    auto value = line.substr(colon + 1);
    const auto first = value.find_first_not_of(" \t");
    value.remove_prefix(first == std::string_view::npos ? value.size() : first);
    auto label = line.substr(0, colon);
    while (!label.empty() && (label.back() == ' ' || label.back() == '\t')) {
      label.remove_suffix(1);
    }
    out.emplace_back(std::string(label), std::string(value));
  }
  return out;
}

} // namespace detail
} // namespace sqma::bundle
