#include "store/sqlite/sqlite_database.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
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
        checkpointer_ = std::thread([this] { checkpoint_when_idle(); });
    }

    ~SqliteDatabase() override {
        {
            std::lock_guard lock(stop_mutex_);
            stopping_ = true;
        }
        stop_.notify_all();
        checkpointer_.join();
    }

    Dialect dialect() const override { return Dialect::Sqlite; }
    std::string file_path() const override { return path_; }

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
    // Once writes stop (no commit for a second and no write transaction open), the WAL is copied into
    // the database. Until then every page a reader needs is first looked up in the WAL's index, which
    // grows with the WAL: after a bulk load left up to 1 GiB there (the auto-checkpoint threshold, see
    // SqliteConnection::adjust_checkpoint_threshold), searches read pages much slower than from a
    // checkpointed database (p99 52 ms instead of 31 at a million clients). A PASSIVE checkpoint on a
    // handle of its own never blocks a writer; it stops at frames a reader still uses, and is retried.
    void checkpoint_when_idle() {
        constexpr auto kPeriod = std::chrono::milliseconds(500);
        std::uint64_t seen = 0, done = 0;
        int quiet_periods = 0;
        std::unique_ptr<SqliteHandle> handle;
        std::unique_lock lock(stop_mutex_);
        while (!stop_.wait_for(lock, kPeriod, [&] { return stopping_; })) {
            const std::uint64_t now = writer_->commits.load(std::memory_order_relaxed);
            quiet_periods = now == seen ? quiet_periods + 1 : 0;
            seen = now;
            if (quiet_periods < 2 || now == done) continue;
            // A bulk load's batch may hold the write lock for longer than a period: never during one.
            if (!writer_->mutex.try_lock()) continue;
            writer_->mutex.unlock();
            lock.unlock();
            try {
                if (!handle) handle = std::make_unique<SqliteHandle>(path_, SqliteHandle::Role::Reader);
                int frames = 0, copied = 0;
                const int rc = sqlite3_wal_checkpoint_v2(handle->db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied);
                if (rc == SQLITE_OK && copied >= frames) done = now;
            } catch (const DatabaseError&) {
                // The next period retries; the auto-checkpoint still runs on commit.
            }
            lock.lock();
        }
    }

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
    std::mutex stop_mutex_;
    std::condition_variable stop_;
    bool stopping_ = false;
    std::thread checkpointer_;  // last: started once the rest is built
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path, int pool_size) {
    return std::make_unique<SqliteDatabase>(path, pool_size);
}

}  // namespace comptoir::store
