// The catalog through /api/v1, on SQLite and PostgreSQL: what an integrator or the documents module
// sees — CRUD, unique references, validation naming each field, roles and cost prices, tenancy,
// search and pagination.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "modules/catalog/service/catalog_service.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using nlohmann::json;

class CatalogApi : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Acme", "admin@acme.test");
        admin = acme.admin_token;
    }

    json create(const json& body, int expected = 201, const std::string& token = "") {
        auto r = app->api("POST", "/api/v1/catalog/items", token.empty() ? admin : token, body);
        EXPECT_EQ(r.status, expected) << r.body;
        return r.json();
    }
    json list(const std::string& query = "", const std::string& token = "") {
        auto r = app->api("GET", "/api/v1/catalog/items" + query, token.empty() ? admin : token);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json();
    }
    std::vector<std::string> references(const std::string& query) {
        std::vector<std::string> out;
        const json page = list(query);  // kept alive: a loop over a temporary's member would dangle
        for (const auto& item : page["data"]) out.push_back(item["reference"].get<std::string>());
        return out;
    }
    static std::string path(const json& item) { return "/api/v1/catalog/items/" + std::to_string(item["id"].get<std::int64_t>()); }

    std::unique_ptr<TestApp> app;
    TestCompany acme;
    std::string admin;
};

json chauffe_eau() {
    return {{"reference", "PLB-001"},
            {"label", "Chauffe-eau électrique 200 L"},
            {"description", "Cuve émaillée\nGarantie 5 ans"},
            {"unit", "u"},
            {"kind", "goods"},
            {"unit_price", "459,90"},
            {"cost_price", "312.5"},
            {"vat", {{"rate", "20"}}},
            {"category", "Fournitures"}};
}

std::set<std::string> error_fields(const json& problem) {
    std::set<std::string> out;
    for (const auto& e : problem["errors"]) out.insert(e["field"].get<std::string>());
    return out;
}

TEST_P(CatalogApi, CreatesReadsAndUpdatesAnItem) {
    auto r = app->api("POST", "/api/v1/catalog/items", admin, chauffe_eau());
    ASSERT_EQ(r.status, 201) << r.body;
    auto item = r.json();
    EXPECT_EQ(r.header("location"), path(item));
    EXPECT_EQ(item["reference"], "PLB-001");
    EXPECT_EQ(item["unit_price"], "459.9");
    EXPECT_EQ(item["cost_price"], "312.5");
    EXPECT_EQ(item["vat"], (json{{"category", "S"}, {"rate", "20"}, {"exemption", nullptr}}));
    EXPECT_EQ(item["description"], "Cuve émaillée\nGarantie 5 ans");
    EXPECT_TRUE(item["active"].get<bool>());
    EXPECT_EQ(item["created_by"], item["updated_by"]);

    auto fetched = app->api("GET", path(item), admin);
    ASSERT_EQ(fetched.status, 200);
    EXPECT_EQ(fetched.json()["label"], "Chauffe-eau électrique 200 L");

    // PATCH changes what is sent and nothing else; six decimals survive exactly.
    auto patched = app->api("PATCH", path(item), admin,
                            json{{"unit_price", "0.174512"}, {"vat", {{"exemption", "franchise_en_base"}}}, {"unit", "kWh"}});
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.json()["unit_price"], "0.174512");
    EXPECT_EQ(patched.json()["vat"], (json{{"category", "E"}, {"rate", "0"}, {"exemption", "franchise_en_base"}}));
    EXPECT_EQ(patched.json()["label"], "Chauffe-eau électrique 200 L");
    EXPECT_EQ(patched.json()["cost_price"], "312.5");
    EXPECT_EQ(app->api("PATCH", path(item), admin, json{{"cost_price", nullptr}}).json()["cost_price"], nullptr);
}

