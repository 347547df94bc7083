// The pool: concurrency, waiting, and never handing out a dirty or dead session.
#include <atomic>
#include <chrono>
#include <thread>

#include "store/postgres/tests/pg_test_support.hpp"

namespace comptoir::store::postgres::testing {
namespace {

using namespace std::chrono_literals;

using PostgresPool = PgTest;

std::int64_t backend_pid(Connection& conn) { return conn.query_one("SELECT pg_backend_pid()")->int64(0); }

// Ends a session from the server side, as a server restart does, and waits until it is gone.
void terminate_backend(Database& db, std::int64_t pid) {
    auto killer = db.acquire();
    ASSERT_TRUE(killer->query_one("SELECT pg_terminate_backend(?::int, 5000)", {pid})->boolean(0));
}

TEST_F(PostgresPool, EightThreadsOfTwoHundredTransactions) {
    auto items = create_table("id BIGSERIAL PRIMARY KEY, thread INTEGER NOT NULL, seq INTEGER NOT NULL");
    auto counter = create_table("id INTEGER PRIMARY KEY, n BIGINT NOT NULL");
    db_->acquire()->execute("INSERT INTO " + counter + " (id, n) VALUES (1, 0)");

    constexpr int kThreads = 8;
    constexpr int kTransactions = 200;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kTransactions; ++i) {
                try {
                    with_transaction(*db_, true, [&](Connection& c) {
                        c.insert("INSERT INTO " + items + " (thread, seq) VALUES (?, ?)",
                                 {std::int64_t{t}, std::int64_t{i}});
                        return c.execute("UPDATE " + counter + " SET n = n + 1 WHERE id = ?", {std::int64_t{1}});
                    });
                } catch (const std::exception& e) {
                    ++failures;
                    ADD_FAILURE() << e.what();
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(count_rows(items), kThreads * kTransactions);
    EXPECT_EQ(db_->acquire()->query_one("SELECT n FROM " + counter)->int64(0), kThreads * kTransactions);
}

TEST_F(PostgresPool, WaitsWhenEveryConnectionIsLent) {
    auto db = open_postgres(url_, 1);
    auto held = db->acquire();
    std::atomic<bool> acquired{false};
    std::thread waiter([&] {
        auto conn = db->acquire();
        acquired = true;
    });
    std::this_thread::sleep_for(200ms);
    EXPECT_FALSE(acquired.load());
    held.reset();
    waiter.join();
    EXPECT_TRUE(acquired.load());
}

TEST_F(PostgresPool, ConnectionIsReusableAfterAnExceptionInsideATransaction) {
    auto table = create_table("id SERIAL PRIMARY KEY, n INTEGER");
    auto db = open_postgres(url_, 1);  // one session, so the next borrower gets the very same one
    std::int64_t pid = 0;
    try {
        auto conn = db->acquire();
        pid = backend_pid(*conn);
        conn->begin(true);
        conn->insert("INSERT INTO " + table + " (n) VALUES (?)", {std::int64_t{1}});
        throw std::runtime_error("unwinding without commit or rollback");
    } catch (const std::runtime_error&) {
    }
    auto conn = db->acquire();
    EXPECT_EQ(backend_pid(*conn), pid);
    EXPECT_EQ(conn->query_one("SELECT count(*) FROM " + table)->int64(0), 0);  // rolled back, not committed later
    conn->begin(true);  // would throw if the old transaction were still open
    conn->insert("INSERT INTO " + table + " (n) VALUES (?)", {std::int64_t{2}});
    conn->commit();
    EXPECT_EQ(count_rows(table), 1);
}

TEST_F(PostgresPool, ConnectionIsReusableAfterAFailedStatementInsideATransaction) {
    auto db = open_postgres(url_, 1);
    try {
        auto conn = db->acquire();
        conn->begin(true);
        conn->query("SELECT * FROM no_such_table_anywhere");
    } catch (const DatabaseError&) {
    }
    // Not "current transaction is aborted, commands ignored until end of transaction block".
    EXPECT_EQ(db->acquire()->query_one("SELECT 7")->int64(0), 7);
}

TEST_F(PostgresPool, IdleConnectionKilledByTheServerIsReplaced) {
    auto db = open_postgres(url_, 1);
    std::int64_t pid = backend_pid(*db->acquire());
    terminate_backend(*db_, pid);
    auto conn = db->acquire();  // noticed on the way out of the pool, reconnected
    EXPECT_NE(backend_pid(*conn), pid);
    conn->begin(true);
    conn->commit();
}

TEST_F(PostgresPool, ConnectionKilledWhileLentIsDroppedOnReturn) {
    auto db = open_postgres(url_, 1);
    std::int64_t pid = 0;
    {
        auto conn = db->acquire();
        pid = backend_pid(*conn);
        conn->begin(true);
        terminate_backend(*db_, pid);
        EXPECT_THROW(conn->query("SELECT 1"), DatabaseError);
        try { conn->rollback(); } catch (const DatabaseError&) {}  // what with_transaction does
    }
    auto conn = db->acquire();
    EXPECT_NE(backend_pid(*conn), pid);
    EXPECT_EQ(conn->query_one("SELECT 1")->int64(0), 1);
}

TEST_F(PostgresPool, HandleMayOutliveTheDatabase) {
    auto db = open_postgres(url_, 2);
    auto conn = db->acquire();
    db.reset();
    EXPECT_EQ(conn->query_one("SELECT 3")->int64(0), 3);
}

}  // namespace
}  // namespace comptoir::store::postgres::testing
