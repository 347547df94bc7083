// Opening the pool: dialect, early failure, and error messages that keep secrets out.
#include "store/postgres/tests/pg_test_support.hpp"

namespace comptoir::store::postgres::testing {
namespace {

TEST(PostgresConnect, UnreachableServerFailsAtOpenWithoutLeakingThePassword) {
    // Port 1 on loopback refuses at once: no server needed for this one.
    try {
        open_postgres("postgresql://comptoir:hunter2-secret@127.0.0.1:1/comptoir?connect_timeout=2", 2);
        FAIL() << "expected DatabaseError";
    } catch (const DatabaseError& e) {
        std::string message = e.what();
        EXPECT_NE(message.find("cannot connect to PostgreSQL"), std::string::npos) << message;
        EXPECT_EQ(message.find("hunter2-secret"), std::string::npos) << message;
    }
}

using PostgresSession = PgTest;

TEST_F(PostgresSession, ReportsPostgresDialect) {
    EXPECT_EQ(db_->dialect(), Dialect::Postgres);
    EXPECT_EQ(db_->acquire()->dialect(), Dialect::Postgres);
}

TEST_F(PostgresSession, SessionIsSetUpForUtcAndUtf8) {
    auto conn = db_->acquire();
    EXPECT_EQ(conn->query_one("SELECT current_setting('TimeZone')")->text(0), "UTC");
    EXPECT_EQ(conn->query_one("SELECT current_setting('client_encoding')")->text(0), "UTF8");
    EXPECT_EQ(conn->query_one("SELECT current_setting('client_min_messages')")->text(0), "warning");
    EXPECT_EQ(conn->query_one("SELECT (TIMESTAMPTZ '2024-03-01 12:00:00+02')::text")->text(0),
              "2024-03-01 10:00:00+00");
}

}  // namespace
}  // namespace comptoir::store::postgres::testing
