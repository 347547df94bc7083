// Errors as values: the one vocabulary every layer uses to say "this did not work, and why".
//
// A business outcome (invalid SIRET, duplicate, not found, forbidden) is returned as an Error inside
// a Result<T>; exceptions are kept for the truly exceptional (database gone, a bug). Each Error has a
// protocol-neutral kind, which the HTTP layer maps to a status code in one place (http/problem.cpp),
// and user-facing messages in French and English that name the field concerned.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace comptoir {

enum class ErrorKind {
    Invalid,       // bad input: 422
    NotFound,      // 404
    Conflict,      // state or uniqueness conflict: 409
    Duplicate,     // possible duplicate needing confirmation: 409 with matches
    Forbidden,     // authenticated but not allowed: 403
    Unauthorized,  // not authenticated: 401
    TooMany,       // throttled: 429
    Internal,      // bug or infrastructure failure: 500
};

// One problem with one input field. `code` is stable and machine-readable (e.g. "siret.checksum").
struct FieldIssue {
    std::string field;  // dotted path, e.g. "siret" or "contacts[0].phones[1]"; empty for a whole-request problem
    std::string code;
    std::string message_fr;
    std::string message_en;
};

struct Error {
    ErrorKind kind = ErrorKind::Internal;
    std::string code;        // stable identifier, e.g. "client.not_found"
    std::string message_fr;  // shown in the UI
    std::string message_en;
    std::vector<FieldIssue> fields;  // for Invalid: every field that is wrong, not only the first
    std::string extension_json;      // optional JSON object merged into the API problem (e.g. duplicate matches)

    static Error invalid(std::vector<FieldIssue> issues);
    static Error invalid_field(std::string field, std::string code, std::string fr, std::string en);
    static Error not_found(std::string what_fr, std::string what_en);
    static Error conflict(std::string code, std::string fr, std::string en);
    static Error forbidden();
    static Error unauthorized();
    static Error too_many(std::string fr, std::string en);
    static Error internal(std::string code);
};

template <typename T>
using Result = tl::expected<T, Error>;

// A field-level check returns either the normalised value or the issue (without the field name,
// which the caller knows and fills in with `with_field`).
template <typename T>
using Checked = tl::expected<T, FieldIssue>;

inline FieldIssue with_field(FieldIssue issue, std::string field) {
    issue.field = std::move(field);
    return issue;
}

inline tl::unexpected<Error> fail(Error e) { return tl::unexpected<Error>(std::move(e)); }
inline tl::unexpected<FieldIssue> reject(std::string code, std::string fr, std::string en) {
    return tl::unexpected<FieldIssue>(FieldIssue{"", std::move(code), std::move(fr), std::move(en)});
}

// Propagates an error from a Result-returning expression; keeps the happy path readable.
#define TRY_RESULT(var, expr)                                  \
    auto var##_result_ = (expr);                               \
    if (!var##_result_) return tl::unexpected(var##_result_.error()); \
    auto var = std::move(*var##_result_)

// The same for a Result<void>: returns its error, if any.
#define TRY_RESULT_VOID(expr)                                          \
    do {                                                               \
        auto void_result_ = (expr);                                    \
        if (!void_result_) return tl::unexpected(void_result_.error()); \
    } while (0)

}  // namespace comptoir