TEST_P(CatalogApi, DeactivatedItemsLeaveTheListButAreKept) {
    auto item = create(chauffe_eau());
    auto r = app->api("POST", path(item) + "/deactivate", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(r.json()["active"].get<bool>());
    EXPECT_EQ(list()["data"].size(), 0u);
    EXPECT_EQ(list("?active=false")["data"].size(), 1u);
    EXPECT_EQ(app->api("GET", path(item), admin).status, 200);  // still readable, e.g. from an old invoice
    EXPECT_EQ(app->api("POST", path(item) + "/activate", admin).status, 200);
    EXPECT_EQ(list()["data"].size(), 1u);
    // Deleting is not offered: the route does not exist.
    EXPECT_EQ(app->api("DELETE", path(item), admin).status, 404);
}

TEST_P(CatalogApi, AReferenceIsUniqueWhateverItsCase) {
    auto first = create(chauffe_eau());
    auto again = chauffe_eau();
    again["reference"] = " plb-001 ";
    auto r = app->api("POST", "/api/v1/catalog/items", admin, again);
    ASSERT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
    EXPECT_EQ(r.json()["code"], "reference.taken");
    EXPECT_EQ(error_fields(r.json()), std::set<std::string>{"reference"});
    EXPECT_NE(r.json()["detail_fr"].get<std::string>().find("référence"), std::string::npos);
    EXPECT_EQ(list()["data"].size(), 1u);

    // Renaming another item onto it is refused too; renaming an item's own case is fine.
    auto other = create({{"reference", "PLB-002"}, {"label", "Mitigeur"}, {"unit_price", "89"}});
    EXPECT_EQ(app->api("PATCH", path(other), admin, json{{"reference", "Plb-001"}}).status, 409);
    auto own = app->api("PATCH", path(first), admin, json{{"reference", "plb-001"}});
    ASSERT_EQ(own.status, 200) << own.body;
    EXPECT_EQ(own.json()["reference"], "plb-001");
    // Another company may use the same reference.
    auto globex = app->create_company("Globex", "admin@globex.test");
    create(chauffe_eau(), 201, globex.admin_token);
}

TEST_P(CatalogApi, ConcurrentCreationsOfOneReferenceGiveOneItemAndCleanConflicts) {
    constexpr int kWriters = 6;
    std::atomic<int> created{0}, conflicts{0}, other{0};
    std::vector<std::thread> writers;
    for (int i = 0; i < kWriters; ++i)
        writers.emplace_back([&, i] {
            auto body = chauffe_eau();
            body["reference"] = i % 2 ? "RACE-1" : "race-1";
            auto r = app->api("POST", "/api/v1/catalog/items", admin, body);
            (r.status == 201 ? created : r.status == 409 ? conflicts : other)++;
        });
    for (auto& t : writers) t.join();
    EXPECT_EQ(created, 1);
    EXPECT_EQ(conflicts, kWriters - 1);
    EXPECT_EQ(other, 0);
}

TEST_P(CatalogApi, TheUniqueIndexCatchesWhatTheCheckCannotSee) {
    // A second transaction inserts the reference after the service's check ran but before its own
    // insert: only the unique index sees it. The service must answer 409, not 500. On PostgreSQL the
    // service's insert waits on the uncommitted row, then fails; on SQLite writers are serialised,
    // so the service's check sees the committed row.
    auto conn = app->app().db().acquire();
    conn->begin(true);
    conn->insert(R"SQL(INSERT INTO catalog_items (company_id, reference, reference_key, label, label_key, unit, kind,
        unit_price_micros, vat_category, vat_rate_micros, search_text, created_at, updated_at)
        VALUES (?, 'RACE-2', 'race-2', 'x', 'x', 'u', 'goods', 0, 'S', 20000000, ' race 2 x', 'now', 'now'))SQL",
                 {acme.id});
    std::thread writer([&] {
        auto body = chauffe_eau();
        body["reference"] = "Race-2";
        auto r = app->api("POST", "/api/v1/catalog/items", admin, body);
        EXPECT_EQ(r.status, 409) << r.body;
        EXPECT_EQ(error_fields(r.json()), std::set<std::string>{"reference"});
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    conn->commit();
    writer.join();
}

TEST_P(CatalogApi, NamesEveryWrongFieldAndWritesNothing) {
    json bad = {{"reference", ""},
                {"label", "   "},
                {"description", std::string(5001, 'x')},
                {"unit", ""},
                {"kind", "robot"},
                {"unit_price", "-3"},
                {"cost_price", "abc"},
                {"vat", {{"rate", "0"}}},
                {"category", std::string(61, 'c')}};
    auto r = app->api("POST", "/api/v1/catalog/items", admin, bad);
    ASSERT_EQ(r.status, 422) << r.body;
    // Type errors come first: the reader stops before validating what it could not read.
    EXPECT_EQ(error_fields(r.json()), (std::set<std::string>{"kind", "cost_price"}));

    bad["kind"] = "service";
    bad["cost_price"] = "-1";
    r = app->api("POST", "/api/v1/catalog/items", admin, bad);
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(error_fields(r.json()), (std::set<std::string>{"reference", "label", "description", "unit", "unit_price",
                                                             "cost_price", "vat.exemption", "category"}));
    auto problem = r.json();
    for (const auto& e : problem["errors"]) {
        EXPECT_FALSE(e["message"].get<std::string>().empty());
        EXPECT_FALSE(e["message_fr"].get<std::string>().empty());
    }
    EXPECT_EQ(list()["data"].size(), 0u);
    EXPECT_EQ(list("?active=false")["data"].size(), 0u);
}

TEST_P(CatalogApi, RefusesFloatsTooManyDecimalsAndAMissingPrice) {
    auto body = chauffe_eau();
    body["unit_price"] = 459.9;
    auto r = app->api("POST", "/api/v1/catalog/items", admin, body);
    ASSERT_EQ(r.status, 422);
    EXPECT_EQ(error_fields(r.json()), std::set<std::string>{"unit_price"});
    body["unit_price"] = "1,1234567";
    r = app->api("POST", "/api/v1/catalog/items", admin, body);
    ASSERT_EQ(r.status, 422);
    EXPECT_EQ(r.json()["errors"][0]["code"], "decimal.too_many_decimals");
    body.erase("unit_price");
    body["label"] = "";
    r = app->api("POST", "/api/v1/catalog/items", admin, body);
    ASSERT_EQ(r.status, 422);
    EXPECT_EQ(error_fields(r.json()), (std::set<std::string>{"unit_price", "label"}));
    r = app->api("POST", "/api/v1/catalog/items", admin, json{{"reference", "X"}, {"label", "Y"}, {"unit_price", 7}});
    EXPECT_EQ(r.status, 201) << r.body;  // integers are exact, so they are accepted
    auto raw = app->raw("POST", "/api/v1/catalog/items", "{oops",
                        {{"Authorization", "Bearer " + admin}, {"Content-Type", "application/json"}});
    EXPECT_EQ(raw.status, 422);
}

TEST_P(CatalogApi, VatChoicesFollowTheFrenchRules) {
    auto item = create({{"reference", "FORM-1"}, {"label", "Formation"}, {"unit_price", "900"}, {"kind", "service"},
                        {"vat", {{"exemption", "general_interest"}}}});
    EXPECT_EQ(item["vat"]["category"], "E");
    EXPECT_EQ(item["vat"]["rate"], "0");
    auto reduced = create({{"reference", "REN-1"}, {"label", "Rénovation"}, {"unit_price", "100"}, {"vat", {{"rate", "5,5"}}}});
    EXPECT_EQ(reduced["vat"], (json{{"category", "S"}, {"rate", "5.5"}, {"exemption", nullptr}}));
    auto r = app->api("POST", "/api/v1/catalog/items", admin,
                      json{{"reference", "X-1"}, {"label", "X"}, {"unit_price", "1"}, {"vat", {{"category", "K"}}}});
    ASSERT_EQ(r.status, 422);
    EXPECT_EQ(r.json()["errors"][0]["field"], "vat.exemption");
    EXPECT_EQ(r.json()["errors"][0]["code"], "vat.exemption_required");
    r = app->api("POST", "/api/v1/catalog/items", admin,
                 json{{"reference", "X-1"}, {"label", "X"}, {"unit_price", "1"},
                      {"vat", {{"category", "G"}, {"exemption", "franchise_en_base"}}}});
    ASSERT_EQ(r.status, 422);
    EXPECT_EQ(r.json()["errors"][0]["code"], "vat.exemption_mismatch");
}

TEST_P(CatalogApi, EachRoleGetsWhatItMayDoAndOnlyAdminAndSalesSeeCosts) {
    auto sales = app->add_user(acme, "sales@acme.test", "sales");
    auto accountant = app->add_user(acme, "compta@acme.test", "accountant");
    auto reader = app->add_user(acme, "lecture@acme.test", "read_only");
    auto item = create(chauffe_eau());

    auto by_sales = create({{"reference", "MO-1"}, {"label", "Main d'œuvre"}, {"unit", "h"}, {"unit_price", "45"},
                            {"cost_price", "28"}, {"kind", "service"}},
                           201, sales);
    EXPECT_EQ(by_sales["cost_price"], "28");
    EXPECT_EQ(app->api("PATCH", path(item), sales, json{{"label", "Chauffe-eau 200 L"}}).status, 200);
    EXPECT_EQ(app->api("POST", path(item) + "/deactivate", sales).status, 200);
    EXPECT_EQ(app->api("POST", path(item) + "/activate", sales).status, 200);

    for (const auto& token : {accountant, reader}) {
        EXPECT_EQ(create({{"reference", "NO-1"}, {"label", "Refusé"}, {"unit_price", "1"}}, 403, token)["code"], "forbidden");
        EXPECT_EQ(app->api("PATCH", path(item), token, json{{"label", "Piraté"}}).status, 403);
        EXPECT_EQ(app->api("POST", path(item) + "/deactivate", token).status, 403);
        // They read the catalog, without cost prices: not null, absent.
        auto one = app->api("GET", path(item), token);
        ASSERT_EQ(one.status, 200);
        EXPECT_FALSE(one.json().contains("cost_price")) << one.body;
        EXPECT_EQ(one.body.find("312"), std::string::npos);
        auto all = list("", token);
        ASSERT_EQ(all["data"].size(), 2u);
        for (const auto& i : all["data"]) EXPECT_FALSE(i.contains("cost_price"));
    }
    EXPECT_EQ(app->api("GET", path(item), accountant).json()["label"], "Chauffe-eau 200 L");
    EXPECT_EQ(app->api("GET", path(item), sales).json()["cost_price"], "312.5");
    EXPECT_EQ(app->api("GET", "/api/v1/catalog/items", "").status, 401);
    EXPECT_EQ(app->api("GET", "/api/v1/catalog/items", "not-a-token").status, 401);
}

TEST_P(CatalogApi, CompaniesNeverSeeEachOthersItems) {
    auto item = create(chauffe_eau());
    auto globex = app->create_company("Globex", "admin@globex.test");
    const auto& other = globex.admin_token;
    EXPECT_EQ(app->api("GET", path(item), other).status, 404);
    EXPECT_EQ(app->api("PATCH", path(item), other, json{{"label", "x"}}).status, 404);
    EXPECT_EQ(app->api("POST", path(item) + "/deactivate", other).status, 404);
    EXPECT_EQ(list("?q=plb", other)["data"].size(), 0u);
    EXPECT_EQ(list("?q=chauffe", other)["data"].size(), 0u);
    EXPECT_EQ(list("?category=Fournitures", other)["data"].size(), 0u);
    EXPECT_TRUE(app->api("GET", path(item), admin).json()["active"].get<bool>());
}

TEST_P(CatalogApi, SearchesReferencePrefixesAndLabelWordsIgnoringAccentsAndCase) {
    create(chauffe_eau());
    create({{"reference", "PLB-002"}, {"label", "Mitigeur thermostatique"}, {"unit_price", "189"}});
    create({{"reference", "ELEC-010"}, {"label", "Tableau électrique pré-équipé"}, {"unit_price", "240"}});
    create({{"reference", "MO-PLB"}, {"label", "Main d'œuvre plombier"}, {"unit", "h"}, {"unit_price", "52"},
            {"kind", "service"}, {"category", "Main d'œuvre"}});
    using V = std::vector<std::string>;
    EXPECT_EQ(references("?q=PLB-0"), (V{"PLB-001", "PLB-002"}));
    EXPECT_EQ(references("?q=plb-00"), (V{"PLB-001", "PLB-002"}));
    EXPECT_EQ(references("?q=plb"), (V{"MO-PLB", "PLB-001", "PLB-002"}));  // reference words count too
    EXPECT_EQ(references("?q=ELECTRIQUE"), (V{"ELEC-010", "PLB-001"}));     // accents ignored
    EXPECT_EQ(references("?q=%C3%A9lec"), (V{"ELEC-010", "PLB-001"}));      // "élec"
    EXPECT_EQ(references("?q=chauf%20eau"), V{"PLB-001"});                  // every word, in any position
    EXPECT_EQ(references("?q=eau%20chauf"), V{"PLB-001"});
    EXPECT_EQ(references("?q=oeuvre"), V{"MO-PLB"});                       // œ typed as oe
    EXPECT_EQ(references("?q=thermo%20pre"), V{});
    EXPECT_EQ(references("?q=auge"), V{});                                  // not a word prefix ("mitigeur")
    EXPECT_EQ(references("?q=zzz"), V{});
    EXPECT_EQ(references("?kind=service"), V{"MO-PLB"});
    EXPECT_EQ(references("?category=main%20d%27oeuvre"), V{"MO-PLB"});
    EXPECT_EQ(references("?q=plb&kind=goods"), (V{"PLB-001", "PLB-002"}));
    EXPECT_EQ(references("?sort=label"), (V{"PLB-001", "MO-PLB", "PLB-002", "ELEC-010"}));
}

TEST_P(CatalogApi, PaginatesWithACursorInBothOrders) {
    for (int i = 0; i < 7; ++i) {
        char ref[16];
        std::snprintf(ref, sizeof ref, "ART-%02d", i);
        create({{"reference", ref}, {"label", "Article " + std::string(1, static_cast<char>('G' - i))}, {"unit_price", "1"}});
    }
    for (std::string sort : {"reference", "label"}) {
        std::vector<std::string> seen;
        std::string cursor;
        for (int page = 0; page < 10; ++page) {
            auto r = list("?limit=3&sort=" + sort + (cursor.empty() ? "" : "&cursor=" + cursor));
            for (const auto& item : r["data"]) seen.push_back(item["reference"].get<std::string>());
            if (r["next_cursor"].is_null()) break;
            cursor = r["next_cursor"];
        }
        ASSERT_EQ(seen.size(), 7u) << sort;
        EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 7u) << sort;
        EXPECT_EQ(seen.front(), sort == "reference" ? "ART-00" : "ART-06") << sort;
    }
    auto page = list("?q=art&limit=2");
    EXPECT_EQ(page["data"].size(), 2u);
    EXPECT_TRUE(page["next_cursor"].is_string());
    for (const char* bad : {"?cursor=zz", "?limit=0", "?limit=201", "?sort=price", "?kind=robot", "?active=maybe"})
        EXPECT_EQ(app->api("GET", std::string("/api/v1/catalog/items") + bad, admin).status, 422) << bad;
}

