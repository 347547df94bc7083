// SQLite's full-text index in its own file (storage/fulltext_index.hpp), as users meet it: what was
// just written is found by the next search, its thread indexes without being asked, a client removed
// and an id taken again by a new client leave no stale words, a damaged or missing file is rebuilt at
// start, a base whose index was inside the database moves it to the file, a second process keeps the
// file the first is writing, and searches running during writes all answer.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "http/form_fields.hpp"
#include "modules/crm/crm_module.hpp"
#include "modules/crm/service/client_writer.hpp"
#include "modules/crm/storage/fulltext_index.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using nlohmann::json;

class FulltextIndex : public ::testing::Test {
protected:
    void SetUp() override {
        app = std::make_unique<TestApp>(Backend::Sqlite);
        acme = app->create_company("Acme", "admin@acme.test");
    }

    crm::storage::FulltextIndex& index() { return *app->app().crm().fulltext(); }

    std::int64_t create(const json& client) {
        auto r = app->api("POST", "/api/v1/clients?force=true", acme.admin_token, client);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().value("id", std::int64_t{0});
    }
    std::int64_t company(const std::string& name) { return create({{"kind", "company"}, {"legal_name", name}}); }

    std::vector<std::string> names(const std::string& q) { return app->searched_names(acme.admin_token, q); }

    std::int64_t documents_in_file() {
        return index().file().acquire()->query_one("SELECT COUNT(*) FROM docs")->int64(0);
    }

    std::unique_ptr<TestApp> app;
    TestCompany acme;
};

