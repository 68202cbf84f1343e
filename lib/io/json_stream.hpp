// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <istream>
#include <string>
#include <vector>

namespace sqma::io {

// The text of one top-level value, not yet parsed, with where it started.
struct RawRecord {
  std::string text;
  Location where;
};

// Called once per value found, or per stretch of the stream that holds none; false stops.
using RawSink = std::function<bool(Result<RawRecord>)>;

// Splits a stream that holds JSON Lines, one JSON value, a sequence of pretty-printed
// values, or one JSON array of values (told apart by the first character) into the texts
// of its top-level values, without parsing them, so that memory holds one value at a time
// and parsing can be spread over threads (parse each with parse_json(text, where.file,
// where.line)). Stray text between values is passed on as a Failure. `file` names the
// stream in messages. Throws IoError when the stream itself fails.
void read_raw_records(std::istream& in, const std::string& file, const RawSink& sink);

// Splits every input named by `args` (see expand_inputs: files, folders in sorted order,
// "-" for `in`) into raw records, in order; an input that cannot be opened is passed on
// as a Failure and the others are still read. Returns the number of records and failures
// passed on, or a Failure when an argument names nothing.
[[nodiscard]] Result<std::size_t> read_raw_inputs(const std::vector<std::string>& args,
                                                  std::istream& in, const RawSink& sink);

} // namespace sqma::io
