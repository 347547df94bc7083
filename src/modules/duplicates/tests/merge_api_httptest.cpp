// Merging a group of duplicates through /api/v1 on SQLite and PostgreSQL: every row of the absorbed
// clients moves to the survivor (contacts, channels, categories, documents including an issued
// invoice, payments, e-mails sent, public-sector data), the chain of issued documents still verifies,
// the survivor's card is as chosen, and the undo puts everything back exactly. Permissions, another
// company's group and bad input, which changes nothing.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "modules/crm/crm_module.hpp"
#include "modules/crm/service/client_service.hpp"
#include "modules/sales/service/document_service.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using nlohmann::json;

class MergeApi : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Acme", "admin@acme.test");
        other = app->create_company("Other", "admin@other.test");
        sales = app->add_user(acme, "sales@acme.test", "sales");
        // The invoice issued here is about the client it belongs to, not about e-invoicing rules.
        auto off = app->api("PUT", "/api/v1/einvoice/settings", acme.admin_token, json{{"enabled", false}});
        EXPECT_EQ(off.status, 200) << off.body;
    }

    json post(const std::string& path, const json& body, int expected, const std::string& token = "") {
        auto r = app->api("POST", path, token.empty() ? acme.admin_token : token, body);
        EXPECT_EQ(r.status, expected) << path << " " << r.body;
        return r.json();
    }
    json get(const std::string& path, const std::string& token = "") {
        auto r = app->api("GET", path, token.empty() ? acme.admin_token : token);
        EXPECT_EQ(r.status, 200) << path << " " << r.body;
        return r.json();
    }
    std::int64_t category(const std::string& name) {
        return post("/api/v1/categories", {{"name", name}}, 201)["id"].get<std::int64_t>();
    }
    // Two cards of the same company sharing a phone, the second with a contact, an issued invoice, a
    // draft quote, a payment, an e-mail sent and public-sector data; then a scan. Returns the group.
    std::int64_t pair_with_history() {
        vip = category("VIP");
        btp = category("BTP");
        survivor = post("/api/v1/clients?force=true",
                        {{"kind", "company"}, {"legal_name", "Boulangerie Martin"}, {"phone", "0612345678"},
                         {"email", "contact@martin.fr"}, {"category_ids", {vip}},
                         {"billing_address", {{"line1", "12 rue de la Paix"}, {"postal_code", "75002"}, {"city", "Paris"}}}},
                        201)["id"];
        absorbed = post("/api/v1/clients?force=true",
                        {{"kind", "company"}, {"legal_name", "SARL Boulangerie Martin et Fils"}, {"phone", "06 12 34 56 78"},
                         {"email", "compta@martin-fils.fr"}, {"siret", "73282932000017"}, {"category_ids", {btp}},
                         {"notes", "Client depuis 2019"},
                         {"contacts", json::array({{{"first_name", "Paul"}, {"last_name", "Martin"},
                                                    {"emails", {"paul@martin-fils.fr"}}}})},
                         {"billing_address", {{"line1", "12 rue de la Paix"}, {"postal_code", "75002"}, {"city", "Paris"}}}},
                        201)["id"];
        const json lines = json::array({{{"description", "Pain"}, {"quantity", "1"}, {"unit_price", "100"}, {"vat_rate", "20"}}});
        auto inv = post("/api/v1/documents", {{"type", "invoice"}, {"client_id", absorbed}, {"lines", lines}}, 201);
        invoice = inv["id"];
        issued = post("/api/v1/documents/" + std::to_string(invoice) + "/validate", json::object(), 200);
        quote = post("/api/v1/documents", {{"type", "quote"}, {"client_id", absorbed}, {"lines", lines}}, 201)["id"];
        payment = post("/api/v1/payments",
                       {{"client_id", absorbed}, {"amount", "50.00"}, {"method", "transfer"}, {"date", issued["issue_date"]},
                        {"allocations", json::array({{{"document_id", invoice}, {"amount", "50.00"}}})}},
                       201)["id"];
        auto conn = app->app().db().acquire();
        conn->execute(R"SQL(
INSERT INTO mail_sends (company_id, client_id, document_id, kind, recipients, from_address, subject, body, status,
  idempotency_key, request_hash, created_at, created_by) VALUES (?, ?, ?, 'document', '["compta@martin-fils.fr"]',
  'f@acme.test', 'Facture', 'Bonjour', 'sent', 'k1', 'h1', '2026-01-01T00:00:00Z', 1))SQL",
                      {acme.id, absorbed, invoice});
        conn->execute("INSERT INTO einvoice_public_clients (company_id, client_id, public_sector, service_code, updated_at) "
                      "VALUES (?, ?, 1, 'SERV1', '2026-01-01T00:00:00Z')",
                      {acme.id, absorbed});
        post("/api/v1/duplicates/scan", json::object(), 200);
        auto groups = get("/api/v1/duplicates")["data"];
        EXPECT_EQ(groups.size(), 1u);
        return groups.empty() ? 0 : groups[0]["id"].get<std::int64_t>();
    }
    // Rows of `table` whose client_id is `client`.
    std::int64_t rows_of(const std::string& table, std::int64_t client) {
        auto conn = app->app().db().acquire();
        // SQLite keeps a client's search terms as one FTS5 document (crm/storage/search_index.hpp).
        if (table == "client_search_terms" && conn->dialect() == store::Dialect::Sqlite)
            return conn->query_one("SELECT COUNT(*) FROM client_search_docs WHERE id = ?", {client})->int64(0);
        return conn->query_one("SELECT COUNT(*) FROM " + table + " WHERE company_id = ? AND client_id = ?", {acme.id, client})
            ->int64(0);
    }
    std::map<std::string, std::int64_t> census(std::int64_t client) {
        std::map<std::string, std::int64_t> out;
        for (std::string t : {"contacts", "client_channels", "client_search_terms", "client_categories", "documents",
                              "payments", "mail_sends", "einvoice_public_clients"})
            out[t] = rows_of(t, client);
        return out;
    }
    std::optional<std::int64_t> merged_into(std::int64_t client) {
        auto conn = app->app().db().acquire();
        return conn->query_one("SELECT merged_into_id FROM clients WHERE id = ?", {client})->opt_int64(0);
    }
    std::string g(std::int64_t group) { return "/api/v1/duplicates/" + std::to_string(group); }

    std::unique_ptr<TestApp> app;
    TestCompany acme, other;
    std::string sales;
    std::int64_t survivor = 0, absorbed = 0, invoice = 0, quote = 0, payment = 0, vip = 0, btp = 0;
    json issued;
};

