// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sqma {

// Exit codes shared by every command (documented in sqma(1), EXIT STATUS).
enum class ExitCode : int {
  ok = 0,
  negative = 1,
  usage = 2,
  data = 3,
  io = 4,
  internal = 70,
  interrupted = 130,
};

// Where a problem was found: a file, and optionally a line and a JSON path inside it.
struct Location {
  std::string file;
  std::size_t line = 0;
  std::string json_path;

  // Renders "file:line: " or "file: at /json/path: " (empty when nothing is known).
  [[nodiscard]] std::string prefix() const;
};

// An ordinary failure value carried by Result<T>.
struct Failure {
  Failure() = default;
  Failure(ExitCode code_, std::string message_, Location where_ = {})
      : code(code_), message(std::move(message_)), where(std::move(where_))
  {
  }

  ExitCode code = ExitCode::data;
  std::string message;
  Location where;
  std::vector<std::string> more; // further problems of the same input, already described

  // The message with its location prefix, as printed after "sqma VERB: error: ".
  [[nodiscard]] std::string describe() const { return where.prefix() + message; }
};

// Several problems of one input as one Failure: the first, with the others described in
// `more`. `failures` must not be empty.
[[nodiscard]] Failure join(std::vector<Failure> failures);

// Base of the exceptions thrown for exceptional states; main() maps them to exit codes.
class Error : public std::runtime_error {
public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), m_code(code) {}
  explicit Error(const Failure& failure)
      : std::runtime_error(failure.describe()), m_code(failure.code), m_more(failure.more)
  {
  }
  // The exit code the process should end with.
  [[nodiscard]] ExitCode code() const noexcept { return m_code; }
  // Further problems of the same input, each already described.
  [[nodiscard]] const std::vector<std::string>& more() const noexcept { return m_more; }

private:
  ExitCode m_code;
  std::vector<std::string> m_more;
};

// Bad flags or arguments that the parser could not see (exit 2).
class UsageError : public Error {
public:
  explicit UsageError(const std::string& message) : Error(ExitCode::usage, message) {}
};

// Input that cannot be read, parsed or validated (exit 3).
class DataError : public Error {
public:
  explicit DataError(const std::string& message) : Error(ExitCode::data, message) {}
  explicit DataError(const Failure& failure) : Error(failure) {}
};

// Output that cannot be written, or an environment failure (exit 4).
class IoError : public Error {
public:
  explicit IoError(const std::string& message) : Error(ExitCode::io, message) {}
};

// The user interrupted the run (exit 130).
class Interrupted : public Error {
public:
  Interrupted() : Error(ExitCode::interrupted, "interrupted") {}
};

} // namespace sqma
