#pragma once

#include <sqlite3.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "store/database.hpp"

namespace comptoir::store {

// One open SQLite handle with its cache of prepared statements.
struct SqliteHandle {
    enum class Role { Reader, Writer };
    SqliteHandle(const std::string& path, Role role);
    ~SqliteHandle();
    SqliteHandle(const SqliteHandle&) = delete;
    SqliteHandle& operator=(const SqliteHandle&) = delete;

    sqlite3* db = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> statements;
};

// What the connections of one database share for writing: SQLite allows one writer at a time, so
// every write transaction of this process runs on one handle, taken under one mutex.
//
// One handle rather than whichever pooled connection asked: in WAL mode a connection throws its page
// cache away when another connection has written since its last transaction, so writes spread over the
// pool re-read the pages of every index they touch, each time. The writer's cache stays valid from one
// write to the next (only another process writing invalidates it), and it is large, since the pages a
// bulk load touches are spread over every index. See docs/ARCHITECTURE.md, "SQLite writers".
struct SqliteWriter {
    explicit SqliteWriter(std::string path) : path(std::move(path)) {}
    std::string path;
    std::timed_mutex mutex;
    std::unique_ptr<SqliteHandle> handle;  // opened at the first write, used only under `mutex`
    std::int64_t checkpoint_pages = 0;     // the handle's wal_autocheckpoint (see adjust_checkpoint_threshold)
    std::atomic<std::uint64_t> commits{0};  // write transactions committed, for the idle checkpoint
};

// One SQLite connection of the pool. Not thread-safe: the pool gives it to one thread at a time.
// Reads use its own handle; a write transaction borrows the shared writer's (see begin()).
class SqliteConnection final : public Connection {
public:
    SqliteConnection(const std::string& path, std::shared_ptr<SqliteWriter> writer);
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
    bool in_transaction() const { return sqlite3_get_autocommit(current_->db) == 0; }

private:
    sqlite3_stmt* prepare(std::string_view sql, const std::vector<Value>& params);
    [[noreturn]] void fail(int rc, std::string_view what);
    void release_writer();
    void adjust_checkpoint_threshold();

    SqliteHandle own_;
    SqliteHandle* current_ = &own_;  // the writer's handle during a write transaction
    std::shared_ptr<SqliteWriter> writer_;
    bool holds_writer_ = false;
};

}  // namespace comptoir::store
