// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sqma::schema {

// The edit distance between two strings (insertions, deletions, substitutions and
// transpositions of adjacent characters each count one).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `name` if it is close enough to be a likely typo (at most a
// third of its length, and at most 3 edits), else an empty string.
[[nodiscard]] std::string did_you_mean(std::string_view name,
                                       const std::vector<std::string>& candidates);

} // namespace sqma::schema
