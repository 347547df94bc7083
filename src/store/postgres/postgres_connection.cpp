#include "store/postgres/postgres_connection.hpp"

#include <poll.h>

#include "store/postgres/pg_errors.hpp"
#include "store/postgres/pg_values.hpp"
#include "store/postgres/placeholders.hpp"

namespace comptoir::store::postgres {
namespace {

// Server-side prepared statements cost memory in the backend. Repositories use a fixed set of
// statements, but SQL built on the fly (IN lists of varying length) would grow the cache without end:
// past this many, the session drops them all at the next moment it is outside a transaction.
constexpr std::size_t kMaxPreparedStatements = 512;

// Text for every connection: UTF-8 whatever the database's encoding, warnings but not the chatter of
// NOTICEs ("relation already exists, skipping"), and timestamps rendered in UTC so they read the same
// on every server.
constexpr const char* kSessionSetup =
    "SET client_encoding TO 'UTF8'; SET client_min_messages TO WARNING; SET TIME ZONE 'UTC'";

}  // namespace

PostgresConnection::PostgresConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (!conn_) throw DatabaseError("cannot connect to PostgreSQL: out of memory");
    // libpq's message names host, port and user but never the password, unlike the URL itself.
    if (PQstatus(conn_.get()) != CONNECTION_OK)
        throw DatabaseError("cannot connect to PostgreSQL: " + connection_error(conn_.get()));
    set_up_session();
}

void PostgresConnection::set_up_session() { run_simple(kSessionSetup); }

bool PostgresConnection::healthy() const {
    if (PQstatus(conn_.get()) != CONNECTION_OK || transaction_status() != PQTRANS_IDLE) return false;
    // An idle session is never sent anything unprompted (the driver does not LISTEN), so pending input
    // means the server said goodbye: typically a FATAL "terminating connection" followed by EOF.
    pollfd fd{PQsocket(conn_.get()), POLLIN, 0};
    return fd.fd >= 0 && poll(&fd, 1, 0) == 0;
}

void PostgresConnection::reset() {
    statements_.clear();  // a new backend knows none of them
    PQreset(conn_.get());
    if (PQstatus(conn_.get()) != CONNECTION_OK)
        throw DatabaseError("cannot reconnect to PostgreSQL: " + connection_error(conn_.get()));
    set_up_session();
}

PgResultPtr PostgresConnection::run_simple(const char* sql) {
    return check_result(conn_.get(), PgResultPtr(PQexec(conn_.get(), sql)));
}

const PostgresConnection::Prepared& PostgresConnection::prepared(std::string_view sql) {
    std::string key(sql);
    if (auto found = statements_.find(key); found != statements_.end()) return found->second;

    if (statements_.size() >= kMaxPreparedStatements && transaction_status() == PQTRANS_IDLE) {
        run_simple("DEALLOCATE ALL");
        statements_.clear();
    }
    NumberedSql numbered = rewrite_placeholders(sql);
    Prepared statement{"comptoir_" + std::to_string(++statement_serial_), numbered.parameter_count};
    // No parameter types: the server infers each one from its context, the way it would for a literal,
    // so "1" fits an integer, bigint, numeric or boolean column alike.
    check_result(conn_.get(), PgResultPtr(PQprepare(conn_.get(), statement.name.c_str(), numbered.text.c_str(),
                                                    numbered.parameter_count, nullptr)));
    return statements_.emplace(std::move(key), std::move(statement)).first->second;
}

PgResultPtr PostgresConnection::run(std::string_view sql, const std::vector<Value>& params) {
    BoundParams bound(params);
    for (bool retried = false;; retried = true) {
        const Prepared& statement = prepared(sql);
        if (static_cast<std::size_t>(statement.parameter_count) != params.size())
            throw DatabaseError("statement has " + std::to_string(statement.parameter_count) + " placeholders but " +
                                std::to_string(params.size()) + " values were bound");
        PgResultPtr result(PQexecPrepared(conn_.get(), statement.name.c_str(), bound.count(), bound.values(), nullptr,
                                          nullptr, 0));
        if (!retried && is_stale_statement(result.get())) {
            // A migration altered a table this statement reads, or a script ran DISCARD/DEALLOCATE: forget
            // it. Outside a transaction nothing was done, so prepare afresh and run it again; inside one,
            // the transaction is already aborted and the error must reach the caller.
            statements_.erase(std::string(sql));
            if (transaction_status() == PQTRANS_IDLE) continue;
        }
        return check_result(conn_.get(), std::move(result));
    }
}

