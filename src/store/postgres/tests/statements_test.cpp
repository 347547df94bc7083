// Statements: insert ids, affected rows, scripts, prepared-statement reuse and error mapping.
#include "store/postgres/placeholders.hpp"
#include "store/postgres/tests/pg_test_support.hpp"

namespace comptoir::store::postgres::testing {
namespace {

using PostgresStatements = PgTest;

TEST_F(PostgresStatements, InsertReturnsTheNewId) {
    auto table = create_table("id BIGSERIAL PRIMARY KEY, name TEXT UNIQUE");
    auto conn = db_->acquire();
    auto first = conn->insert("INSERT INTO " + table + " (name) VALUES (?)", {std::string("a")});
    auto second = conn->insert("INSERT INTO " + table + " (name) VALUES (?);  ", {std::string("b")});
    auto third = conn->insert("INSERT INTO " + table + " (name) VALUES (?) -- the third one", {std::string("c")});
    EXPECT_GT(first, 0);
    EXPECT_EQ(second, first + 1);
    EXPECT_EQ(third, second + 1);
    EXPECT_EQ(conn->query_one("SELECT name FROM " + table + " WHERE id = ?", {second})->text(0), "b");
    // Nothing inserted, nothing returned: 0, never a stale id.
    EXPECT_EQ(conn->insert("INSERT INTO " + table + " (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
                           {std::string("a")}),
              0);
}

TEST_F(PostgresStatements, ExecuteReturnsAffectedRows) {
    auto table = create_table("id SERIAL PRIMARY KEY, n INTEGER");
    auto conn = db_->acquire();
    EXPECT_EQ(conn->execute("INSERT INTO " + table + " (n) VALUES (?), (?), (?)",
                            {std::int64_t{1}, std::int64_t{2}, std::int64_t{3}}),
              3);
    EXPECT_EQ(conn->execute("UPDATE " + table + " SET n = n + 10 WHERE n >= ?", {std::int64_t{2}}), 2);
    EXPECT_EQ(conn->execute("DELETE FROM " + table + " WHERE n = ?", {std::int64_t{999}}), 0);
    EXPECT_EQ(conn->execute("CREATE INDEX ON " + table + " (n)"), 0);
}

TEST_F(PostgresStatements, ExecuteScriptRunsSeveralStatements) {
    auto table = create_table("id SERIAL PRIMARY KEY, n INTEGER");
    auto conn = db_->acquire();
    conn->execute_script("INSERT INTO " + table + " (n) VALUES (1);\n-- a comment? yes\nINSERT INTO " + table +
                         " (n) VALUES (2);\nUPDATE " + table + " SET n = n * 10;");
    EXPECT_EQ(conn->query_one("SELECT sum(n) FROM " + table)->int64(0), 30);
    // A failing script runs in one implicit transaction: nothing of it stays.
    EXPECT_THROW(conn->execute_script("INSERT INTO " + table + " (n) VALUES (3); SELECT no_such_column FROM " + table),
                 DatabaseError);
    EXPECT_EQ(count_rows(table), 2);
}

TEST_F(PostgresStatements, PreparesEachDistinctStatementOncePerConnection) {
    auto conn = db_->acquire();
    const std::string sql = "SELECT ?::int + 1 AS prepared_once_marker";
    for (std::int64_t i = 0; i < 5; ++i) EXPECT_EQ(conn->query_one(sql, {i})->int64(0), i + 1);
    auto prepared = conn->query_one("SELECT count(*) FROM pg_prepared_statements WHERE statement = ?",
                                    {rewrite_placeholders(sql).text});
    EXPECT_EQ(prepared->int64(0), 1);
}

TEST_F(PostgresStatements, StalePreparedStatementsArePreparedAgain) {
    auto table = create_table("id SERIAL PRIMARY KEY, n INTEGER");
    auto conn = db_->acquire();
    conn->execute("INSERT INTO " + table + " (n) VALUES (?)", {std::int64_t{1}});
    const std::string select_all = "SELECT * FROM " + table + " WHERE n = ?";
    EXPECT_EQ(conn->query_one(select_all, {std::int64_t{1}})->size(), 2u);
    // A migration adds a column: the cached plan's result type no longer matches.
    conn->execute_script("ALTER TABLE " + table + " ADD COLUMN note TEXT");
    EXPECT_EQ(conn->query_one(select_all, {std::int64_t{1}})->size(), 3u);
    // A script drops every prepared statement of the session.
    conn->execute_script("DEALLOCATE ALL");
    EXPECT_EQ(conn->query_one(select_all, {std::int64_t{1}})->size(), 3u);
}

TEST_F(PostgresStatements, StatementCacheIsBounded) {
    auto conn = db_->acquire();
    for (int i = 0; i < 700; ++i) {
        // Distinct SQL each time, as an IN list of varying length would produce.
        EXPECT_EQ(conn->query_one("SELECT ?::int + " + std::to_string(i), {std::int64_t{1}})->int64(0), i + 1);
    }
    auto prepared = conn->query_one("SELECT count(*) FROM pg_prepared_statements")->int64(0);
    EXPECT_LE(prepared, 512);
    EXPECT_GT(prepared, 0);
}

TEST_F(PostgresStatements, WrongNumberOfValuesIsAnError) {
    auto conn = db_->acquire();
    EXPECT_THROW(conn->query("SELECT ?::int, ?::int", {std::int64_t{1}}), DatabaseError);
    EXPECT_THROW(conn->query("SELECT 1", {std::int64_t{1}}), DatabaseError);
    EXPECT_EQ(conn->query_one("SELECT ?::int", {std::int64_t{1}})->int64(0), 1);
}

TEST_F(PostgresStatements, UniqueViolationIsMappedAndDoesNotEchoTheValue) {
    auto table = create_table("id SERIAL PRIMARY KEY, email TEXT NOT NULL UNIQUE");
    auto conn = db_->acquire();
    const std::string email = "alice.secret@example.com";
    conn->insert("INSERT INTO " + table + " (email) VALUES (?)", {email});
    try {
        conn->insert("INSERT INTO " + table + " (email) VALUES (?)", {email});
        FAIL() << "expected UniqueViolation";
    } catch (const UniqueViolation& e) {
        std::string message = e.what();
        EXPECT_NE(message.find(table + "_email_key"), std::string::npos) << message;
        EXPECT_NE(message.find("23505"), std::string::npos) << message;
        EXPECT_EQ(message.find("alice.secret"), std::string::npos) << message;
    }
    // Other constraint failures are plain DatabaseErrors.
    try {
        conn->insert("INSERT INTO " + table + " (email) VALUES (?)", {nullptr});
        FAIL() << "expected DatabaseError";
    } catch (const UniqueViolation&) {
        FAIL() << "a NOT NULL violation is not a UniqueViolation";
    } catch (const DatabaseError& e) {
        EXPECT_NE(std::string(e.what()).find("23502"), std::string::npos) << e.what();
    }
    // The connection is still usable after errors outside a transaction.
    EXPECT_EQ(count_rows(table), 1);
}

TEST_F(PostgresStatements, DataErrorsDoNotEchoTheValue) {
    auto table = create_table("id SERIAL PRIMARY KEY, n INTEGER");
    auto conn = db_->acquire();
    for (const std::string bad : {"not-a-number-secret", "99999999999999"}) {
        try {
            conn->insert("INSERT INTO " + table + " (n) VALUES (?)", {bad});
            FAIL() << "expected DatabaseError";
        } catch (const DatabaseError& e) {
            std::string message = e.what();
            EXPECT_EQ(message.find(bad), std::string::npos) << message;
            EXPECT_NE(message.find("SQLSTATE 22"), std::string::npos) << message;
        }
    }
}

TEST_F(PostgresStatements, SyntaxErrorIsADatabaseError) {
    auto conn = db_->acquire();
    EXPECT_THROW(conn->query("SELEC 1"), DatabaseError);
    EXPECT_THROW(conn->execute("UPDATE no_such_table_anywhere SET x = ?", {std::int64_t{1}}), DatabaseError);
    EXPECT_EQ(conn->query_one("SELECT 2")->int64(0), 2);
}

}  // namespace
}  // namespace comptoir::store::postgres::testing