TEST_P(MergeApi, EverythingMovesToTheSurvivorAndTheChainStillVerifies) {
    const auto group = pair_with_history();
    const auto before_absorbed = census(absorbed);
    EXPECT_EQ(before_absorbed.at("documents"), 2);
    const auto survivor_docs = rows_of("documents", survivor);

    auto m = post(g(group) + "/merge",
                  {{"survivor_id", survivor}, {"fields", {{"legal_name", absorbed}, {"email", survivor}, {"siret", absorbed}}}},
                  201);
    EXPECT_EQ(m["status"], "done");
    EXPECT_EQ(m["survivor_id"], survivor);
    EXPECT_EQ(m["absorbed"], json::array({absorbed}));
    EXPECT_EQ(m["moved"]["documents"], 2);
    EXPECT_EQ(m["moved"]["payments"], 1);
    EXPECT_EQ(m["moved"]["contacts"], 1);
    EXPECT_EQ(m["moved"]["mail_sends"], 1);
    EXPECT_EQ(m["moved"]["einvoice_public_clients"], 1);

    // Nothing points to the absorbed client any more (its card is kept, merged into the survivor).
    for (const auto& [table, n] : census(absorbed)) EXPECT_EQ(n, 0) << table;
    EXPECT_EQ(merged_into(absorbed), survivor);
    EXPECT_EQ(rows_of("documents", survivor), survivor_docs + 2);
    EXPECT_EQ(rows_of("einvoice_public_clients", survivor), 1);

    // The survivor's card: the values chosen, the others kept or filled, categories united, contacts moved.
    auto card = get("/api/v1/clients/" + std::to_string(survivor));
    EXPECT_EQ(card["legal_name"], "SARL Boulangerie Martin et Fils");
    EXPECT_EQ(card["email"], "contact@martin.fr");
    EXPECT_EQ(card["siret"], "73282932000017");
    EXPECT_EQ(card["notes"], "Client depuis 2019");  // empty on the survivor: the other's value
    EXPECT_EQ(std::set<std::int64_t>(card["category_ids"].begin(), card["category_ids"].end()),
              (std::set<std::int64_t>{vip, btp}));
    ASSERT_EQ(card["contacts"].size(), 1u);
    EXPECT_EQ(card["contacts"][0]["last_name"], "Martin");

    // The issued invoice: under the survivor, printed content unchanged, the chain still verifies.
    auto doc = get("/api/v1/documents/" + std::to_string(invoice));
    EXPECT_EQ(doc["client_id"], survivor);
    EXPECT_EQ(doc["number"], issued["number"]);
    EXPECT_EQ(doc["hash"], issued["hash"]);
    EXPECT_TRUE(app->app().sales().documents().verify().problems.empty());
    auto listed = get("/api/v1/documents?client_id=" + std::to_string(survivor))["data"];
    EXPECT_TRUE(std::any_of(listed.begin(), listed.end(), [&](const json& d) { return d["id"] == invoice; }));
    auto balance = get("/api/v1/clients/" + std::to_string(survivor) + "/balance");
    EXPECT_EQ(balance["balance"], "70.00") << balance.dump();

    // Duplicate checks and search find the survivor, never the absorbed card.
    auto dup = post("/api/v1/clients/duplicates", {{"kind", "company"}, {"legal_name", "X"}, {"email", "paul@martin-fils.fr"}}, 200);
    ASSERT_EQ(dup["matches"].size(), 1u);
    EXPECT_EQ(dup["matches"][0]["client_id"], survivor);
    dup = post("/api/v1/clients/duplicates", {{"kind", "company"}, {"legal_name", "X"}, {"siret", "73282932000017"}}, 200);
    ASSERT_EQ(dup["matches"].size(), 1u);
    EXPECT_EQ(dup["matches"][0]["client_id"], survivor);
    auto found = get("/api/v1/clients?q=fils")["data"];
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0]["id"], survivor);
    EXPECT_TRUE(get("/api/v1/clients?archived=true")["data"].empty());
    // A merged card stays archived: restoring it would bring the duplicate back.
    auto restore = app->api("POST", "/api/v1/clients/" + std::to_string(absorbed) + "/restore", acme.admin_token);
    EXPECT_EQ(restore.status, 409) << restore.body;
    EXPECT_EQ(restore.json()["code"], "client.merged");
    EXPECT_TRUE(get("/api/v1/clients?q=fils")["data"].size() == 1u);

    // The history: the merge on the survivor, the absorbed client's own history readable there.
    auto history = get("/api/v1/clients/" + std::to_string(survivor) + "/history");
    std::multiset<std::string> actions;
    for (const auto& e : history["data"]) actions.insert(e["action"].get<std::string>());
    EXPECT_EQ(actions.count("merge"), 1u) << history.dump();
    EXPECT_EQ(actions.count("merged_into"), 1u) << history.dump();
    EXPECT_EQ(actions.count("create"), 2u) << history.dump();  // the survivor's and the absorbed card's

    // The group is closed; a rescan does not propose the pair again; the merge reads back.
    EXPECT_EQ(get(g(group))["status"], "merged");
    EXPECT_EQ(post("/api/v1/duplicates/scan", json::object(), 200)["groups_found"], 0);
    EXPECT_EQ(get("/api/v1/duplicate-merges/" + std::to_string(m["id"].get<std::int64_t>()))["fields"]["legal_name"], absorbed);
    // The absorbed card cannot be edited any more.
    EXPECT_EQ(app->api("PATCH", "/api/v1/clients/" + std::to_string(absorbed), acme.admin_token, json{{"notes", "x"}}).status, 409);
}

