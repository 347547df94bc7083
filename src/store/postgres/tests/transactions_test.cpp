// Transactions: commit, rollback, and the failure paths with_transaction relies on.
#include "store/postgres/tests/pg_test_support.hpp"

namespace comptoir::store::postgres::testing {
namespace {

using PostgresTransactions = PgTest;

TEST_F(PostgresTransactions, CommitMakesWorkVisibleToOtherConnections) {
    auto table = create_table("id SERIAL PRIMARY KEY, n INTEGER");
    auto writer = db_->acquire();
    auto reader = db_->acquire();
    writer->begin(true);
    writer->insert("INSERT INTO " + table + " (n) VALUES (?)", {std::int64_t{1}});
    EXPECT_EQ(reader->query_one("SELECT count(*) FROM " + table)->int64(0), 0);  // READ COMMITTED
    writer->commit();
    EXPECT_EQ(reader->query_one("SELECT count(*) FROM " + table)->int64(0), 1);
}

TEST_F(PostgresTransactions, RollbackDiscardsWork) {
    auto table = create_table("id SERIAL PRIMARY KEY, n INTEGER");
    auto conn = db_->acquire();
    conn->begin(false);
    conn->insert("INSERT INTO " + table + " (n) VALUES (?)", {std::int64_t{1}});
    conn->rollback();
    EXPECT_EQ(count_rows(table), 0);
    conn->rollback();  // nothing open: a no-op, as with_transaction may call it after a failed commit
}

TEST_F(PostgresTransactions, WithTransactionCommitsOrRollsBack) {
    auto table = create_table("id SERIAL PRIMARY KEY, n INTEGER");
    auto inserted = with_transaction(*db_, true, [&](Connection& c) {
        return c.insert("INSERT INTO " + table + " (n) VALUES (?)", {std::int64_t{1}}) > 0;
    });
    EXPECT_TRUE(inserted);
    EXPECT_THROW(with_transaction(*db_, true,
                                  [&](Connection& c) -> bool {
                                      c.insert("INSERT INTO " + table + " (n) VALUES (?)", {std::int64_t{2}});
                                      throw std::runtime_error("business failure");
                                  }),
                 std::runtime_error);
    EXPECT_EQ(count_rows(table), 1);
}

TEST_F(PostgresTransactions, CommitAfterAFailedStatementThrowsAndRollsBack) {
    auto table = create_table("id SERIAL PRIMARY KEY, n INTEGER UNIQUE");
    auto conn = db_->acquire();
    conn->begin(true);
    conn->insert("INSERT INTO " + table + " (n) VALUES (?)", {std::int64_t{1}});
    EXPECT_THROW(conn->insert("INSERT INTO " + table + " (n) VALUES (?)", {std::int64_t{1}}), UniqueViolation);
    // PostgreSQL would turn this COMMIT into a silent ROLLBACK; the driver says so.
    EXPECT_THROW(conn->commit(), DatabaseError);
    EXPECT_EQ(count_rows(table), 0);
    conn->begin(true);  // the session is clean again
    conn->insert("INSERT INTO " + table + " (n) VALUES (?)", {std::int64_t{1}});
    conn->commit();
    EXPECT_EQ(count_rows(table), 1);
}

TEST_F(PostgresTransactions, MisuseIsReported) {
    auto conn = db_->acquire();
    EXPECT_THROW(conn->commit(), DatabaseError);
    conn->begin(false);
    EXPECT_THROW(conn->begin(false), DatabaseError);
    conn->rollback();
}

}  // namespace
}  // namespace comptoir::store::postgres::testing
