// Shared fixture for the tests that need a PostgreSQL server (COMPTOIR_TEST_PG_URL).
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/postgres/postgres_database.hpp"

namespace comptoir::store::postgres::testing {

inline const char* test_url() { return std::getenv("COMPTOIR_TEST_PG_URL"); }

// Each test gets its own tables, named with the process id and a counter, so tests can run in parallel
// (ctest -j) against one database; they are dropped afterwards.
class PgTest : public ::testing::Test {
protected:
    void SetUp() override {
        const char* url = test_url();
        if (!url || !*url) GTEST_SKIP() << "COMPTOIR_TEST_PG_URL is not set";
        url_ = url;
        db_ = open_postgres(url_, 4);
    }

    void TearDown() override {
        if (!db_) return;
        auto conn = db_->acquire();
        for (const auto& table : tables_) conn->execute_script("DROP TABLE IF EXISTS " + table);
    }

    // A fresh table name; `columns` is the body of CREATE TABLE.
    std::string create_table(const std::string& columns) {
        static std::atomic<int> counter{0};
        std::string name = "pgtest_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
        tables_.push_back(name);
        db_->acquire()->execute_script("CREATE TABLE " + name + " (" + columns + ")");
        return name;
    }

    std::int64_t count_rows(const std::string& table) {
        return db_->acquire()->query_one("SELECT count(*) FROM " + table)->int64(0);
    }

    std::string url_;
    std::unique_ptr<Database> db_;
    std::vector<std::string> tables_;
};

}  // namespace comptoir::store::postgres::testing
