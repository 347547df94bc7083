// The SQLite driver's shared writer: every write transaction of a database runs on one handle, taken
// under one mutex (see SqliteWriter). These tests pin what callers rely on: writes never fail under
// concurrency, a failed write leaves nothing and frees the writer, the writer never serves pages that
// another process has changed, a small database keeps a small WAL, and the WAL is checkpointed once
// writes stop.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "store/database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace comptoir::store {
namespace {

namespace fs = std::filesystem;

class SqliteWriter : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("comptoir-sqlite-writer-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        path_ = (dir_ / "test.db").string();
        db_ = open_sqlite(path_, 8);
        with_transaction(*db_, true, [](Connection& c) {
            c.execute_script("CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);"
                             "INSERT INTO counters VALUES ('n', 0);"
                             "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);");
        });
    }
    void TearDown() override {
        db_.reset();
        fs::remove_all(dir_);
    }
    std::int64_t counter(Database& db) {
        return db.acquire()->query_one("SELECT value FROM counters WHERE name = 'n'")->int64(0);
    }
    static void increment(Connection& c) { c.execute("UPDATE counters SET value = value + 1 WHERE name = 'n'", {}); }

    fs::path dir_;
    std::string path_;
    std::unique_ptr<Database> db_;
};

// Once writes stop, the WAL is copied into the database, so that readers no longer look pages up in
// it. Read from the WAL index in the -shm file (SQLite's file format: mxFrame, the frames in the WAL,
// at byte 16; nBackfill, the frames copied into the database, at byte 96; native byte order).
TEST_F(SqliteWriter, TheWalIsCopiedIntoTheDatabaseOnceWritesStop) {
    with_transaction(*db_, true, [](Connection& c) {
        for (int i = 0; i < 2000; ++i) c.execute("INSERT INTO notes (body) VALUES (?)", {std::string(200, 'x')});
    });
    auto wal = [&] {
        std::ifstream shm(path_ + "-shm", std::ios::binary);
        char header[100] = {};
        shm.read(header, sizeof header);
        std::uint32_t frames = 0, copied = 0;
        std::memcpy(&frames, header + 16, 4);
        std::memcpy(&copied, header + 96, 4);
        return std::pair{frames, copied};
    };
    const auto [frames, copied] = wal();
    ASSERT_GT(frames, 0u);
    EXPECT_LT(copied, frames) << "far below the auto-checkpoint threshold: nothing is copied at commit";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (wal().second < frames && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(wal().second, frames);
}

TEST_F(SqliteWriter, ConcurrentWritesFromManyThreadsAllLand) {
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 50; ++i) {
                try {
                    with_transaction(*db_, true, [](Connection& c) {
                        // Read then write inside the transaction: a lost update would show in the total.
                        auto v = c.query_one("SELECT value FROM counters WHERE name = 'n'")->int64(0);
                        c.execute("UPDATE counters SET value = ? WHERE name = 'n'", {v + 1});
                    });
                } catch (...) {
                    ++failures;
                }
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(counter(*db_), 400);
}

TEST_F(SqliteWriter, AFailedWriteLeavesNothingAndFreesTheWriter) {
    EXPECT_THROW(with_transaction(*db_, true,
                                  [](Connection& c) {
                                      increment(c);
                                      c.insert("INSERT INTO notes (body) VALUES (?)", {std::string("half")});
                                      throw std::runtime_error("business failure");
                                  }),
                 std::runtime_error);
    EXPECT_EQ(counter(*db_), 0);
    EXPECT_EQ(db_->acquire()->query_one("SELECT count(*) FROM notes")->int64(0), 0);
    // The next write, on whichever pooled connection, gets the writer at once.
    with_transaction(*db_, true, [](Connection& c) { increment(c); });
    EXPECT_EQ(counter(*db_), 1);
}

TEST_F(SqliteWriter, AConnectionGivenBackMidTransactionIsRolledBack) {
    {
        auto conn = db_->acquire();
        conn->begin(true);
        increment(*conn);
    }  // returned to the pool without commit (an exception path)
    with_transaction(*db_, true, [](Connection& c) { increment(c); });
    EXPECT_EQ(counter(*db_), 1);
}

TEST_F(SqliteWriter, ReadsOnOtherConnectionsSeeEachCommittedWrite) {
    auto reader = db_->acquire();
    for (int i = 1; i <= 3; ++i) {
        with_transaction(*db_, true, [](Connection& c) { increment(c); });
        EXPECT_EQ(reader->query_one("SELECT value FROM counters WHERE name = 'n'")->int64(0), i);
    }
}

TEST_F(SqliteWriter, WritesByAnotherProcessAreNeverOverwrittenFromAStaleCache) {
    with_transaction(*db_, true, [](Connection& c) { increment(c); });  // the writer caches the page
    {
        auto other = open_sqlite(path_, 2);  // as another process would (the command line, say)
        with_transaction(*other, true, [](Connection& c) { increment(c); });
    }
    with_transaction(*db_, true, [](Connection& c) { increment(c); });
    EXPECT_EQ(counter(*db_), 3);
}

TEST_F(SqliteWriter, ASmallDatabaseKeepsASmallWal) {
    // The checkpoint threshold follows the database's size: a bulk load's 1 GiB is for large bases.
    const std::string body(2000, 'x');
    for (int i = 0; i < 3000; ++i)
        with_transaction(*db_, true, [&](Connection& c) {
            c.execute("INSERT OR REPLACE INTO notes (id, body) VALUES (?, ?)", {std::int64_t{i % 10}, body});
        });
    EXPECT_LT(fs::file_size(path_ + "-wal"), 8u * 1024 * 1024);
}

}  // namespace
}  // namespace comptoir::store