TEST_P(MergeApi, UndoPutsEverythingBack) {
    const auto group = pair_with_history();
    const auto survivor_before = get("/api/v1/clients/" + std::to_string(survivor));
    const auto absorbed_before = get("/api/v1/clients/" + std::to_string(absorbed));
    const auto census_survivor = census(survivor), census_absorbed = census(absorbed);
    auto m = post(g(group) + "/merge", {{"survivor_id", survivor}, {"fields", {{"legal_name", absorbed}, {"phone", absorbed}}}}, 201);
    const std::string undo = "/api/v1/duplicate-merges/" + std::to_string(m["id"].get<std::int64_t>()) + "/undo";

    auto undone = post(undo, json::object(), 200);
    EXPECT_EQ(undone["status"], "undone");
    EXPECT_TRUE(undone["undone_at"].is_string());
    EXPECT_EQ(census(survivor), census_survivor);
    EXPECT_EQ(census(absorbed), census_absorbed);
    EXPECT_FALSE(merged_into(absorbed).has_value());
    auto strip = [](json c) {
        for (auto k : {"updated_at", "updated_by", "updated_by_name"}) c.erase(k);
        return c;
    };
    EXPECT_EQ(strip(get("/api/v1/clients/" + std::to_string(survivor))), strip(survivor_before));
    EXPECT_EQ(strip(get("/api/v1/clients/" + std::to_string(absorbed))), strip(absorbed_before));
    EXPECT_EQ(get("/api/v1/documents/" + std::to_string(invoice))["client_id"], absorbed);
    EXPECT_EQ(get("/api/v1/payments/" + std::to_string(payment))["client_id"], absorbed);
    EXPECT_TRUE(app->app().sales().documents().verify().problems.empty());
    EXPECT_EQ(get(g(group))["status"], "open");
    // Search and duplicate checks see the absorbed client again.
    auto dup = post("/api/v1/clients/duplicates", {{"kind", "company"}, {"legal_name", "X"}, {"email", "paul@martin-fils.fr"}}, 200);
    ASSERT_EQ(dup["matches"].size(), 1u);
    EXPECT_EQ(dup["matches"][0]["client_id"], absorbed);
    EXPECT_EQ(get("/api/v1/clients?q=fils")["data"][0]["id"], absorbed);
    // Twice: refused.
    auto again = app->api("POST", undo, acme.admin_token, json::object());
    EXPECT_EQ(again.status, 409);
    // The group can be merged again, the other way round this time.
    auto second = post(g(group) + "/merge", {{"survivor_id", absorbed}}, 201);
    EXPECT_EQ(second["survivor_id"], absorbed);
    EXPECT_EQ(merged_into(survivor), absorbed);
}

