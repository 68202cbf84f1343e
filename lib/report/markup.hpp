// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace sqma::report {

// `text` with &, <, > and " replaced by their entities, safe in HTML and SVG (XML) text and
// in double-quoted attributes.
[[nodiscard]] std::string escape_markup(std::string_view text);

} // namespace sqma::report