TEST_F(FulltextIndex, ItsThreadIndexesNewClientsWithoutASearch) {
    company("Tonnellerie Zéphyr");
    company("Verrerie Zéphyr");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (documents_in_file() < 2 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(documents_in_file(), 2);
    EXPECT_EQ(index().count("\"zephyr\"*", 100), 2);
}

TEST_F(FulltextIndex, ASearchFindsWhatWasWrittenJustBefore) {
    for (int round = 0; round < 5; ++round) {
        const std::string word = "Quincaillerie" + std::string(1, static_cast<char>('A' + round)) + "x";
        json clients = json::array();
        for (int i = 0; i < 30; ++i)
            clients.push_back({{"kind", "company"}, {"legal_name", word + " " + std::to_string(i)}});
        auto r = app->api("POST", "/api/v1/clients/batch?force=true", acme.admin_token, json{{"clients", clients}});
        ASSERT_EQ(r.status, 200) << r.body;
        // At once, without waiting for the thread.
        EXPECT_EQ(names(word).size(), 30u) << word;
    }
}

// Client ids are SQLite rowids: when the newest client is removed (an import undone), the next client
// takes its id again. The index must hold the new client's words under it, not the old one's.
TEST_F(FulltextIndex, AnIdFreedAndTakenAgainHoldsTheNewClientsWords) {
    for (const bool indexed_between : {true, false}) {
        SCOPED_TRACE(indexed_between ? "indexed between the removal and the creation" : "both pending");
        const std::int64_t old_id = company("Zorglub Distribution");
        EXPECT_EQ(names("zorglub"), std::vector<std::string>{"Zorglub Distribution"});
        {
            auto conn = app->app().db().acquire();
            conn->begin(true);
            crm::writer::delete_clients(*conn, acme.id, {old_id});
            conn->commit();
        }
        if (indexed_between) index().catch_up();
        const std::int64_t new_id = company("Bidule Machin");
        ASSERT_EQ(new_id, old_id) << "the id is taken again";
        EXPECT_TRUE(names("zorglub").empty());
        EXPECT_EQ(names("bidule"), std::vector<std::string>{"Bidule Machin"});
        EXPECT_EQ(index().count("\"zorglub\"*", 100), 0);
        // Clean slate for the next round.
        auto conn = app->app().db().acquire();
        conn->begin(true);
        crm::writer::delete_clients(*conn, acme.id, {new_id});
        conn->commit();
    }
}

TEST_F(FulltextIndex, ADamagedOrMissingFileIsRebuiltAtStart) {
    company("Menuiserie Ébène");
    company("Ébénisterie Durand");
    const std::string path = index().path();
    EXPECT_EQ(names("ebene").size(), 1u);

    app->restart([&](store::Connection&) {
        std::filesystem::remove(path + "-wal");
        std::filesystem::remove(path + "-shm");
        std::ofstream(path, std::ios::trunc) << "not a database, only some bytes that were once an index";
    });
    EXPECT_EQ(names("eben"), (std::vector<std::string>{"Menuiserie Ébène", "Ébénisterie Durand"}));

    app->restart([&](store::Connection&) {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    });
    EXPECT_EQ(names("durand"), std::vector<std::string>{"Ébénisterie Durand"});
    EXPECT_EQ(documents_in_file(), 2);
}

// A base of the previous version kept its FTS5 index inside the database, and no change log: the next
// start drops that index (crm/0007) and builds the file from the documents.
TEST_F(FulltextIndex, ABaseWhoseIndexWasInsideTheDatabaseMovesItToTheFile) {
    company("Charpente Lemoine");
    company("Couverture Lemoine");
    const std::string path = index().path();
    app->restart([&](store::Connection& conn) {
        conn.begin(true);
        conn.execute_script(R"SQL(
CREATE VIRTUAL TABLE client_search USING fts5(
  terms, content='client_search_docs', content_rowid='id', detail=none, columnsize=0, prefix='1 2 3 4',
  tokenize="ascii tokenchars '.-@_+!#$%&*/=?^`{|}~'''");
INSERT INTO client_search (client_search) VALUES ('rebuild');
DROP TABLE client_search_changes;
DROP TABLE client_search_source;
DELETE FROM schema_migrations WHERE id = 'crm/0007_fulltext_file';
)SQL");
        conn.commit();
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    });
    auto conn = app->app().db().acquire();
    EXPECT_EQ(conn->query_one("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'client_search%' AND name NOT IN "
                              "('client_search_docs', 'client_search_changes', 'client_search_source')")
                  ->int64(0),
              0)
        << "the FTS5 table and its shadow tables are gone from the database";
    conn.reset();
    EXPECT_EQ(names("lemoine"), (std::vector<std::string>{"Charpente Lemoine", "Couverture Lemoine"}));
    EXPECT_EQ(documents_in_file(), 2);
}

// A command run while the server works (`comptoir token create`…) opens the same index: it keeps the
// file the server is writing, and both index into it without doing the work twice.
TEST_F(FulltextIndex, ASecondProcessKeepsTheFileAndSharesTheWork) {
    company("Serrurerie Vautrin");
    index().catch_up();
    crm::storage::FulltextIndex second(app->app().db(), index().path());
    EXPECT_EQ(second.file().acquire()->query_one("SELECT COUNT(*) FROM docs")->int64(0), 1) << "the file was kept";
    company("Ferronnerie Vautrin");
    second.catch_up();
    index().catch_up();
    EXPECT_EQ(documents_in_file(), 2);
    EXPECT_EQ(second.count("\"vautrin\"*", 100), 2);
    EXPECT_EQ(names("vautrin"), (std::vector<std::string>{"Ferronnerie Vautrin", "Serrurerie Vautrin"}));
}

// The thread prunes the log of changes once they are indexed, keeping the last entry, so that later
// entries still number above the position indexed: an edit after the pruning is found.
TEST_F(FulltextIndex, ThePrunedLogStillCarriesLaterEdits) {
    const std::int64_t id = company("Zinguerie Ancienne");
    {
        auto conn = app->app().db().acquire();
        conn->begin(true);
        conn->execute_script(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000) "
            "INSERT INTO client_search_changes (client_id) SELECT " + std::to_string(id) + " FROM n");
        conn->commit();
    }
    auto log_size = [&] {
        return app->app().db().acquire()->query_one("SELECT COUNT(*) FROM client_search_changes")->int64(0);
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (log_size() > 1 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(log_size(), 1);

    auto r = app->api("PATCH", "/api/v1/clients/" + std::to_string(id), acme.admin_token,
                      json{{"legal_name", "Zinguerie Nouvelle"}});
    ASSERT_EQ(r.status, 200) << r.body;
    index().catch_up();
    EXPECT_EQ(index().count("\"ancienne\"*", 100), 0);
    EXPECT_EQ(index().count("\"nouvelle\"*", 100), 1);
}

// Searches read the file while batches write the database and the thread indexes: every search
// answers, and each batch is found as soon as it is written, whoever indexed it.
TEST_F(FulltextIndex, SearchesDuringWritesAllAnswer) {
    std::atomic<bool> writing{true};
    std::atomic<int> failures{0}, searches{0};
    std::vector<std::thread> readers;
    for (int t = 0; t < 6; ++t)
        readers.emplace_back([&, t] {
            const std::vector<std::string> queries{"atelier", "at", "lot", "atelier lot", "zz", "a"};
            while (writing) {
                auto r = app->api("GET", "/api/v1/clients?q=" + http::url_encode(queries[t]), acme.admin_token);
                if (r.status != 200) ++failures;
                ++searches;
            }
        });
    for (int batch = 0; batch < 8; ++batch) {
        json clients = json::array();
        const std::string word = "Lot" + std::string(1, static_cast<char>('a' + batch)) + "q";
        for (int i = 0; i < 100; ++i)
            clients.push_back({{"kind", "company"}, {"legal_name", "Atelier " + word + " " + std::to_string(i)}});
        auto r = app->api("POST", "/api/v1/clients/batch?force=true", acme.admin_token, json{{"clients", clients}});
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(names(word).size(), 100u) << word;
    }
    writing = false;
    for (auto& t : readers) t.join();
    EXPECT_EQ(failures, 0);
    EXPECT_GT(searches, 0);
    EXPECT_EQ(index().count("\"atelier\"*", 10000), 800);
}

}  // namespace
}  // namespace comptoir::testing
