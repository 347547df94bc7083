// The client base through /api/v1, on SQLite and PostgreSQL: what an integrator or the import sees.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using nlohmann::json;

class ClientApi : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Acme", "admin@acme.test");
        admin = acme.admin_token;
    }

    json create(const json& body, int expected = 201, const std::string& query = "") {
        auto r = app->api("POST", "/api/v1/clients" + query, admin, body);
        EXPECT_EQ(r.status, expected) << r.body;
        return r.json();
    }

    std::unique_ptr<TestApp> app;
    TestCompany acme;
    std::string admin;
};

json boulangerie() {
    return {{"kind", "company"},
            {"status", "client"},
            {"legal_name", "Boulangerie Martin SARL"},
            {"trade_name", "Au Bon Pain"},
            {"siret", "732 829 320 00074"},
            {"vat_number", "FR44 732829320"},
            {"naf_code", "1071C"},
            {"legal_form", "SARL"},
            {"email", "Contact@AuBonPain.fr"},
            {"phone", "01 42 68 53 00"},
            {"website", "www.aubonpain.fr"},
            {"billing_address", {{"line1", "12 rue de la République"}, {"postal_code", "69002"}, {"city", "Lyon"}}},
            {"payment_terms", "45d_eom"},
            {"payment_method", "transfer"},
            {"default_discount", "5,5"},
            {"email_consent", {{"granted", true}, {"source", "salon"}}},
            {"contacts", json::array({{{"civility", "mrs"},
                                       {"first_name", "Éloïse"},
                                       {"last_name", "Martin"},
                                       {"role", "Gérante"},
                                       {"emails", {"eloise@aubonpain.fr"}},
                                       {"phones", {"06 12 34 56 78"}}}})}};
}

std::set<std::string> error_fields(const json& problem) {
    std::set<std::string> out;
    for (const auto& e : problem["errors"]) out.insert(e["field"].get<std::string>());
    return out;
}

TEST_P(ClientApi, CreatesAClientWithNormalisedValues) {
    auto c = create(boulangerie());
    EXPECT_EQ(c["siret"], "73282932000074");
    EXPECT_EQ(c["siren"], "732829320");
    EXPECT_EQ(c["vat_number"], "FR44732829320");
    EXPECT_EQ(c["naf_code"], "10.71C");
    EXPECT_EQ(c["email"], "contact@aubonpain.fr");
    EXPECT_EQ(c["phone"], "+33142685300");
    EXPECT_EQ(c["phone_display"], "01 42 68 53 00");
    EXPECT_EQ(c["website"], "https://www.aubonpain.fr");
    EXPECT_EQ(c["default_discount"], "5.50");
    EXPECT_EQ(c["payment_terms"], "45d_eom");
    EXPECT_EQ(c["contacts"][0]["phones"][0], "+33612345678");
    EXPECT_EQ(c["contacts"][0]["phones_display"][0], "06 12 34 56 78");
    EXPECT_TRUE(c["contacts"][0]["is_primary"].get<bool>());
    EXPECT_TRUE(c["email_consent"]["granted"].get<bool>());
    EXPECT_EQ(c["email_consent"]["legal_basis"], "consent");
    EXPECT_FALSE(c["email_consent"]["date"].get<std::string>().empty());
    EXPECT_TRUE(c["accounting_code"].get<std::string>().starts_with("411"));
    EXPECT_EQ(c["created_by"], c["updated_by"]);

    auto fetched = app->api("GET", "/api/v1/clients/" + std::to_string(c["id"].get<int>()), admin);
    EXPECT_EQ(fetched.status, 200);
    EXPECT_EQ(fetched.json()["legal_name"], "Boulangerie Martin SARL");
}

TEST_P(ClientApi, RefusesTheSamePhoneTypedInAnotherFormatUntilForced) {
    create(boulangerie());
    json other = {{"kind", "individual"}, {"last_name", "Durand"}, {"phone", "+33 (0)6 12.34.56.78"}};
    auto r = app->api("POST", "/api/v1/clients", admin, other);
    ASSERT_EQ(r.status, 409) << r.body;
    auto problem = r.json();
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
    ASSERT_EQ(problem["matches"].size(), 1u);
    EXPECT_EQ(problem["matches"][0]["field"], "phone");
    EXPECT_EQ(problem["matches"][0]["client_name"], "Boulangerie Martin SARL");
    EXPECT_EQ(problem["matches"][0]["contact_name"], "Éloïse Martin");
    // Nothing was written by the refused request.
    EXPECT_EQ(app->api("GET", "/api/v1/clients", admin).json()["data"].size(), 1u);

    create(other, 201, "?force=true");
    EXPECT_EQ(app->api("GET", "/api/v1/clients", admin).json()["data"].size(), 2u);
}

