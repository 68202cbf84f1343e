// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/error.hpp"

#include <utility>
#include <variant>

namespace sqma {

// A value or the Failure that prevented it (std::expected is C++23).
template <typename T> class [[nodiscard]] Result {
public:
  Result(T value) : m_state(std::move(value)) {}           // NOLINT(google-explicit-constructor)
  Result(Failure failure) : m_state(std::move(failure)) {} // NOLINT(google-explicit-constructor)

  // True when a value is held.
  [[nodiscard]] bool ok() const noexcept { return std::holds_alternative<T>(m_state); }
  explicit operator bool() const noexcept { return ok(); }

  // The value; only valid when ok().
  [[nodiscard]] T& value() & { return std::get<T>(m_state); }
  [[nodiscard]] const T& value() const& { return std::get<T>(m_state); }
  [[nodiscard]] T&& value() && { return std::get<T>(std::move(m_state)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The failure; only valid when !ok().
  [[nodiscard]] const Failure& failure() const { return std::get<Failure>(m_state); }

  // The value, or throws the failure as an Error with its exit code.
  T take() &&
  {
    if (!ok()) {
      throw Error(failure());
    }
    return std::get<T>(std::move(m_state));
  }

private:
  std::variant<T, Failure> m_state;
};

} // namespace sqma
