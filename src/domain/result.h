// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace Stockroom {

/** What went wrong, typed so that callers (CLI exit codes, GUI messages) can react without parsing text. */
struct Error
{
    enum class Kind {
        Business, ///< refused for a business reason: unknown SKU, not enough stock, wrong state
        Usage, ///< the request itself is malformed
        Database, ///< unreachable, locked, schema too new, constraint failed unexpectedly
        Conflict, ///< the database was busy or a concurrent write won; retrying the transaction may succeed
        Stale, ///< the user worked from an old version of the record; they must look again before retrying
        Forbidden, ///< the signed-in user's role does not allow it; the message names the role needed
    };

    Kind kind = Kind::Business;
    QString message; ///< a sentence a clerk understands

    static Error business(const QString &message) { return {Kind::Business, message}; }
    static Error usage(const QString &message) { return {Kind::Usage, message}; }
    static Error database(const QString &message) { return {Kind::Database, message}; }
    static Error conflict(const QString &message) { return {Kind::Conflict, message}; }
    static Error stale(const QString &message) { return {Kind::Stale, message}; }
    static Error forbidden(const QString &message) { return {Kind::Forbidden, message}; }
};

inline const Error &noError()
{
    static const Error none;
    return none;
}

/** A value or an Error; errors are values, never exceptions across layers. */
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {
    }
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    {
    }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    /** The error; an empty one when there is none (so that messages can be built unconditionally). */
    const Error &error() const { return ok() ? noError() : std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

/** Result without a value. */
template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    {
    }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return ok() ? noError() : *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace Stockroom

/** Propagates an error: `STOCKROOM_TRY(value, expression);` declares value on success, returns the error otherwise. */
#define STOCKROOM_TRY(name, expression)                                                                      \
    auto name##Result = (expression);                                                                        \
    if (!name##Result) {                                                                                     \
        return name##Result.error();                                                                         \
    }                                                                                                        \
    auto &name = name##Result.value()

/** Propagates an error of a Status or Result whose value is not needed. */
#define STOCKROOM_CHECK(expression)                                                                          \
    do {                                                                                                     \
        if (auto stockroomCheck = (expression); !stockroomCheck) {                                           \
            return stockroomCheck.error();                                                                   \
        }                                                                                                    \
    } while (false)
