// The storage interface: one small API over SQLite and PostgreSQL.
//
// Repositories write portable SQL with `?` placeholders; each driver adapts them (PostgreSQL rewrites
// them to $1, $2...). Only prepared statements exist: values are always bound, never spliced into SQL.
// A Connection is used by one thread at a time; the Database hands them out from a pool.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <tl/expected.hpp>

namespace comptoir::store {

// A value bound to a placeholder or read from a column.
using Value = std::variant<std::nullptr_t, std::int64_t, std::string>;

inline Value null_if_empty(const std::string& s) { return s.empty() ? Value(nullptr) : Value(s); }
inline Value opt(const std::optional<std::int64_t>& v) { return v ? Value(*v) : Value(nullptr); }
inline Value opt(const std::optional<std::string>& v) { return v ? Value(*v) : Value(nullptr); }

// Thrown for infrastructure failures (connection lost, SQL error: a bug). Business code never
// catches it except at the edge, where it becomes a 500 and the transaction is rolled back.
struct DatabaseError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Thrown when a unique constraint is violated, so a service can turn a race into a clean 409.
struct UniqueViolation : DatabaseError {
    using DatabaseError::DatabaseError;
};

enum class Dialect { Sqlite, Postgres };

// One result row. Columns are read by index, in the order of the SELECT list.
class Row {
public:
    explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
    bool is_null(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(values_.at(i)); }
    std::int64_t int64(std::size_t i) const;                   // NULL reads as 0
    std::string text(std::size_t i) const;                     // NULL reads as ""
    std::optional<std::int64_t> opt_int64(std::size_t i) const;
    std::optional<std::string> opt_text(std::size_t i) const;
    bool boolean(std::size_t i) const { return int64(i) != 0; }
    std::size_t size() const { return values_.size(); }

private:
    std::vector<Value> values_;
};

class Connection {
public:
    virtual ~Connection() = default;
    virtual Dialect dialect() const = 0;

    // Runs one statement and returns every row it produced.
    virtual std::vector<Row> query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
    // Runs one statement; returns the number of rows changed.
    virtual std::int64_t execute(std::string_view sql, const std::vector<Value>& params = {}) = 0;
    // Runs an INSERT and returns the new row's `id` column (the statement must not end with RETURNING);
    // 0 when nothing was inserted (ON CONFLICT DO NOTHING).
    virtual std::int64_t insert(std::string_view sql, const std::vector<Value>& params = {}) = 0;
    // The first column of every row, as integers: for id lists that may run to tens of thousands of
    // rows, without building a Row per result.
    virtual std::vector<std::int64_t> query_int64s(std::string_view sql, const std::vector<Value>& params = {}) {
        std::vector<std::int64_t> out;
        for (const auto& row : query(sql, params)) out.push_back(row.int64(0));
        return out;
    }
    // Runs a script of several statements without parameters (migrations only).
    virtual void execute_script(std::string_view sql) = 0;

    virtual void begin(bool write) = 0;  // write=true takes the write lock at once on SQLite
    virtual void commit() = 0;
    virtual void rollback() = 0;

    std::optional<Row> query_one(std::string_view sql, const std::vector<Value>& params = {}) {
        auto rows = query(sql, params);
        if (rows.empty()) return std::nullopt;
        return std::move(rows.front());
    }
};

class Database {
public:
    virtual ~Database() = default;
    virtual Dialect dialect() const = 0;
    // Borrows a connection from the pool; it returns to the pool when the handle is destroyed.
    virtual std::shared_ptr<Connection> acquire() = 0;
    // The database's file (SQLite), for files kept beside it; empty for a server database.
    virtual std::string file_path() const { return {}; }
};

// Opens a database from a URL: "postgresql://..." or "postgres://..." selects PostgreSQL; anything
// else ("sqlite:PATH", or a plain path) is a SQLite file. `pool_size` bounds open connections.
std::unique_ptr<Database> open_database(const std::string& url, int pool_size);

template <typename T>
struct is_expected : std::false_type {};
template <typename T, typename E>
struct is_expected<tl::expected<T, E>> : std::true_type {};

// Runs `work` inside one transaction on one connection: committed if it returns normally, rolled back
// if it throws, and also rolled back when it returns a tl::expected holding an error (a business
// failure must leave nothing half-written).
template <typename F>
auto with_transaction(Database& db, bool write, F&& work) {
    auto conn = db.acquire();
    conn->begin(write);
    try {
        using R = decltype(work(*conn));
        if constexpr (std::is_void_v<R>) {
            work(*conn);
            conn->commit();
        } else {
            R result = work(*conn);
            if constexpr (is_expected<R>::value) {
                if (result.has_value()) conn->commit();
                else conn->rollback();
            } else {
                conn->commit();
            }
            return result;
        }
    } catch (...) {
        try { conn->rollback(); } catch (...) {}
        throw;
    }
}

}  // namespace comptoir::store
