#include "store/sqlite/sqlite_connection.hpp"

#include <algorithm>
#include <chrono>

namespace comptoir::store {

namespace {
// SQLite counts every allocation it makes under a global mutex unless told not to; nothing here reads
// those statistics. Must precede SQLite's initialisation (the first open); a later call is refused
// and changes nothing.
void configure_sqlite_once() {
    static const bool configured = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK; }();
    (void)configured;
}
}  // namespace

SqliteHandle::SqliteHandle(const std::string& path, Role role) {
    configure_sqlite_once();
    int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        db = nullptr;
        throw DatabaseError("cannot open SQLite database " + path + ": " + msg);
    }
    // Writers queue behind each other instead of failing at once: concurrent writes must never fail.
    sqlite3_busy_timeout(db, 30000);
    // 16 KiB pages for a new database (an existing one keeps its own): a bulk write dirties pages
    // spread over every index, and each is written to the WAL at commit as one frame and one system
    // call. Larger pages hold more of the rows a batch touches: a million clients loaded in 60.5 s
    // instead of 66.5 with 4 KiB pages, and searched as fast (bench/README.md, run C7).
    std::string script =
        "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; "
        "PRAGMA temp_store=MEMORY;";
    if (role == Role::Reader) {
        // Reads through a shared memory map instead of a private page cache per connection: a 1M-client
        // base (2.5 GB) is served from the OS cache without copying, however many connections read it.
        script += "PRAGMA cache_size=-65536; PRAGMA mmap_size=8589934592;";
    } else {
        // The writer keeps the pages it modifies: up to 2 GiB of cache (filled only as pages are used;
        // a bulk load rewrites pages all over the indexes, and with 1 GiB a million clients' indexes no
        // longer fitted: 56.5 s instead of 64, bench/README.md run C7),
        // no memory map (a page to modify is copied into the cache anyway, and the map would be redone
        // each time the file grows). Its checkpoint threshold follows the database's size (see
        // SqliteConnection::begin); the WAL file is never cut below 1 GiB, since regrowing it after each
        // checkpoint cost a bulk load a fifth of its time.
        script += "PRAGMA cache_size=-2097152; PRAGMA mmap_size=0; PRAGMA journal_size_limit=1073741824;";
    }
    char* err = nullptr;
    if (sqlite3_exec(db, script.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        sqlite3_close(db);
        db = nullptr;
        throw DatabaseError("cannot set up SQLite database " + path + ": " + msg);
    }
}

SqliteHandle::~SqliteHandle() {
    for (auto& [sql, stmt] : statements) sqlite3_finalize(stmt);
    if (db) sqlite3_close(db);
}

SqliteConnection::SqliteConnection(const std::string& path, std::shared_ptr<SqliteWriter> writer)
    : own_(path, SqliteHandle::Role::Reader), writer_(std::move(writer)) {}

SqliteConnection::~SqliteConnection() {
    try {
        rollback();
    } catch (...) {
    }
    release_writer();
}

void SqliteConnection::fail(int rc, std::string_view what) {
    std::string msg = std::string(what) + ": " + sqlite3_errmsg(current_->db);
    int ext = sqlite3_extended_errcode(current_->db);
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) throw UniqueViolation(msg);
    throw DatabaseError(msg);
}

sqlite3_stmt* SqliteConnection::prepare(std::string_view sql, const std::vector<Value>& params) {
    std::string key(sql);
    sqlite3_stmt* stmt = nullptr;
    auto& statements = current_->statements;
    if (auto it = statements.find(key); it != statements.end()) {
        stmt = it->second;
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    } else {
        int rc = sqlite3_prepare_v3(current_->db, key.c_str(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                    &stmt, nullptr);
        if (rc != SQLITE_OK) fail(rc, "prepare");
        statements.emplace(std::move(key), stmt);
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
        int index = static_cast<int>(i) + 1;
        int rc = std::visit(
            [&](const auto& v) -> int {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::nullptr_t>) return sqlite3_bind_null(stmt, index);
                else if constexpr (std::is_same_v<T, std::int64_t>) return sqlite3_bind_int64(stmt, index, v);
                // SQLITE_STATIC: no copy of each text. `params` outlives every step of the statement,
                // and the next use of the statement clears these bindings before binding anew.
                else return sqlite3_bind_text(stmt, index, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
            },
            params[i]);
        if (rc != SQLITE_OK) fail(rc, "bind");
    }
    return stmt;
}

std::vector<Row> SqliteConnection::query(std::string_view sql, const std::vector<Value>& params) {
    sqlite3_stmt* stmt = prepare(sql, params);
    std::vector<Row> rows;
    int columns = sqlite3_column_count(stmt);
    for (;;) {
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) {
            sqlite3_reset(stmt);
            fail(rc, "query");
        }
        std::vector<Value> values;
        values.reserve(columns);
        for (int c = 0; c < columns; ++c) {
            switch (sqlite3_column_type(stmt, c)) {
                case SQLITE_NULL: values.emplace_back(nullptr); break;
                case SQLITE_INTEGER: values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c))); break;
                default: {
                    auto text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                    values.emplace_back(std::string(text ? text : "", sqlite3_column_bytes(stmt, c)));
                }
            }
        }
        rows.emplace_back(std::move(values));
    }
    sqlite3_reset(stmt);
    return rows;
}

