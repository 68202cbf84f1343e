// SPDX-License-Identifier: Apache-2.0
#include "schema/pattern.hpp"

#include <fmt/format.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdexcept>

namespace sqma::schema {

struct Pattern::Code {
  pcre2_code* code = nullptr;
  ~Code() { pcre2_code_free(code); }
};

Pattern::Pattern(const std::string& source) : m_code(std::make_unique<Code>())
{
  int error = 0;
  PCRE2_SIZE offset = 0;
  m_code->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(source.c_str()), PCRE2_ZERO_TERMINATED,
                               PCRE2_UTF, &error, &offset, nullptr);
  if (m_code->code == nullptr) {
    throw std::invalid_argument(fmt::format("pattern {} does not compile", source));
  }
  pcre2_jit_compile(m_code->code, PCRE2_JIT_COMPLETE); // the interpreter serves if JIT fails
}

Pattern::~Pattern() = default;

bool Pattern::search(std::string_view text) const
{
  struct FreeMatchData {
    void operator()(pcre2_match_data* data) const noexcept { pcre2_match_data_free(data); }
  };
  thread_local const std::unique_ptr<pcre2_match_data, FreeMatchData> data{
      pcre2_match_data_create(1, nullptr)};
  return pcre2_match(m_code->code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0, 0,
                     data.get(), nullptr) >= 0;
}

} // namespace sqma::schema
