// The search index as a user meets it (storage/search_index.hpp): an e-mail address is one term
// whatever punctuation it holds, an edit replaces the old words, another company's clients never show
// up whichever plan answers, and a database made before the index moved to FTS5 (SQLite) or before
// addresses took their leading '@' (both) is migrated in place.
#include <gtest/gtest.h>

#include "http/form_fields.hpp"
#include "modules/crm/crm_module.hpp"
#include "modules/crm/storage/client_search.hpp"
#include "store/migrator.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using nlohmann::json;
using crm::storage::SearchTuning;

class SearchIndex : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Acme", "admin@acme.test");
        other = app->create_company("Other", "admin@other.test");
    }

    std::int64_t create(const TestCompany& company, const json& client) {
        auto r = app->api("POST", "/api/v1/clients?force=true", company.admin_token, client);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().value("id", std::int64_t{0});
    }

    std::vector<std::string> names(const TestCompany& company, const std::string& q) {
        return app->searched_names(company.admin_token, q);
    }

    // The ids a search returns with the planner forced one way (see client_search.cpp).
    std::vector<std::int64_t> ids(const TestCompany& company, const std::string& q, const SearchTuning& tuning) {
        auto conn = app->app().db().acquire();
        crm::ClientListQuery query;
        query.q = q;
        query.limit = 200;
        std::vector<std::int64_t> out;
        for (const auto& item : crm::storage::list_clients(*conn, app->app().crm().fulltext(), company.id, query, tuning).items) out.push_back(item.id);
        std::sort(out.begin(), out.end());
        return out;
    }

    std::unique_ptr<TestApp> app;
    TestCompany acme, other;
};

TEST_P(SearchIndex, AnAddressIsOneTermWhateverItsPunctuation) {
    create(acme, {{"kind", "individual"}, {"first_name", "Seán"}, {"last_name", "O'Brien"},
                  {"email", "O'Brien+Factures@Exemple.fr"}});
    create(acme, {{"kind", "individual"}, {"first_name", "Anne"}, {"last_name", "Brien"}, {"email", "anne@brien.fr"}});
    // The whole address, typed in capitals, and the start of it up to the '@'.
    EXPECT_EQ(names(acme, "o'brien+factures@exemple.FR"), (std::vector<std::string>{"Seán O'Brien"}));
    EXPECT_EQ(names(acme, "O'Brien+Factures@"), (std::vector<std::string>{"Seán O'Brien"}));
    // A word of the address's local part finds it like any word.
    EXPECT_EQ(names(acme, "factures"), (std::vector<std::string>{"Seán O'Brien"}));
    EXPECT_EQ(names(acme, "brien"), (std::vector<std::string>{"Anne Brien", "Seán O'Brien"}));
    // A word does not run through addresses: "anne@" is an address, "exemple" only its domain.
    EXPECT_TRUE(names(acme, "exemple").empty());
}