TEST_P(ClientApi, DetectsDuplicateEmailAndSiret) {
    create(boulangerie());
    auto r = app->api("POST", "/api/v1/clients", admin,
                      json{{"legal_name", "Autre"}, {"email", "CONTACT@aubonpain.FR"}, {"siret", "73282932000074"}});
    ASSERT_EQ(r.status, 409);
    std::set<std::string> fields;
    auto matches_json = r.json();
        for (const auto& m : matches_json["matches"]) fields.insert(m["field"].get<std::string>());
    EXPECT_EQ(fields, (std::set<std::string>{"email", "siret"}));
}

TEST_P(ClientApi, NamesEveryWrongFieldAndWritesNothing) {
    json bad = {{"kind", "robot"},
                {"status", "vip"},
                {"legal_name", ""},
                {"siren", "123456789"},
                {"siret", "1234"},
                {"vat_number", "FR00732829320"},
                {"naf_code", "ABC"},
                {"email", "pas-un-email"},
                {"phone", "12"},
                {"website", "nope"},
                {"billing_address", {{"postal_code", "7500"}, {"country", "FR"}}},
                {"delivery_address", {{"city", "Atlantis"}, {"country", "ZZ"}}},
                {"payment_terms", "90d"},
                {"payment_method", "bitcoin"},
                {"default_discount", "150"},
                {"accounting_code", "512000"},
                {"assigned_user_id", 999999},
                {"category_ids", {424242}},
                {"email_consent", {{"granted", true}, {"date", "2026-02-30"}, {"legal_basis", "whim"}}},
                {"contacts", json::array({{{"emails", {"x@"}}, {"phones", {"abc"}}}})}};
    auto r = app->api("POST", "/api/v1/clients", admin, bad);
    ASSERT_EQ(r.status, 422) << r.body;
    auto fields = error_fields(r.json());
    for (const char* f : {"kind", "status", "siren", "siret", "vat_number", "naf_code", "email", "phone", "website",
                          "billing_address.postal_code", "delivery_address.country", "payment_terms", "payment_method",
                          "default_discount", "accounting_code", "email_consent.date", "email_consent.legal_basis",
                          "contacts[0].last_name", "contacts[0].emails[0]", "contacts[0].phones[0]"})
        EXPECT_TRUE(fields.contains(f)) << "missing error for " << f << " in " << r.body;
    auto errors_json = r.json();
        for (const auto& e : errors_json["errors"]) {
        EXPECT_FALSE(e["message"].get<std::string>().empty());
        EXPECT_FALSE(e["message_fr"].get<std::string>().empty());
    }
    EXPECT_EQ(app->api("GET", "/api/v1/clients", admin).json()["data"].size(), 0u);
}

TEST_P(ClientApi, ChecksReferencesAfterFieldsAreValid) {
    auto r = app->api("POST", "/api/v1/clients", admin,
                      json{{"legal_name", "X"}, {"assigned_user_id", 999999}, {"category_ids", {424242}}});
    ASSERT_EQ(r.status, 422);
    EXPECT_EQ(error_fields(r.json()), (std::set<std::string>{"assigned_user_id", "category_ids"}));
}

TEST_P(ClientApi, ReportsWrongTypesAndMalformedJson) {
    auto r = app->api("POST", "/api/v1/clients", admin, json{{"legal_name", 42}, {"contacts", "nope"}, {"colour", "red"}});
    ASSERT_EQ(r.status, 422);
    EXPECT_EQ(error_fields(r.json()), (std::set<std::string>{"legal_name", "contacts", "colour"}));
    auto raw = app->raw("POST", "/api/v1/clients", "{not json",
                        {{"Authorization", "Bearer " + admin}, {"Content-Type", "application/json"}});
    EXPECT_EQ(raw.status, 422);
    EXPECT_EQ(raw.json()["code"], "invalid");
}

