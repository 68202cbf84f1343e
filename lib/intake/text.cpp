// SPDX-License-Identifier: Apache-2.0
#include "intake/text.hpp"

#include "bundle/names.hpp"

#include <fmt/format.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

namespace sqma::intake {
namespace {

constexpr std::size_t k_max_records = 100000;
constexpr std::size_t k_max_fields = 500;
constexpr std::size_t k_max_field = 64 * 1024;

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

// Converts strictly; the offset of the first byte that does not convert, or nullopt.
std::optional<std::size_t> convert(const char* from_name, std::string_view bytes, std::string& out)
{
  UErrorCode status = U_ZERO_ERROR;
  Converter from(ucnv_open(from_name, &status));
  Converter to(ucnv_open("UTF-8", &status));
  if (U_FAILURE(status)) {
    return std::size_t{0};
  }
  ucnv_setToUCallBack(from.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  out.assign(bytes.size() * 2 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(to.get(), from.get(), &target, out.data() + out.size(), &source,
                 bytes.data() + bytes.size(), nullptr, nullptr, nullptr, nullptr, true, true,
                 &status);
  if (U_FAILURE(status)) {
    // The source has moved past the bytes that failed; name the first of them.
    std::array<char, 32> invalid{};
    auto length = static_cast<int8_t>(invalid.size());
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(from.get(), invalid.data(), &length, &ignored);
    const auto consumed = static_cast<std::size_t>(source - bytes.data());
    const auto bad = U_SUCCESS(ignored) ? static_cast<std::size_t>(length) : 0;
    return consumed >= bad ? consumed - bad : 0;
  }
  out.resize(static_cast<std::size_t>(target - out.data()));
  return std::nullopt;
}

} // namespace

Result<Decoded> decode_text(std::string_view bytes, const std::string& file)
{
  Decoded out;
  const auto starts = [&](std::string_view mark) { return bytes.substr(0, mark.size()) == mark; };
  if (starts("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    if (!bundle::detail::is_valid_utf8(bytes)) {
      return Failure{ExitCode::data, "starts with a UTF-8 byte order mark but is not UTF-8",
                     Location{file, 0, {}}};
    }
    return Decoded{std::string(bytes), "UTF-8 with BOM"};
  }
  for (const auto& [mark, name] : {std::pair{std::string_view("\xFF\xFE", 2), "UTF-16LE"},
                                   std::pair{std::string_view("\xFE\xFF", 2), "UTF-16BE"}}) {
    if (starts(mark)) {
      if (const auto bad = convert(name, bytes.substr(2), out.text)) {
        return Failure{ExitCode::data, fmt::format("not valid {} at byte {}", name, *bad + 2),
                       Location{file, 0, {}}};
      }
      out.encoding = name;
      return out;
    }
  }
  if (bundle::detail::is_valid_utf8(bytes)) {
    return Decoded{std::string(bytes), "UTF-8"};
  }
  if (const auto bad = convert("GB18030", bytes, out.text)) {
    return Failure{ExitCode::data,
                   fmt::format("neither UTF-8 nor GB18030 (byte {} does not decode); save the "
                               "roster as CSV in UTF-8",
                               *bad),
                   Location{file, 0, {}}};
  }
  out.encoding = "GB18030";
  return out;
}

Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text,
                                                        const std::string& file)
{
  const auto first_line = text.substr(0, text.find('\n'));
  const char delimiter = std::count(first_line.begin(), first_line.end(), '\t') >
                                 std::count(first_line.begin(), first_line.end(), ',')
                             ? '\t'
                             : ',';
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool any = false;
  std::size_t line = 1;
  std::size_t quote_line = 0;
  const auto end_field = [&]() -> std::optional<Failure> {
    if (record.size() >= k_max_fields) {
      return Failure{ExitCode::data, fmt::format("more than {} fields", k_max_fields),
                     Location{file, line, {}}};
    }
    record.push_back(std::move(field));
    field.clear();
    return std::nullopt;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (field.size() > k_max_field) {
      return Failure{ExitCode::data, fmt::format("a field longer than {} bytes", k_max_field),
                     Location{file, line, {}}};
    }
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        line += c == '\n' ? 1 : 0;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      quoted = true;
      quote_line = line;
      any = true;
    } else if (c == delimiter) {
      if (auto failure = end_field()) {
        return *failure;
      }
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      ++line;
      if (any || !field.empty()) {
        if (auto failure = end_field()) {
          return *failure;
        }
        records.push_back(std::move(record));
        record.clear();
      }
      any = false;
      if (records.size() > k_max_records) {
        return Failure{ExitCode::data, fmt::format("more than {} rows", k_max_records),
                       Location{file, line, {}}};
      }
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) {
    return Failure{ExitCode::data, "a quoted field is not closed", Location{file, quote_line, {}}};
  }
  if (any || !field.empty()) {
    if (auto failure = end_field()) {
      return *failure;
    }
    records.push_back(std::move(record));
  }
  return records;
}

} // namespace sqma::intake
