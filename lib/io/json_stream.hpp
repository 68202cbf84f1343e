// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <istream>
#include <string>

namespace sqma::io {

// One top-level value read from a stream, with where it started.
struct Record {
  nlohmann::json value;
  Location where; // file and first line of the value
};

// Called once per record or per unreadable record; returning false stops the reading.
using RecordSink = std::function<bool(Result<Record>)>;

// Reads a stream that holds JSON Lines, one JSON value, a sequence of pretty-printed values,
// or one JSON array of values (told apart by the first character). Values are split before
// they are parsed, so memory holds one value at a time; a value that fails to parse is
// passed on as a Failure and reading goes on with the next one. `file` names the stream in
// messages. Throws IoError when the stream itself fails.
void read_records(std::istream& in, const std::string& file, const RecordSink& sink);

} // namespace sqma::io