TEST_P(ClientApi, UpdatesOnlyTheFieldsSentAndRecordsHistory) {
    auto c = create(boulangerie());
    std::string path = "/api/v1/clients/" + std::to_string(c["id"].get<int>());
    auto r = app->api("PATCH", path, admin, json{{"status", "former_client"}, {"billing_address", {{"city", "Villeurbanne"}, {"postal_code", "69100"}}}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["status"], "former_client");
    EXPECT_EQ(r.json()["billing_address"]["city"], "Villeurbanne");
    EXPECT_EQ(r.json()["billing_address"]["line1"], "12 rue de la République");
    EXPECT_EQ(r.json()["legal_name"], "Boulangerie Martin SARL");
    // Re-saving a client that already has its own phone is not a duplicate of itself.
    EXPECT_EQ(app->api("PATCH", path, admin, json{{"notes", "Livrer avant 7 h"}}).status, 200);

    auto history = app->api("GET", path + "/history", admin).json()["data"];
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[0]["action"], "update");
    EXPECT_EQ(history[1]["changes"]["status"]["from"], "client");
    EXPECT_EQ(history[1]["changes"]["status"]["to"], "former_client");
    EXPECT_EQ(history[1]["changes"]["billing_address.city"]["to"], "Villeurbanne");
    EXPECT_EQ(history[2]["action"], "create");
    EXPECT_EQ(history[2]["user_name"], "Admin Acme");
}

TEST_P(ClientApi, ArchivedClientsLeaveTheListButAreKept) {
    auto c = create(boulangerie());
    std::string path = "/api/v1/clients/" + std::to_string(c["id"].get<int>());
    EXPECT_EQ(app->api("POST", path + "/archive", admin).status, 200);
    EXPECT_EQ(app->api("GET", "/api/v1/clients", admin).json()["data"].size(), 0u);
    EXPECT_EQ(app->api("GET", "/api/v1/clients?archived=true", admin).json()["data"].size(), 1u);
    EXPECT_TRUE(app->api("GET", path, admin).json()["archived"].get<bool>());
    EXPECT_EQ(app->api("POST", path + "/restore", admin).status, 200);
    EXPECT_EQ(app->api("GET", "/api/v1/clients", admin).json()["data"].size(), 1u);
}

TEST_P(ClientApi, SearchesNamesContactsCitiesPhonesAndSiret) {
    create(boulangerie());
    create({{"kind", "individual"}, {"first_name", "Benoît"}, {"last_name", "Lefèvre"}, {"phone", "07 81 22 33 44"},
            {"billing_address", {{"city", "Nantes"}, {"postal_code", "44000"}}}});
    auto names = [&](const std::string& q) {
        auto r = app->api("GET", "/api/v1/clients?q=" + q, admin);
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<std::string> out;
        auto data_json = r.json();
        for (const auto& item : data_json["data"]) out.push_back(item["display_name"].get<std::string>());
        return out;
    };
    using V = std::vector<std::string>;
    EXPECT_EQ(names("boul"), V{"Boulangerie Martin SARL"});
    EXPECT_EQ(names("bon%20pain"), V{"Boulangerie Martin SARL"});  // trade name
    EXPECT_EQ(names("eloise"), V{"Boulangerie Martin SARL"});      // contact, accents ignored
    EXPECT_EQ(names("LEFEV"), V{"Benoît Lefèvre"});
    EXPECT_EQ(names("nantes"), V{"Benoît Lefèvre"});
    EXPECT_EQ(names("0781"), V{"Benoît Lefèvre"});
    EXPECT_EQ(names("%2B33%207%2081%2022"), V{"Benoît Lefèvre"});
    EXPECT_EQ(names("06.12.34"), V{"Boulangerie Martin SARL"});     // contact's mobile
    EXPECT_EQ(names("732%20829"), V{"Boulangerie Martin SARL"});    // SIREN as typed
    EXPECT_EQ(names("contact%40aubon"), V{"Boulangerie Martin SARL"});
    EXPECT_EQ(names("martin%20lyon"), V{"Boulangerie Martin SARL"});
    EXPECT_EQ(names("martin%20nantes"), V{});
    EXPECT_EQ(names("zzzz"), V{});
}