TEST_P(MergeApi, UndoIsRefusedOnceTheSurvivorChanged) {
    const auto group = pair_with_history();
    auto m = post(g(group) + "/merge", {{"survivor_id", survivor}}, 201);
    auto patched = app->api("PATCH", "/api/v1/clients/" + std::to_string(survivor), acme.admin_token, json{{"notes", "Nouveau"}});
    ASSERT_EQ(patched.status, 200) << patched.body;
    auto r = app->api("POST", "/api/v1/duplicate-merges/" + std::to_string(m["id"].get<std::int64_t>()) + "/undo",
                      acme.admin_token, json::object());
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.json()["code"], "merge.survivor_changed") << r.body;
    EXPECT_EQ(merged_into(absorbed), survivor);
    EXPECT_EQ(rows_of("documents", absorbed), 0);
    EXPECT_EQ(get(g(group))["status"], "merged");
}

TEST_P(MergeApi, AdminsOnlyAndCompaniesApart) {
    const auto group = pair_with_history();
    const json body{{"survivor_id", survivor}};
    EXPECT_EQ(app->api("POST", g(group) + "/merge", sales, body).status, 403);
    EXPECT_EQ(app->api("POST", g(group) + "/merge", other.admin_token, body).status, 404);
    EXPECT_EQ(app->api("POST", g(group) + "/merge", "", body).status, 401);
    EXPECT_EQ(get(g(group))["status"], "open");
    auto m = post(g(group) + "/merge", body, 201);
    const std::string merge = "/api/v1/duplicate-merges/" + std::to_string(m["id"].get<std::int64_t>());
    EXPECT_EQ(app->api("GET", merge, sales).status, 403);
    EXPECT_EQ(app->api("POST", merge + "/undo", sales, json::object()).status, 403);
    EXPECT_EQ(app->api("GET", merge, other.admin_token).status, 404);
    EXPECT_EQ(app->api("POST", merge + "/undo", other.admin_token, json::object()).status, 404);
    EXPECT_EQ(merged_into(absorbed), survivor);
    EXPECT_EQ(app->api("GET", "/api/v1/duplicate-merges/999999", acme.admin_token).status, 404);
}