TEST_P(CatalogApi, TheDocumentsModuleLooksUpAndPicksThroughTheService) {
    auto item = create(chauffe_eau());
    auto old = create({{"reference", "PLB-OLD"}, {"label", "Ancien chauffe-eau"}, {"unit_price", "300"}});
    ASSERT_EQ(app->api("POST", path(old) + "/deactivate", admin).status, 200);
    auto& service = app->app().catalog().items();
    Actor sales_actor{acme.id, 0, Role::Sales};
    Actor accountant{acme.id, 0, Role::Accountant};

    auto picked = service.pick(sales_actor, "chauffe", 10);
    ASSERT_TRUE(picked);
    ASSERT_EQ(picked->size(), 1u);  // the deactivated one is not offered
    EXPECT_EQ((*picked)[0].reference, "PLB-001");
    EXPECT_EQ((*picked)[0].unit_price, *Decimal::parse("459.90", "x"));
    EXPECT_EQ((*picked)[0].cost_price, *Decimal::parse("312.5", "x"));
    auto hidden = service.pick(accountant, "chauffe", 10);
    ASSERT_TRUE(hidden);
    EXPECT_FALSE((*hidden)[0].cost_visible);
    EXPECT_FALSE((*hidden)[0].cost_price.has_value());

    auto got = service.get(accountant, old["id"].get<std::int64_t>());  // an old line's item, deactivated since
    ASSERT_TRUE(got);
    EXPECT_FALSE(got->active);
    EXPECT_FALSE(got->cost_visible);
    EXPECT_FALSE(service.get(Actor{acme.id + 1000, 0, Role::Admin}, item["id"].get<std::int64_t>()));
    EXPECT_EQ(service.pick(sales_actor, "", 500)->size(), 1u);  // limit clamped, inactive left out
}