TEST_P(SearchIndex, AnEditReplacesTheOldWords) {
    auto id = create(acme, {{"kind", "company"}, {"legal_name", "Boulangerie Ancienne"}, {"phone", "04 78 00 11 22"}});
    ASSERT_EQ(names(acme, "ancienne").size(), 1u);
    auto r = app->api("PATCH", "/api/v1/clients/" + std::to_string(id), acme.admin_token,
                      json{{"legal_name", "Boulangerie Nouvelle"}, {"phone", "04 78 99 88 77"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(names(acme, "ancienne").empty());
    EXPECT_TRUE(names(acme, "04 78 00 11").empty());
    EXPECT_EQ(names(acme, "nouvelle"), (std::vector<std::string>{"Boulangerie Nouvelle"}));
    EXPECT_EQ(names(acme, "0478998877"), (std::vector<std::string>{"Boulangerie Nouvelle"}));
}

// On SQLite the index knows no company: the list query's join keeps each company to its own clients,
// and that must hold in every plan, including a word common in one company and rare in the other.
TEST_P(SearchIndex, AnotherCompanysClientsNeverShowUpWhicheverPlanAnswers) {
    json batch = json::array();
    for (int i = 0; i < 30; ++i)
        batch.push_back({{"kind", "company"}, {"legal_name", "Contact Services " + std::to_string(i)},
                         {"email", "contact@services" + std::to_string(i) + ".fr"}});
    ASSERT_EQ(app->api("POST", "/api/v1/clients/batch", other.admin_token, json{{"clients", batch}}).status, 200);
    auto mine = create(acme, {{"kind", "company"}, {"legal_name", "Contact Plomberie"}, {"email", "contact@plomberie.fr"}});

    for (const SearchTuning& tuning : {SearchTuning{1000000, 1000000}, SearchTuning{0, 0}, SearchTuning{1000000, 0},
                                       SearchTuning{5, 1000000}}) {
        for (const std::string q : {"contact", "contac", "contact services", "contact@plomberie.fr", "co"})
            for (auto id : ids(acme, q, tuning)) EXPECT_EQ(id, mine) << q << " cap " << tuning.cap;
        EXPECT_EQ(ids(acme, "contact", tuning), (std::vector<std::int64_t>{mine})) << tuning.cap;
        EXPECT_EQ(ids(other, "contact", tuning).size(), 30u) << tuning.cap;
    }
}

// Whatever is typed reaches FTS5 as quoted terms: its own syntax (quotes, stars, NEAR, OR, brackets)
// and stray punctuation are never read as a query of its own, and never fail.
TEST_P(SearchIndex, AnyTypedTextIsAnsweredNeverAnError) {
    create(acme, {{"kind", "company"}, {"legal_name", "Société \"Générale\" d'Études"}, {"email", "o'hara@x.fr"}});
    for (const std::string q : {"\"", "*", "a\"b", "NEAR(a b)", "a OR b", "(((", "^x", "@", "@\"x", "\"@\"", "-", "--a",
                                "o'hara@", "@@@", "x@y@z", "é*", "a AND", "{col}: x", "06 *", "+33 (0) *"}) {
        auto r = app->api("GET", "/api/v1/clients?q=" + http::url_encode(q), acme.admin_token);
        EXPECT_EQ(r.status, 200) << q << ": " << r.body;
    }
    EXPECT_EQ(names(acme, "\"générale\""), (std::vector<std::string>{"Société \"Générale\" d'Études"}));
    EXPECT_EQ(names(acme, "etudes"), (std::vector<std::string>{"Société \"Générale\" d'Études"}));
}

// A base made by an earlier version: terms in their old form (addresses without their '@'), and on
// SQLite the one-row-per-term table, no documents and no full-text index file of its own (the file
// left there belongs to another database now). The next start migrates it in place and every client
// stays findable.
TEST_P(SearchIndex, AnIndexFromAnEarlierVersionIsMigrated) {
    create(acme, {{"kind", "individual"}, {"first_name", "Camille"}, {"last_name", "Rousseau"},
                  {"email", "camille.rousseau@exemple.fr"}, {"phone", "06 11 22 33 44"}});
    create(acme, {{"kind", "company"}, {"legal_name", "Menuiserie Rousseau"}, {"siret", "73282932000074"}});
    app->restart([](store::Connection& conn) {
        conn.begin(true);
        if (conn.dialect() == store::Dialect::Sqlite) {
            conn.execute_script(R"SQL(
CREATE TABLE client_search_terms (company_id BIGINT NOT NULL, term TEXT NOT NULL, client_id BIGINT NOT NULL,
  PRIMARY KEY (company_id, term, client_id)) WITHOUT ROWID;
CREATE INDEX client_search_terms_by_client ON client_search_terms (company_id, client_id, term);
WITH RECURSIVE split(client_id, word, rest) AS (
  SELECT id, '', terms || ' ' FROM client_search_docs
  UNION ALL
  SELECT client_id, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1) FROM split WHERE rest <> '')
INSERT INTO client_search_terms (company_id, term, client_id)
  SELECT c.company_id, CASE WHEN s.word LIKE '@%' THEN substr(s.word, 2) ELSE s.word END, s.client_id
  FROM split s JOIN clients c ON c.id = s.client_id WHERE s.word <> '';
DROP TABLE client_search_docs;
DROP TABLE client_search_changes;
DROP TABLE client_search_source;
)SQL");
        } else {
            conn.execute("UPDATE client_search_terms SET term = substr(term, 2) WHERE term LIKE '@%'");
        }
        conn.execute("DELETE FROM schema_migrations WHERE id IN ('crm/0006_search_index', 'crm/0007_fulltext_file')");
        conn.commit();
    });
    auto conn = app->app().db().acquire();
    EXPECT_EQ(conn->query_one("SELECT COUNT(*) FROM schema_migrations WHERE id IN ('crm/0006_search_index', "
                              "'crm/0007_fulltext_file')")
                  ->int64(0),
              2);
    conn.reset();
    EXPECT_EQ(names(acme, "camille.rousseau@exemple.fr"), (std::vector<std::string>{"Camille Rousseau"}));
    EXPECT_EQ(names(acme, "rousseau"), (std::vector<std::string>{"Camille Rousseau", "Menuiserie Rousseau"}));
    EXPECT_EQ(names(acme, "06 11 22"), (std::vector<std::string>{"Camille Rousseau"}));
    EXPECT_EQ(names(acme, "732 829 320"), (std::vector<std::string>{"Menuiserie Rousseau"}));
    // And the migrated index keeps working: a new client is found next to the old ones.
    create(acme, {{"kind", "individual"}, {"first_name", "Jean"}, {"last_name", "Rousseau"}});
    EXPECT_EQ(names(acme, "rousseau").size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchIndex, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
