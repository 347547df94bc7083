#pragma once

#include <sqlite3.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "store/database.hpp"

namespace comptoir::store {

// One SQLite connection with its cache of prepared statements. Not thread-safe: the pool gives it to
// one thread at a time.
class SqliteConnection final : public Connection {
public:
    // `writer` is shared by every connection of one database: see begin().
    SqliteConnection(const std::string& path, std::shared_ptr<std::timed_mutex> writer);
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    Dialect dialect() const override { return Dialect::Sqlite; }
    std::vector<Row> query(std::string_view sql, const std::vector<Value>& params) override;
    std::int64_t execute(std::string_view sql, const std::vector<Value>& params) override;
    std::vector<std::int64_t> query_int64s(std::string_view sql, const std::vector<Value>& params) override;
    std::int64_t insert(std::string_view sql, const std::vector<Value>& params) override;
    void execute_script(std::string_view sql) override;
    void begin(bool write) override;
    void commit() override;
    void rollback() override;
    bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

private:
    sqlite3_stmt* prepare(std::string_view sql, const std::vector<Value>& params);
    [[noreturn]] void fail(int rc, std::string_view what);
    void release_writer();

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
    std::shared_ptr<std::timed_mutex> writer_;
    bool holds_writer_ = false;
};

}  // namespace comptoir::store
