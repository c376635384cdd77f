// SPDX-License-Identifier: MIT
#pragma once

#include "errorcode.h"

#include <utility>
#include <variant>

namespace Hallway {

// A value or an Error. libstdc++ 12 has no std::expected; this is the small part we need.
template<typename T> class Expected {
public:
    Expected(T value) : m_state(std::move(value)) { }
    Expected(Error error) : m_state(std::move(error)) { }

    bool hasValue() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return hasValue(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// For operations that return nothing but may fail.
struct Done { };
using Status = Expected<Done>;

} // namespace Hallway
