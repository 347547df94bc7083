// Maps libpq failures to the store's exceptions.
#pragma once

#include <string>

#include "store/postgres/libpq_handles.hpp"

namespace comptoir::store::postgres {

// Returns `result` when the command succeeded; otherwise throws UniqueViolation (SQLSTATE 23505) or
// DatabaseError. A null result (out of memory, connection lost before any reply) is a failure too.
PgResultPtr check_result(PGconn* conn, PgResultPtr result);

// The message of a failed result, safe to log: the server's primary message and SQLSTATE only. The
// DETAIL line is left out on purpose ("Key (email)=(alice@example.com) already exists"), and so are the
// quoted values that data exceptions echo back, because parameter values may be personal data or secrets.
std::string describe_failure(PGconn* conn, const PGresult* result);

// True when a prepared statement failed only because the session's copy of it is out of date: gone
// (DEALLOCATE or DISCARD ran) or planned against a table whose columns have since changed. Nothing ran,
// so preparing it again is the cure.
bool is_stale_statement(const PGresult* result);

// libpq's last error for `conn`, without its trailing newline.
std::string connection_error(PGconn* conn);

}  // namespace comptoir::store::postgres