std::vector<Row> PostgresConnection::query(std::string_view sql, const std::vector<Value>& params) {
    return rows_from_result(run(sql, params).get());
}

std::int64_t PostgresConnection::execute(std::string_view sql, const std::vector<Value>& params) {
    return affected_rows(run(sql, params).get());
}

std::int64_t PostgresConnection::insert(std::string_view sql, const std::vector<Value>& params) {
    // Trailing `;` would end the statement before RETURNING; the newline closes a trailing `--` comment.
    std::size_t end = sql.size();
    while (end > 0 && (sql[end - 1] == ';' || sql[end - 1] == ' ' || sql[end - 1] == '\n' || sql[end - 1] == '\t' ||
                       sql[end - 1] == '\r'))
        --end;
    std::string returning(sql.substr(0, end));
    returning += "\nRETURNING id";
    PgResultPtr result = run(returning, params);
    // INSERT ... ON CONFLICT DO NOTHING may insert nothing: no id, and ids start at 1.
    if (PQntuples(result.get()) == 0 || PQgetisnull(result.get(), 0, 0)) return 0;
    return id_from_result(result.get());
}

void PostgresConnection::execute_script(std::string_view sql) {
    // PQexec runs several statements in one implicit transaction (unless the script has its own
    // BEGIN/COMMIT). It takes a C string, so reject an embedded NUL rather than run half a script.
    std::string script(sql);
    if (script.find('\0') != std::string::npos) throw DatabaseError("SQL script contains a NUL byte");
    run_simple(script.c_str());
}

void PostgresConnection::begin(bool /*write*/) {
    // PostgreSQL has row-level locks: the SQLite "take the write lock now" flag has no equivalent, and
    // the default isolation (READ COMMITTED) is what the repositories are written for.
    if (transaction_status() != PQTRANS_IDLE && PQstatus(conn_.get()) == CONNECTION_OK)
        throw DatabaseError("begin: a transaction is already open on this connection");
    if (PQstatus(conn_.get()) != CONNECTION_OK) reset();
    try {
        run_simple("BEGIN");
    } catch (const DatabaseError&) {
        // Nothing has happened in this transaction yet, so a session found dead here can be replaced and
        // BEGIN retried without risk of running anything twice.
        if (PQstatus(conn_.get()) == CONNECTION_OK) throw;
        reset();
        run_simple("BEGIN");
    }
}

void PostgresConnection::commit() {
    switch (transaction_status()) {
        case PQTRANS_INTRANS: break;
        case PQTRANS_INERROR:
            // The server would answer COMMIT with a quiet ROLLBACK; make the lost work loud instead.
            run_simple("ROLLBACK");
            throw DatabaseError("commit: the transaction had failed and was rolled back");
        case PQTRANS_IDLE: throw DatabaseError("commit: no transaction is open");
        default: throw DatabaseError("commit: " + connection_error(conn_.get()));
    }
    PgResultPtr result = run_simple("COMMIT");
    if (std::string_view(PQcmdStatus(result.get())) == "ROLLBACK")
        throw DatabaseError("commit: the transaction had failed and was rolled back");
}

void PostgresConnection::rollback() {
    // Nothing to undo after a failed COMMIT (it ends the transaction) or twice over: not an error, since
    // with_transaction calls this on every failure path.
    if (transaction_status() == PQTRANS_IDLE) return;
    run_simple("ROLLBACK");
}

void PostgresConnection::abandon_transaction() noexcept {
    const auto status = transaction_status();
    if (status != PQTRANS_INTRANS && status != PQTRANS_INERROR) return;
    try {
        run_simple("ROLLBACK");
    } catch (...) {
        // The pool sees the session is not idle (or not connected) and drops it.
    }
}

}  // namespace comptoir::store::postgres
