// One libpq session implementing store::Connection.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/database.hpp"
#include "store/postgres/libpq_handles.hpp"

namespace comptoir::store::postgres {

class PostgresConnection final : public Connection {
public:
    // Connects with `url` as given (libpq parses it) and sets the session up. Throws DatabaseError.
    explicit PostgresConnection(const std::string& url);

    Dialect dialect() const override { return Dialect::Postgres; }
    std::vector<Row> query(std::string_view sql, const std::vector<Value>& params = {}) override;
    std::int64_t execute(std::string_view sql, const std::vector<Value>& params = {}) override;
    std::int64_t insert(std::string_view sql, const std::vector<Value>& params = {}) override;
    void execute_script(std::string_view sql) override;
    void begin(bool write) override;
    void commit() override;
    void rollback() override;

    // For the pool. True when the session can serve a new borrower as is: connected, outside any
    // transaction, and the server has not hung up on it (a restart or pg_terminate_backend leaves
    // PQstatus at CONNECTION_OK until the next command, but makes the idle socket readable).
    bool healthy() const;
    // Reconnects with the same parameters (PQreset) and sets the session up again. Throws DatabaseError.
    void reset();
    // Rolls back whatever transaction the borrower left open (the exception path); never throws.
    void abandon_transaction() noexcept;

private:
    struct Prepared {
        std::string name;
        int parameter_count = 0;
    };

    const Prepared& prepared(std::string_view sql);
    PgResultPtr run(std::string_view sql, const std::vector<Value>& params);
    PgResultPtr run_simple(const char* sql);
    void set_up_session();
    PGTransactionStatusType transaction_status() const { return PQtransactionStatus(conn_.get()); }

    PgConnPtr conn_;
    // Named prepared statements of this session, keyed by the SQL as the repository wrote it.
    std::unordered_map<std::string, Prepared> statements_;
    std::uint64_t statement_serial_ = 0;
};

}  // namespace comptoir::store::postgres