std::vector<std::int64_t> SqliteConnection::query_int64s(std::string_view sql, const std::vector<Value>& params) {
    sqlite3_stmt* stmt = prepare(sql, params);
    std::vector<std::int64_t> out;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) out.push_back(sqlite3_column_int64(stmt, 0));
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) fail(rc, "query");
    return out;
}

std::int64_t SqliteConnection::execute(std::string_view sql, const std::vector<Value>& params) {
    sqlite3_stmt* stmt = prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) fail(rc, "execute");
    return sqlite3_changes64(current_->db);
}

std::int64_t SqliteConnection::insert(std::string_view sql, const std::vector<Value>& params) {
    if (execute(sql, params) == 0) return 0;  // ON CONFLICT DO NOTHING: no new row
    return sqlite3_last_insert_rowid(current_->db);
}

void SqliteConnection::execute_script(std::string_view sql) {
    std::string script(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(current_->db, script.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw DatabaseError("script: " + msg);
    }
}

// BEGIN IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading read locks
// (which SQLite would report as SQLITE_BUSY without waiting).
//
// Writers of this process also queue on one mutex before BEGIN IMMEDIATE. SQLite allows one writer
// anyway, and the WAL auto-checkpoint runs inside COMMIT: holding the mutex until then lets each
// checkpoint finish before the next writer starts. Without it, writers starting back to back starved
// the checkpoint and the WAL grew to gigabytes during bulk loads. The wait is bounded like SQLite's
// busy timeout, so a bug that nests two write transactions fails instead of hanging.
void SqliteConnection::begin(bool write) {
    if (write && writer_) {
        if (!writer_->mutex.try_lock_for(std::chrono::seconds(30)))
            throw DatabaseError("begin: timed out waiting for the database write lock");
        holds_writer_ = true;
        try {
            if (!writer_->handle)
                writer_->handle = std::make_unique<SqliteHandle>(writer_->path, SqliteHandle::Role::Writer);
            current_ = writer_->handle.get();
            execute_script("BEGIN IMMEDIATE");
            adjust_checkpoint_threshold();
        } catch (...) {
            release_writer();
            throw;
        }
        return;
    }
    execute_script(write ? "BEGIN IMMEDIATE" : "BEGIN");
}

// SQLite checkpoints the WAL into the database when it holds 1,000 pages. A large transaction dirties
// pages all over the indexes, and each checkpoint writes every page the WAL holds back into the
// database and syncs it: checkpointing after every batch of a bulk load wrote each hot page twice per
// commit. So the WAL may grow to the database's own size (between 4 MB and 1 GiB) before a checkpoint:
// a small database keeps a small WAL, and a large one checkpoints each hot page once per many commits.
// The measurements are in bench/README.md, run C5.
void SqliteConnection::adjust_checkpoint_threshold() {
    constexpr std::int64_t kMinBytes = 4 << 20, kMaxBytes = 1 << 30;
    const std::int64_t page_size = std::max<std::int64_t>(512, query_one("PRAGMA page_size")->int64(0));
    const std::int64_t pages = std::clamp(query_one("PRAGMA page_count")->int64(0), kMinBytes / page_size,
                                          kMaxBytes / page_size);
    if (pages == writer_->checkpoint_pages) return;
    execute_script("PRAGMA wal_autocheckpoint=" + std::to_string(pages));
    writer_->checkpoint_pages = pages;
}

// A failed COMMIT leaves the transaction open and the mutex held; the pool's rollback() releases both.
void SqliteConnection::commit() {
    execute_script("COMMIT");
    if (holds_writer_) writer_->commits.fetch_add(1, std::memory_order_relaxed);
    release_writer();
}

void SqliteConnection::rollback() {
    if (in_transaction()) execute_script("ROLLBACK");
    release_writer();
}

// Gives the writer's handle back: the connection reads on its own handle again.
void SqliteConnection::release_writer() {
    if (holds_writer_) {
        holds_writer_ = false;
        current_ = &own_;
        writer_->mutex.unlock();
    }
}

}  // namespace comptoir::store