TEST_P(ClientApi, PaginatesWithACursorInEveryOrder) {
    for (int i = 0; i < 7; ++i) create({{"legal_name", "Société " + std::string(1, static_cast<char>('A' + i))}});
    for (std::string sort : {"name", "-name", "-created", "city"}) {
        std::vector<std::string> seen;
        std::string cursor;
        for (int page = 0; page < 10; ++page) {
            auto r = app->api("GET", "/api/v1/clients?limit=3&sort=" + sort + (cursor.empty() ? "" : "&cursor=" + cursor), admin);
            ASSERT_EQ(r.status, 200) << r.body;
            auto data_json = r.json();
        for (const auto& item : data_json["data"]) seen.push_back(item["display_name"].get<std::string>());
            if (r.json()["next_cursor"].is_null()) break;
            cursor = r.json()["next_cursor"];
        }
        EXPECT_EQ(seen.size(), 7u) << sort;
        EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 7u) << sort;
        if (sort == "name") EXPECT_EQ(seen.front(), "Société A");
        if (sort == "-name") EXPECT_EQ(seen.front(), "Société G");
    }
    EXPECT_EQ(app->api("GET", "/api/v1/clients?cursor=zz", admin).status, 422);
    EXPECT_EQ(app->api("GET", "/api/v1/clients?limit=0", admin).status, 422);
    EXPECT_EQ(app->api("GET", "/api/v1/clients?sort=price", admin).status, 422);
    EXPECT_EQ(app->api("GET", "/api/v1/clients?status=vip", admin).status, 422);
}