TEST_P(CatalogApi, TheAuditLogRecordsCreateUpdateAndDeactivate) {
    auto item = create(chauffe_eau());
    app->api("PATCH", path(item), admin, json{{"unit_price", "470"}, {"cost_price", "320"}});
    app->api("PATCH", path(item), admin, json{{"cost_price", "330"}});
    app->api("POST", path(item) + "/deactivate", admin);
    auto& service = app->app().catalog().items();
    auto id = item["id"].get<std::int64_t>();
    auto entries = service.history(Actor{acme.id, 0, Role::Admin}, id);
    ASSERT_TRUE(entries);
    ASSERT_EQ(entries->size(), 4u);
    EXPECT_EQ((*entries)[0].action, "deactivate");
    EXPECT_EQ((*entries)[1].changes["cost_price"]["to"], "330");
    EXPECT_EQ((*entries)[2].changes["unit_price"]["from"], "459.9");
    EXPECT_EQ((*entries)[2].changes["unit_price"]["to"], "470");
    EXPECT_EQ((*entries)[3].action, "create");
    EXPECT_EQ((*entries)[3].user_name, "Admin Acme");
    // The read-only role sees the history without any cost price.
    auto redacted = service.history(Actor{acme.id, 0, Role::ReadOnly}, id);
    ASSERT_TRUE(redacted);
    ASSERT_EQ(redacted->size(), 3u);  // the cost-only update is gone
    for (const auto& e : *redacted) EXPECT_FALSE(e.changes.contains("cost_price")) << e.changes.dump();
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogApi, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
