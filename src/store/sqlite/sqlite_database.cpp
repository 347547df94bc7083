#include "store/sqlite/sqlite_database.hpp"

#include <condition_variable>
#include <mutex>
#include <vector>

#include "store/sqlite/sqlite_connection.hpp"

namespace comptoir::store {
namespace {

class SqliteDatabase final : public Database {
public:
    SqliteDatabase(std::string path, int pool_size) : path_(std::move(path)), writer_(std::make_shared<SqliteWriter>(path_)), capacity_(pool_size < 1 ? 1 : pool_size) {
        // Open one connection now so a wrong path fails at start, not at the first request.
        idle_.push_back(std::make_unique<SqliteConnection>(path_, writer_));
        ++open_;
    }

    Dialect dialect() const override { return Dialect::Sqlite; }

    std::shared_ptr<Connection> acquire() override {
        std::unique_ptr<SqliteConnection> conn;
        {
            std::unique_lock lock(mutex_);
            available_.wait(lock, [&] { return !idle_.empty() || open_ < capacity_; });
            if (!idle_.empty()) {
                conn = std::move(idle_.back());
                idle_.pop_back();
            } else {
                ++open_;
            }
        }
        if (!conn) {
            try {
                conn = std::make_unique<SqliteConnection>(path_, writer_);
            } catch (...) {
                std::lock_guard lock(mutex_);
                --open_;
                available_.notify_one();
                throw;
            }
        }
        SqliteConnection* raw = conn.release();
        return std::shared_ptr<Connection>(raw, [this](Connection* c) { release(static_cast<SqliteConnection*>(c)); });
    }

private:
    void release(SqliteConnection* conn) {
        std::unique_ptr<SqliteConnection> owned(conn);
        try {
            owned->rollback();  // a connection given back mid-transaction (exception path) is cleaned first
        } catch (...) {
            owned.reset();
        }
        std::lock_guard lock(mutex_);
        if (owned) idle_.push_back(std::move(owned));
        else --open_;
        available_.notify_one();
    }

    std::string path_;
    std::shared_ptr<SqliteWriter> writer_;
    int capacity_;
    int open_ = 0;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<SqliteConnection>> idle_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path, int pool_size) {
    return std::make_unique<SqliteDatabase>(path, pool_size);
}

}  // namespace comptoir::store
