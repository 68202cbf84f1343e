// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/error.hpp"
#include "io/path_guard.hpp"
#include "model/date.hpp"
#include "model/dossier_io.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sqma::report {
enum class Format;
} // namespace sqma::report

namespace sqma::cycle {
struct Config;
} // namespace sqma::cycle

namespace sqma::cmd {

// The verb being run, for the "sqma VERB: " prefix of messages.
void set_verb(std::string_view verb);

// Prints "sqma VERB: error: <where><what>" and any further lines of the failure to stderr.
void print_error(const Failure& failure);
void print_error(std::string_view message);

// Prints "sqma VERB: warning: ..." to stderr.
void print_warning(std::string_view message);

// True once SIGINT, SIGTERM or SIGHUP was received; long loops check it and throw Interrupted.
bool interrupted();
void install_signal_handlers();

// Throws Interrupted if SIGINT, SIGTERM or SIGHUP was received.
void check_interrupted();

// The date given to option `flag` (such as "--date"), or a UsageError naming both.
[[nodiscard]] model::Date date_option(std::string_view flag, const std::string& text);

// A guard that knows a verb's dossier inputs (files, folders or "-") and its --out-dir, to
// which the verb adds its other paths before calling check().
[[nodiscard]] io::PathGuard dossier_guard(const std::vector<std::string>& inputs,
                                          const std::string& out_dir);

// Which of the files a cycle config names a verb only reads, and so guards as inputs.
struct CycleReads {
  bool register_file = true; // intake.register (import reads and writes it)
  bool bundle_dir = true;    // check.bundle_dir (import writes bundles into it)
};

// Loads the cycle config `path` (given with --cycle) and adds the files it names to `guard`
// as inputs, as `reads` says: the rulebook, the calendar, the id register and the bundle
// folder's zips. Then checks the guard again with `force`, so that no output of the verb
// replaces a file the config points at.
[[nodiscard]] cycle::Config load_cycle(io::PathGuard& guard, const std::string& path, bool force,
                                       CycleReads reads = {});

// The most threads a verb runs: past it, more threads only cost memory.
inline constexpr unsigned k_max_jobs = 64;

// The threads to run for --jobs: the number of cores when not given, at most k_max_jobs
// (with a warning when more were asked for).
[[nodiscard]] unsigned thread_count(std::optional<unsigned> jobs);

// The formats a verb writes: those given with --format, each one of `known`, or every one
// of `known` when none is given and the verb writes to a folder. Throws UsageError for an
// unknown format, or for none given without a folder.
[[nodiscard]] std::vector<std::string> chosen_formats(const std::vector<std::string>& given,
                                                      bool to_folder,
                                                      const std::vector<std::string>& known);

// The format of the table `flag` writes to `target`: --format's (`format`) when given, else
// that of the target's extension. Throws UsageError when neither names one.
[[nodiscard]] report::Format report_format(std::string_view flag, const std::string& target,
                                           const std::string& format);

// The format of each --report target, in order: --format's when given (with one target
// only), else that of the target's extension. Throws UsageError for an empty target, "-"
// next to another target or, unless the dossiers go to a folder (`to_folder`), at all, "-"
// as XLSX, and a target whose format neither --format nor its extension names.
[[nodiscard]] std::vector<report::Format> report_formats(const std::vector<std::string>& targets,
                                                         const std::string& format, bool to_folder);

// How a verb writes its dossiers: to standard output, or to `out_dir` (empty: none) with
// `force` to replace files, never over one of its `inputs` nor over a file that another
// output the `guard` knows of takes.
[[nodiscard]] model::DossierWriter::Options writer_options(const std::string& out_dir, bool force,
                                                           const std::vector<std::string>& inputs,
                                                           const io::PathGuard* guard = nullptr);

} // namespace sqma::cmd
