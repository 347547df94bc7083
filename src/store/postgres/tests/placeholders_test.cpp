// Placeholder rewriting: pure string work, no server needed.
#include "store/postgres/placeholders.hpp"

#include <gtest/gtest.h>

namespace comptoir::store::postgres {
namespace {

std::string rewritten(std::string_view sql) { return rewrite_placeholders(sql).text; }

TEST(Placeholders, NumbersEachQuestionMarkInOrder) {
    auto out = rewrite_placeholders("SELECT id FROM client WHERE name = ? AND city = ? LIMIT ?");
    EXPECT_EQ(out.text, "SELECT id FROM client WHERE name = $1 AND city = $2 LIMIT $3");
    EXPECT_EQ(out.parameter_count, 3);
}

TEST(Placeholders, LeavesSqlWithoutPlaceholdersUnchanged) {
    auto out = rewrite_placeholders("SELECT 1");
    EXPECT_EQ(out.text, "SELECT 1");
    EXPECT_EQ(out.parameter_count, 0);
    EXPECT_EQ(rewrite_placeholders("").parameter_count, 0);
}

TEST(Placeholders, CountsPastNine) {
    auto out = rewrite_placeholders("VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    EXPECT_EQ(out.text, "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)");
    EXPECT_EQ(out.parameter_count, 11);
}

TEST(Placeholders, SkipsSingleQuotedStrings) {
    EXPECT_EQ(rewritten("SELECT '?' , ?"), "SELECT '?' , $1");
    EXPECT_EQ(rewritten("WHERE a = 'it''s ?' AND b = ?"), "WHERE a = 'it''s ?' AND b = $1");
    EXPECT_EQ(rewritten("WHERE a = '' AND b = ?"), "WHERE a = '' AND b = $1");
}

TEST(Placeholders, HonoursBackslashEscapesOnlyInEscapeStrings) {
    EXPECT_EQ(rewritten(R"(SELECT E'\'?' , ?)"), R"(SELECT E'\'?' , $1)");
    EXPECT_EQ(rewritten(R"(SELECT e'a\\' , ?)"), R"(SELECT e'a\\' , $1)");
    // In a standard string a backslash is an ordinary character; the quote after it ends the string.
    EXPECT_EQ(rewritten(R"(SELECT '\' , ?)"), R"(SELECT '\' , $1)");
    // A column named "name" ends in e: that is not an E'' prefix.
    EXPECT_EQ(rewritten(R"(WHERE name'\' = ?)"), R"(WHERE name'\' = $1)");
}

TEST(Placeholders, SkipsDoubleQuotedIdentifiers) {
    EXPECT_EQ(rewritten(R"(SELECT "why?" FROM t WHERE "a""?" = ?)"), R"(SELECT "why?" FROM t WHERE "a""?" = $1)");
}

TEST(Placeholders, SkipsLineComments) {
    EXPECT_EQ(rewritten("SELECT 1 -- why? because\nWHERE a = ?"), "SELECT 1 -- why? because\nWHERE a = $1");
    EXPECT_EQ(rewritten("SELECT ? -- trailing ?"), "SELECT $1 -- trailing ?");
    // A single dash is subtraction, not a comment.
    EXPECT_EQ(rewritten("SELECT ? - ?"), "SELECT $1 - $2");
}

TEST(Placeholders, SkipsNestedBlockComments) {
    EXPECT_EQ(rewritten("SELECT /* ? /* ? */ still ? */ ?"), "SELECT /* ? /* ? */ still ? */ $1");
}

TEST(Placeholders, SkipsDollarQuotedStrings) {
    EXPECT_EQ(rewritten("SELECT $$?$$, ?"), "SELECT $$?$$, $1");
    EXPECT_EQ(rewritten("SELECT $body$ '?' $$ ? $body$, ?"), "SELECT $body$ '?' $$ ? $body$, $1");
    // `$` inside an identifier is not a quote.
    EXPECT_EQ(rewritten("SELECT a$b$ FROM t WHERE c = ?"), "SELECT a$b$ FROM t WHERE c = $1");
}

TEST(Placeholders, QuotesInsideCommentsDoNotOpenStrings) {
    EXPECT_EQ(rewritten("SELECT 1 -- don't\nWHERE a = ?"), "SELECT 1 -- don't\nWHERE a = $1");
    EXPECT_EQ(rewritten("SELECT /* \" */ ?"), "SELECT /* \" */ $1");
}

TEST(Placeholders, KeepsUtf8Intact) {
    EXPECT_EQ(rewritten("SELECT 'Crème brûlée ?' AS \"prénom?\", ? AS café"),
              "SELECT 'Crème brûlée ?' AS \"prénom?\", $1 AS café");
}

TEST(Placeholders, UnterminatedQuoteIsCopiedForTheServerToReject) {
    EXPECT_EQ(rewritten("SELECT ?, 'oops ?"), "SELECT $1, 'oops ?");
    EXPECT_EQ(rewritten("SELECT ? /* oops ?"), "SELECT $1 /* oops ?");
}

}  // namespace
}  // namespace comptoir::store::postgres
