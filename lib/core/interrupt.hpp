// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace sqma {

// Records that the user asked the run to stop (SIGINT, SIGTERM, SIGHUP). Async-signal-safe:
// a signal handler calls it and nothing else.
void request_interrupt() noexcept;

// True once request_interrupt() was called.
[[nodiscard]] bool interrupt_requested() noexcept;

// Throws Interrupted if an interrupt was requested and no output has been renamed into place
// yet. Once the first rename of a run has happened the renames go on to the end, so that an
// interrupt never leaves some outputs of a run in place and others not; the run then ends as
// it would have.
void check_interrupt_before_renames();

// Marks the start of the renames (see check_interrupt_before_renames).
void begin_renames() noexcept;

} // namespace sqma
