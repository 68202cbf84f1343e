// SPDX-License-Identifier: Apache-2.0
#include "bundle/names.hpp"

#include "io/text.hpp"

#include <fmt/format.h>

namespace sqma::bundle::detail {

namespace {

const iconv_t k_invalid_iconv = reinterpret_cast<iconv_t>(-1); // NOLINT(performance-no-int-to-ptr)

bool is_control(unsigned char byte)
{
  return byte < 0x20U || byte == 0x7FU;
}

} // namespace

bool is_valid_utf8(std::string_view bytes) noexcept
{
  return !io::utf8_error_offset(bytes);
}

std::string escape_bytes(std::string_view bytes)
{
  std::string out;
  out.reserve(bytes.size());
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80U || is_control(byte)) {
      out += fmt::format("\\x{:02X}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

NameDecoder::~NameDecoder()
{
  if (m_open) {
    iconv_close(m_iconv);
  }
}

DecodedName NameDecoder::decode(std::string_view raw, bool utf8_flag)
{
  if (is_valid_utf8(raw)) {
    return DecodedName{std::string(raw), false, true};
  }
  const DecodedName undecodable{escape_bytes(raw), false, false};
  if (utf8_flag || m_unavailable) {
    return undecodable;
  }
  if (!m_open) {
    m_iconv = iconv_open("UTF-8", "GB18030");
    if (m_iconv == k_invalid_iconv) {
      m_unavailable = true;
      return undecodable;
    }
    m_open = true;
  }
  // iconv wants mutable pointers; GB18030 needs at most two UTF-8 bytes per input byte.
  std::string in(raw);
  std::string out(raw.size() * 2 + 4, '\0');
  char* in_at = in.data();
  std::size_t in_left = in.size();
  char* out_at = out.data();
  std::size_t out_left = out.size();
  iconv(m_iconv, nullptr, nullptr, nullptr, nullptr);
  const auto converted = iconv(m_iconv, &in_at, &in_left, &out_at, &out_left);
  if (converted == static_cast<std::size_t>(-1) || in_left != 0 ||
      iconv(m_iconv, nullptr, nullptr, &out_at, &out_left) == static_cast<std::size_t>(-1)) {
    return undecodable;
  }
  out.resize(out.size() - out_left);
  if (!is_valid_utf8(out)) {
    return undecodable;
  }
  return DecodedName{std::move(out), true, true};
}

namespace {
constexpr std::size_t k_max_name_part = 255; // bytes of one file or folder name
} // namespace

std::vector<Problem> name_problems(std::string_view name)
{
  std::vector<Problem> out;
  const auto add = [&](ProblemKind kind, const char* detail) {
    out.push_back(Problem{kind, std::string(name), detail});
  };
  if (name.empty()) {
    add(ProblemKind::invalid_name, "the name is empty");
    return out;
  }
  bool control = false;
  for (const char c : name) {
    control = control || is_control(static_cast<unsigned char>(c));
  }
  if (control) {
    add(ProblemKind::invalid_name, "the name contains control characters");
  }
  if (name.front() == '/') {
    add(ProblemKind::absolute_path, "the name starts with \"/\"");
  }
  const auto first = static_cast<unsigned char>(name.front());
  if (name.size() >= 2 && name[1] == ':' &&
      ((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'))) {
    add(ProblemKind::drive_letter, "the name starts with a drive letter");
  }
  if (name.find('\\') != std::string_view::npos) {
    add(ProblemKind::backslash, "the name contains a backslash");
  }
  // Windows extractors split on both separators, so ".." between backslashes counts too.
  bool traversal = false;
  bool long_part = false;
  std::size_t start = 0;
  while (start <= name.size()) {
    auto stop = name.find_first_of("/\\", start);
    if (stop == std::string_view::npos) {
      stop = name.size();
    }
    traversal = traversal || name.substr(start, stop - start) == "..";
    long_part = long_part || stop - start > k_max_name_part;
    start = stop + 1;
  }
  if (traversal) {
    add(ProblemKind::path_traversal, "the name has a \"..\" segment");
  }
  if (long_part) {
    // ext4, NTFS and APFS all stop at 255: no extractor could write the file.
    add(ProblemKind::invalid_name, "a part of the name is longer than 255 bytes");
  }
  return out;
}

} // namespace sqma::bundle::detail
