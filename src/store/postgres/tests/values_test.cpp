// Values in and out: every Value alternative survives a round trip, and columns map to the right type.
#include <cstdint>
#include <limits>

#include "store/postgres/tests/pg_test_support.hpp"

namespace comptoir::store::postgres::testing {
namespace {

using PostgresValues = PgTest;

TEST_F(PostgresValues, Int64RoundTripsIncludingExtremes) {
    auto table = create_table("id BIGSERIAL PRIMARY KEY, n BIGINT");
    auto conn = db_->acquire();
    const std::vector<std::int64_t> numbers{0, 1, -1, 42, -9'876'543'210, std::numeric_limits<std::int64_t>::max(),
                                            std::numeric_limits<std::int64_t>::min()};
    for (auto n : numbers) {
        auto id = conn->insert("INSERT INTO " + table + " (n) VALUES (?)", {n});
        auto row = conn->query_one("SELECT n FROM " + table + " WHERE id = ?", {id});
        ASSERT_TRUE(row);
        EXPECT_EQ(row->int64(0), n);
        // Read back as an int64 Value, not as text that happens to parse.
        EXPECT_EQ(row->text(0), std::to_string(n));
    }
    // Bound as a parameter to a comparison too.
    const std::int64_t max = std::numeric_limits<std::int64_t>::max();
    EXPECT_EQ(conn->query("SELECT id FROM " + table + " WHERE n = ?", {max}).size(), 1u);
}

TEST_F(PostgresValues, TextRoundTripsUnicodeAndQuotes) {
    auto table = create_table("id SERIAL PRIMARY KEY, s TEXT");
    auto conn = db_->acquire();
    const std::vector<std::string> texts{
        "",
        "Crème brûlée à l'Hôtel-Dieu",
        "it's \"quoted\" and 'single' and `back`",
        "?, $1, -- not a comment, /* nor this */",
        "Ελληνικά, русский, 日本語, العربية, emoji 😀👍🏽",
        "back\\slash and E'\\n' and tab\tand newline\n",
        "'); DROP TABLE x; --",
    };
    for (const auto& s : texts) {
        auto id = conn->insert("INSERT INTO " + table + " (s) VALUES (?)", {s});
        auto row = conn->query_one("SELECT s, length(s) FROM " + table + " WHERE id = ? AND s = ?", {id, s});
        ASSERT_TRUE(row) << s;
        EXPECT_EQ(row->text(0), s);
        EXPECT_FALSE(row->is_null(0));
    }
    EXPECT_EQ(count_rows(table), static_cast<std::int64_t>(texts.size()));
}

TEST_F(PostgresValues, NullsRoundTrip) {
    auto table = create_table("id SERIAL PRIMARY KEY, s TEXT, n BIGINT, b BOOLEAN");
    auto conn = db_->acquire();
    auto id = conn->insert("INSERT INTO " + table + " (s, n, b) VALUES (?, ?, ?)", {nullptr, nullptr, nullptr});
    auto row = conn->query_one("SELECT s, n, b FROM " + table + " WHERE id = ?", {id});
    ASSERT_TRUE(row);
    for (std::size_t i = 0; i < 3; ++i) EXPECT_TRUE(row->is_null(i)) << i;
    EXPECT_EQ(row->opt_text(0), std::nullopt);
    EXPECT_EQ(row->opt_int64(1), std::nullopt);
    // A NULL parameter compares as SQL NULL, and the helpers produce it.
    EXPECT_EQ(conn->query("SELECT id FROM " + table + " WHERE s IS NOT DISTINCT FROM ?", {null_if_empty("")}).size(),
              1u);
    EXPECT_EQ(conn->query("SELECT id FROM " + table + " WHERE n IS NOT DISTINCT FROM ?::bigint",
                          {opt(std::optional<std::int64_t>{})})
                  .size(),
              1u);
}

TEST_F(PostgresValues, IntegerAndBooleanColumnsReadAsInt64NumericAsText) {
    auto table = create_table("id SERIAL PRIMARY KEY, small SMALLINT, normal INTEGER, flag BOOLEAN, other BOOLEAN, "
                              "amount NUMERIC(12,2), ts TIMESTAMPTZ, d DATE");
    auto conn = db_->acquire();
    // Booleans accept 1/0 as text, the way repositories bind them on both engines.
    auto id = conn->insert("INSERT INTO " + table +
                               " (small, normal, flag, other, amount, ts, d) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           {std::int64_t{-7}, std::int64_t{123456}, std::int64_t{1}, std::int64_t{0},
                            std::string("1234.50"), std::string("2024-05-06T07:08:09Z"), std::string("2024-02-29")});
    auto row = conn->query_one("SELECT id, small, normal, flag, other, amount, ts, d, CAST(26 AS oid) FROM " + table +
                               " WHERE id = ?",
                               {id});
    ASSERT_TRUE(row);
    EXPECT_EQ(row->int64(0), id);
    EXPECT_EQ(row->int64(1), -7);
    EXPECT_EQ(row->int64(2), 123456);
    EXPECT_TRUE(row->boolean(3));
    EXPECT_FALSE(row->boolean(4));
    EXPECT_EQ(row->text(5), "1234.50");
    EXPECT_EQ(row->text(6), "2024-05-06 07:08:09+00");
    EXPECT_EQ(row->text(7), "2024-02-29");
    EXPECT_EQ(row->int64(8), 26);
}

TEST_F(PostgresValues, StringWithNulByteIsRefusedWithoutEchoingIt) {
    auto conn = db_->acquire();
    try {
        conn->query("SELECT ?::text", {std::string("secret\0tail", 11)});
        FAIL() << "expected DatabaseError";
    } catch (const DatabaseError& e) {
        EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos);
    }
    EXPECT_EQ(conn->query_one("SELECT 1")->int64(0), 1);
}

}  // namespace
}  // namespace comptoir::store::postgres::testing