TEST_P(ClientApi, EachRoleGetsWhatItMayDo) {
    auto sales = app->add_user(acme, "sales@acme.test", "sales");
    auto accountant = app->add_user(acme, "compta@acme.test", "accountant");
    auto reader = app->add_user(acme, "lecture@acme.test", "read_only");
    auto c = create(boulangerie());
    std::string path = "/api/v1/clients/" + std::to_string(c["id"].get<int>());

    EXPECT_EQ(app->api("POST", "/api/v1/clients", sales, json{{"legal_name", "Par le commercial"}}).status, 201);
    EXPECT_EQ(app->api("POST", "/api/v1/clients", reader, json{{"legal_name", "Refusé"}}).status, 403);
    EXPECT_EQ(app->api("POST", "/api/v1/clients", accountant, json{{"legal_name", "Refusé"}}).status, 403);
    EXPECT_EQ(app->api("GET", path, reader).status, 200);
    EXPECT_EQ(app->api("PATCH", path, reader, json{{"notes", "x"}}).status, 403);
    EXPECT_EQ(app->api("POST", path + "/archive", reader).status, 403);

    // The accountant changes the accounting fields; anything else they send is ignored.
    auto r = app->api("PATCH", path, accountant, json{{"accounting_code", "411BOULANG"}, {"legal_name", "Piraté"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["accounting_code"], "411BOULANG");
    EXPECT_EQ(r.json()["legal_name"], "Boulangerie Martin SARL");

    EXPECT_EQ(app->api("POST", "/api/v1/categories", sales, json{{"name", "VIP"}}).status, 403);
    EXPECT_EQ(app->api("POST", "/api/v1/clients/batch", sales, json{{"clients", json::array()}}).status, 403);
    EXPECT_EQ(app->api("GET", "/api/v1/clients", "").status, 401);
    EXPECT_EQ(app->api("GET", "/api/v1/clients", "not-a-token").status, 401);
}

TEST_P(ClientApi, CompaniesNeverSeeEachOthersClients) {
    auto c = create(boulangerie());
    auto other = app->create_company("Globex", "admin@globex.test");
    std::string path = "/api/v1/clients/" + std::to_string(c["id"].get<int>());
    EXPECT_EQ(app->api("GET", path, other.admin_token).status, 404);
    EXPECT_EQ(app->api("PATCH", path, other.admin_token, json{{"notes", "x"}}).status, 404);
    EXPECT_EQ(app->api("POST", path + "/archive", other.admin_token).status, 404);
    EXPECT_EQ(app->api("GET", path + "/history", other.admin_token).status, 404);
    EXPECT_EQ(app->api("GET", "/api/v1/clients?q=boul", other.admin_token).json()["data"].size(), 0u);
    auto contact_id = c["contacts"][0]["id"].get<int>();
    EXPECT_EQ(app->api("GET", "/api/v1/contacts/" + std::to_string(contact_id), other.admin_token).status, 404);
    // The same phone in another company is not a duplicate: companies are separate worlds.
    EXPECT_EQ(app->api("POST", "/api/v1/clients", other.admin_token, boulangerie()).status, 201);
}

TEST_P(ClientApi, ManagesContactsWithDuplicateChecks) {
    auto c = create(boulangerie());
    std::string base = "/api/v1/clients/" + std::to_string(c["id"].get<int>());
    auto other = create({{"legal_name", "Garage du Centre"}, {"phone", "04 78 00 00 01"}});
    auto r = app->api("POST", base + "/contacts", admin, json{{"last_name", "Petit"}, {"phones", {"+33 4 78 00 00 01"}}});
    ASSERT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.json()["matches"][0]["client_name"], "Garage du Centre");
    r = app->api("POST", base + "/contacts?force=1", admin, json{{"last_name", "Petit"}, {"phones", {"+33 4 78 00 00 01"}}});
    ASSERT_EQ(r.status, 201) << r.body;
    auto contact_id = std::to_string(r.json()["id"].get<int>());
    EXPECT_FALSE(r.json()["is_primary"].get<bool>());
    r = app->api("PATCH", "/api/v1/contacts/" + contact_id, admin, json{{"role", "Comptable"}, {"is_primary", true}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json()["is_primary"].get<bool>());
    auto contacts = app->api("GET", base + "/contacts", admin).json()["data"];
    ASSERT_EQ(contacts.size(), 2u);
    EXPECT_EQ(contacts[0]["last_name"], "Petit");  // the primary contact comes first
    EXPECT_FALSE(contacts[1]["is_primary"].get<bool>());
    EXPECT_EQ(app->api("PATCH", "/api/v1/contacts/" + contact_id, admin, json{{"emails", {"bad@"}}}).status, 422);
    EXPECT_EQ(app->api("DELETE", "/api/v1/contacts/" + contact_id, admin).status, 204);
    EXPECT_EQ(app->api("GET", base + "/contacts", admin).json()["data"].size(), 1u);
    EXPECT_EQ(app->api("GET", "/api/v1/clients?q=petit", admin).json()["data"].size(), 0u);
    (void)other;
}

TEST_P(ClientApi, CategoriesTagAndFilterClients) {
    auto vip = app->api("POST", "/api/v1/categories", admin, json{{"name", "Grands comptes"}, {"color", "#aa0000"}});
    ASSERT_EQ(vip.status, 201) << vip.body;
    auto id = vip.json()["id"].get<int>();
    EXPECT_EQ(app->api("POST", "/api/v1/categories", admin, json{{"name", "grands COMPTES"}}).status, 422);
    EXPECT_EQ(app->api("POST", "/api/v1/categories", admin, json{{"name", "X"}, {"color", "red"}}).status, 422);
    auto c = boulangerie();
    c["category_ids"] = {id};
    create(c);
    create({{"legal_name", "Sans catégorie"}});
    auto r = app->api("GET", "/api/v1/clients?category_id=" + std::to_string(id), admin);
    ASSERT_EQ(r.json()["data"].size(), 1u);
    EXPECT_EQ(app->api("GET", "/api/v1/categories", admin).json()["data"][0]["client_count"], 1);
    EXPECT_EQ(app->api("DELETE", "/api/v1/categories/" + std::to_string(id), admin).status, 204);
    EXPECT_EQ(app->api("GET", "/api/v1/clients", admin).json()["data"].size(), 2u);
}

TEST_P(ClientApi, BatchReportsEachItem) {
    json batch = {{"clients", json::array({boulangerie(),
                                           json{{"legal_name", "Double"}, {"phone", "0142685300"}},
                                           json{{"legal_name", "Mauvais"}, {"siret", "123"}},
                                           json{{"legal_name", 5}},
                                           json{{"legal_name", "Valide"}}})}};
    auto r = app->api("POST", "/api/v1/clients/batch", admin, batch);
    ASSERT_EQ(r.status, 200) << r.body;
    auto results = r.json()["results"];
    ASSERT_EQ(results.size(), 5u);
    EXPECT_EQ(results[0]["status"], "created");
    EXPECT_EQ(results[1]["status"], "duplicate");
    EXPECT_EQ(results[2]["status"], "invalid");
    EXPECT_EQ(results[2]["errors"][0]["field"], "siret");
    EXPECT_EQ(results[3]["status"], "invalid");
    EXPECT_EQ(results[4]["status"], "created");
    EXPECT_EQ(app->api("GET", "/api/v1/clients", admin).json()["data"].size(), 2u);

    // Clients created in a batch are searchable, guarded against duplicates and in the audit log.
    auto found = app->api("GET", "/api/v1/clients?q=eloise%20lyon", admin).json();
    ASSERT_EQ(found["data"].size(), 1u);
    EXPECT_EQ(found["data"][0]["id"], results[0]["id"]);
    EXPECT_EQ(app->api("GET", "/api/v1/clients?q=0612", admin).json()["data"].size(), 1u);
    auto again = create(json{{"legal_name", "Autre"}, {"contacts", json::array({{{"last_name", "X"},
                                                                               {"phones", {"+33612345678"}}}})}},
                        409);
    EXPECT_EQ(again["matches"][0]["client_id"], results[0]["id"]);
    auto history = app->api("GET", "/api/v1/clients/" + std::to_string(results[0]["id"].get<std::int64_t>()) +
                                       "/history", admin).json();
    ASSERT_EQ(history["data"].size(), 1u) << history.dump();
    EXPECT_EQ(history["data"][0]["action"], "create");
}

TEST_P(ClientApi, ABatchHoldsAtMostTenThousandClients) {
    // Ten thousand commit together; one more is refused as a whole, naming the list, with nothing written.
    json clients = json::array();
    for (int i = 0; i < 10000; ++i) clients.push_back(json{{"legal_name", "Lot " + std::to_string(i)}});
    auto r = app->api("POST", "/api/v1/clients/batch", admin, json{{"clients", clients}});
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
    EXPECT_EQ(r.json()["results"][9999]["status"], "created");
    EXPECT_EQ(app->api("GET", "/api/v1/clients?q=lot%209999", admin).json()["data"].size(), 1u);

    clients.push_back(json{{"legal_name", "Un de trop"}});
    r = app->api("POST", "/api/v1/clients/batch", admin, json{{"clients", clients}});
    ASSERT_EQ(r.status, 422) << r.body.substr(0, 500);
    EXPECT_EQ(r.json()["errors"][0]["field"], "clients");
    EXPECT_EQ(app->api("GET", "/api/v1/clients?q=un%20de%20trop", admin).json()["data"].size(), 0u);
}

// A batch checks its clients for duplicates all at once: each item still gets the matches the check
// of a single client lists (which client, which field and value, which contact), against existing
// clients and against the items created before it in the same batch, and archived clients count.
TEST_P(ClientApi, ABatchListsTheSameMatchesAsASingleCheck) {
    create(boulangerie());  // phone 01 42 68 53 00, SIRET 732 829 320 00074, contact Éloïse
    auto archived = create({{"legal_name", "Ancienne Cave"}, {"email", "cave@exemple.fr"}});
    ASSERT_EQ(app->api("POST", "/api/v1/clients/" + std::to_string(archived["id"].get<std::int64_t>()) + "/archive", admin)
                  .status, 200);
    json items = json::array();
    items.push_back({{"legal_name", "Premier"}, {"contacts", json::array({{{"first_name", "Jo"}, {"last_name", "Lefèvre"},
                                                                         {"phones", {"06 98 76 54 32"}}}})}});
    items.push_back({{"legal_name", "Copie"}, {"phone", "+33 1 42 68 53 00"}, {"siret", "73282932000074"},
                     {"email", "CAVE@exemple.fr"}});
    items.push_back({{"legal_name", "Second"}, {"phone", "0698765432"}});  // Premier's contact, same batch
    auto r = app->api("POST", "/api/v1/clients/batch", admin, json{{"clients", items}});
    ASSERT_EQ(r.status, 200) << r.body;
    const json results = r.json()["results"];
    ASSERT_EQ(results[0]["status"], "created");
    ASSERT_EQ(results[1]["status"], "duplicate");
    ASSERT_EQ(results[2]["status"], "duplicate");

    // The single check of the same drafts, now that the batch is committed.
    auto single = [&](const json& draft) {
        auto check = app->api("POST", "/api/v1/clients/duplicates", admin, draft);
        EXPECT_EQ(check.status, 200) << check.body;
        return check.json()["matches"];
    };
    EXPECT_EQ(results[1]["matches"], single(items[1])) << results[1].dump();
    EXPECT_EQ(results[1]["matches"].size(), 3u);  // phone and SIRET of the bakery, e-mail of the archived cave
    EXPECT_EQ(results[2]["matches"], single(items[2])) << results[2].dump();
    ASSERT_EQ(results[2]["matches"].size(), 1u);
    EXPECT_EQ(results[2]["matches"][0]["client_id"], results[0]["id"]);
    EXPECT_EQ(results[2]["matches"][0]["contact_name"], "Jo Lefèvre");
}

// Two batches sent at the same time with the same phone: one creates it, the other reports the
// duplicate. On PostgreSQL a batch holds its company's counter row before its duplicate lookups, so
// the second one waits for the first to commit and then sees it; without that, both looked up before
// either committed and both created the client.
TEST_P(ClientApi, ConcurrentBatchesDoNotBothCreateTheSameClient) {
    auto batch = [](const std::string& prefix) {
        json clients = json::array();
        clients.push_back({{"legal_name", prefix + " Partagé"}, {"phone", "04 78 12 34 56"}});
        for (int i = 0; i < 1500; ++i) clients.push_back({{"legal_name", prefix + " " + std::to_string(i)}});
        return json{{"clients", clients}};
    };
    HttpResponse first, second;
    std::thread a([&] { first = app->api("POST", "/api/v1/clients/batch", admin, batch("Alpha")); });
    std::thread b([&] { second = app->api("POST", "/api/v1/clients/batch", admin, batch("Bravo")); });
    a.join();
    b.join();
    ASSERT_EQ(first.status, 200) << first.body.substr(0, 300);
    ASSERT_EQ(second.status, 200) << second.body.substr(0, 300);
    std::multiset<std::string> outcomes{first.json()["results"][0]["status"], second.json()["results"][0]["status"]};
    EXPECT_EQ(outcomes, (std::multiset<std::string>{"created", "duplicate"}));
    EXPECT_EQ(app->api("GET", "/api/v1/clients?q=0478123456", admin).json()["data"].size(), 1u);
}

// A batch reads the accounting-code counter once and writes it back once: the generated codes still
// follow each other, an item refused as a duplicate takes no number, and the next client created on
// its own carries on from the batch's last number.
TEST_P(ClientApi, ABatchNumbersItsAccountingCodesInSequence) {
    json clients = json::array();
    clients.push_back({{"legal_name", "Alpha"}, {"phone", "04 72 00 00 01"}});
    clients.push_back({{"legal_name", "Bravo"}, {"phone", "04 72 00 00 01"}});  // Alpha's phone: refused
    clients.push_back({{"legal_name", "Charlie"}});
    clients.push_back({{"legal_name", "Delta"}});
    auto r = app->api("POST", "/api/v1/clients/batch", admin, json{{"clients", clients}});
    ASSERT_EQ(r.status, 200) << r.body;
    const json results = r.json()["results"];
    ASSERT_EQ(results[1]["status"], "duplicate");
    std::vector<std::string> codes;
    for (int i : {0, 2, 3})
        codes.push_back(app->api("GET", "/api/v1/clients/" + std::to_string(results[i]["id"].get<std::int64_t>()), admin)
                            .json()["accounting_code"]);
    EXPECT_EQ(codes, (std::vector<std::string>{"411ALPHA001", "411CHARL002", "411DELTA003"}));
    auto single = app->api("POST", "/api/v1/clients", admin, json{{"legal_name", "Echo"}});
    ASSERT_EQ(single.status, 201) << single.body;
    EXPECT_EQ(single.json()["accounting_code"], "411ECHO004");
    // Found by its code, like every client.
    EXPECT_EQ(app->api("GET", "/api/v1/clients?q=411delta", admin).json()["data"].size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ClientApi, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
