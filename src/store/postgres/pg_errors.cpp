#include "store/postgres/pg_errors.hpp"

#include <string_view>

#include "store/database.hpp"

namespace comptoir::store::postgres {
namespace {

constexpr std::string_view kUniqueViolation = "23505";

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

// Class 22 (data exception) messages quote the rejected input, e.g. `invalid input syntax for type
// integer: "abc"` or `value "99999999999" is out of range for type integer`: keep the shape, drop the value.
std::string without_values(std::string message) {
    if (auto colon = message.find(": "); colon != std::string::npos) message.resize(colon);
    std::string out;
    bool quoted = false;
    for (char c : message) {
        if (c == '"') {
            out += quoted ? "\"" : "\"...";
            quoted = !quoted;
        } else if (!quoted) {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::string connection_error(PGconn* conn) {
    const char* message = conn ? PQerrorMessage(conn) : nullptr;
    std::string text = trimmed(message ? message : "");
    return text.empty() ? "connection to PostgreSQL failed" : text;
}

std::string describe_failure(PGconn* conn, const PGresult* result) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    if (!state || !primary) {
        // Not an error reported by the server (lost connection, client-side failure): libpq's own text,
        // which never contains bound values.
        std::string text = result ? trimmed(PQresultErrorMessage(result)) : std::string();
        return text.empty() ? connection_error(conn) : text;
    }
    std::string message = primary;
    if (std::string_view(state).starts_with("22")) message = without_values(std::move(message));
    return message + " (SQLSTATE " + state + ")";
}

bool is_stale_statement(const PGresult* result) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    if (!state) return false;
    if (std::string_view(state) == "26000") return true;  // invalid_sql_statement_name
    // feature_not_supported covers much else; only this message means a stale plan.
    const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    return std::string_view(state) == "0A000" && primary &&
           std::string_view(primary).starts_with("cached plan must not change result type");
}

PgResultPtr check_result(PGconn* conn, PgResultPtr result) {
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return result;
    const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
    std::string message = describe_failure(conn, result.get());
    if (state && state == kUniqueViolation) throw UniqueViolation(message);
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH)
        throw DatabaseError("COPY is not supported by this driver");
    throw DatabaseError(message);
}

}  // namespace comptoir::store::postgres