TEST_P(MergeApi, BadInputIsNamedAndChangesNothing) {
    const auto group = pair_with_history();
    const auto census_survivor = census(survivor), census_absorbed = census(absorbed);
    const auto card = get("/api/v1/clients/" + std::to_string(survivor));
    auto field_of = [](const HttpResponse& r) { return r.json()["errors"][0]["field"].get<std::string>(); };
    auto merge = [&](const json& body) { return app->api("POST", g(group) + "/merge", acme.admin_token, body); };

    auto r = merge({{"survivor_id", survivor}, {"fields", {{"colour", absorbed}}}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(field_of(r), "fields.colour");
    r = merge({{"survivor_id", survivor}, {"fields", {{"email", 999999}}}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(field_of(r), "fields.email");
    r = merge({{"survivor_id", 999999}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(field_of(r), "survivor_id");
    r = merge(json::object());
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(field_of(r), "survivor_id");
    r = merge({{"survivor_id", "abc"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(field_of(r), "survivor_id");
    r = merge({{"survivor_id", survivor}, {"fields", {{"email", "x"}}}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(field_of(r), "fields.email");
    r = merge({{"survivor_id", survivor}, {"everything", true}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(field_of(r), "everything");
    // A merge then its undo leaves the same rows as before too.
    r = merge({{"survivor_id", survivor}, {"fields", {{"kind", survivor}}}});
    EXPECT_EQ(r.status, 201) << r.body;
    const std::string undo = "/api/v1/duplicate-merges/" + std::to_string(r.json()["id"].get<std::int64_t>()) + "/undo";
    EXPECT_EQ(app->api("POST", undo, acme.admin_token, json::object()).status, 200);
    EXPECT_EQ(app->api("POST", "/api/v1/duplicates/999999/merge", acme.admin_token, json{{"survivor_id", survivor}}).status, 404);

    EXPECT_EQ(census(survivor), census_survivor);
    EXPECT_EQ(census(absorbed), census_absorbed);
    EXPECT_EQ(get("/api/v1/clients/" + std::to_string(survivor))["legal_name"], card["legal_name"]);
    EXPECT_EQ(get(g(group))["status"], "open");

    // A dismissed group is not merged.
    post(g(group) + "/dismiss", json::object(), 200);
    r = merge({{"survivor_id", survivor}});
    EXPECT_EQ(r.status, 409);
    EXPECT_FALSE(merged_into(absorbed).has_value());
    EXPECT_EQ(census(absorbed), census_absorbed);
}

// An import whose clients a scan put in a group can still be undone: the group's members go with the
// clients (registered with crm as not blocking an undo), and the group leaves the folder.
TEST_P(MergeApi, AnImportOfDuplicatesCanStillBeUndoneAfterAScan) {
    auto up = app->raw("POST", "/api/v1/client-imports?file_name=c.csv", "Raison sociale;Téléphone\nAlpha;0612345678\nBeta;0612345678\n",
                       {{"Authorization", "Bearer " + acme.admin_token}, {"Content-Type", "text/csv"}});
    ASSERT_EQ(up.status, 201) << up.body;
    const std::string job = "/api/v1/client-imports/" + std::to_string(up.json()["id"].get<std::int64_t>());
    auto wait = [&] {
        json j;
        for (int i = 0; i < 400; ++i) {
            j = get(job);
            const std::string s = j.value("status", "");
            if (s != "checking" && s != "running" && s != "undoing") break;
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        return j;
    };
    post(job + "/run", {{"policy", "create"}}, 202);
    ASSERT_EQ(wait()["counts"]["created"], 2);
    EXPECT_EQ(post("/api/v1/duplicates/scan", json::object(), 200)["groups_new"], 1);
    post(job + "/undo", json::object(), 202);
    auto undone = wait();
    EXPECT_EQ(undone["status"], "undone") << undone.dump();
    EXPECT_TRUE(get("/api/v1/clients")["data"].empty());
    EXPECT_TRUE(get("/api/v1/duplicates")["data"].empty());
}

// Every table of the schema with a client_id column is either registered with crm (a merge moves its
// rows) or one the merge knows: contacts (moved), the duplicate channels, search terms and categories
// (rebuilt for the survivor, which logs the change for SQLite's full-text index), the import log (what an import did, kept as it was) and the review
// folder's own members (Chorus Pro's settings name their OAuth client). A module adding a table that belongs to a client must register it.
TEST_P(MergeApi, EveryTableWithAClientIdIsHandled) {
    std::set<std::string> handled{"contacts", "client_channels", "client_search_terms", "client_search_changes", "client_categories",
                                  "client_import_rows", "duplicate_members",
                                  "einvoice_chorus_settings"};  // there, Chorus Pro's OAuth client id
    for (const auto& r : app->app().crm().clients().client_references()) handled.insert(r.table);
    auto conn = app->app().db().acquire();
    const std::string sql =
        GetParam() == Backend::Sqlite
            ? "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'client_id'"
            : "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'client_id'";
    std::set<std::string> tables;
    for (const auto& r : conn->query(sql)) tables.insert(r.text(0));
    EXPECT_GE(tables.size(), 8u);
    for (const auto& t : tables) EXPECT_TRUE(handled.contains(t)) << t << " has a client_id but is not registered";
}

INSTANTIATE_TEST_SUITE_P(Backends, MergeApi, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
