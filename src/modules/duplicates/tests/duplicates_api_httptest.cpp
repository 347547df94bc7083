// The duplicates review folder through /api/v1/duplicates, on SQLite and PostgreSQL: what a scan
// finds (and does not), that dismissing sticks across rescans, permissions and bad input.
#include <gtest/gtest.h>

#include <set>

#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using nlohmann::json;

class DuplicatesApi : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Acme", "admin@acme.test");
        other = app->create_company("Other", "admin@other.test");
        sales = app->add_user(acme, "sales@acme.test", "sales");
    }

    std::int64_t client(const TestCompany& c, json body) {
        auto r = app->api("POST", "/api/v1/clients?force=true", c.admin_token, body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().value("id", std::int64_t{0});
    }
    std::int64_t company(const TestCompany& c, const std::string& name, const std::string& postal,
                         const std::string& line1 = "", json extra = json::object()) {
        json body{{"kind", "company"}, {"legal_name", name},
                  {"billing_address", {{"line1", line1}, {"postal_code", postal}, {"city", "Paris"}}}};
        body.update(extra);
        return client(c, body);
    }
    std::int64_t person(const TestCompany& c, const std::string& first, const std::string& last,
                        const std::string& postal) {
        return client(c, {{"kind", "individual"}, {"first_name", first}, {"last_name", last},
                          {"billing_address", {{"postal_code", postal}, {"city", "Lyon"}}}});
    }
    json scan(const TestCompany& c) {
        auto r = app->api("POST", "/api/v1/duplicates/scan", c.admin_token, json::object());
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json();
    }
    json groups(const TestCompany& c, const std::string& query = "") {
        auto r = app->api("GET", "/api/v1/duplicates" + query, c.admin_token);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json();
    }
    // The member sets of the open groups, each as a set of ids, with its reason.
    std::map<std::set<std::int64_t>, std::string> open_sets(const TestCompany& c) {
        std::map<std::set<std::int64_t>, std::string> out;
        const json page = groups(c, "?limit=100");
        for (const auto& g : page["data"]) {
            std::set<std::int64_t> ids;
            for (const auto& m : g["members"]) ids.insert(m["client_id"].get<std::int64_t>());
            out[ids] = g["reason"];
        }
        return out;
    }

    std::unique_ptr<TestApp> app;
    TestCompany acme, other;
    std::string sales;
};

TEST_P(DuplicatesApi, FindsClientsSharingAPhoneAnEmailOrASiret) {
    auto a = company(acme, "Alpha Conseil", "75001", "", {{"phone", "06 12 34 56 78"}});
    auto b = company(acme, "Beta Services", "69003", "", {{"phone", "+33612345678"}});
    auto c = company(acme, "Gamma", "13001", "", {{"email", "Compta@Gamma.fr"}});
    auto d = client(acme, {{"kind", "company"}, {"legal_name", "Delta"},
                           {"contacts", json::array({{{"last_name", "Roux"}, {"emails", {"compta@gamma.fr"}}}})}});
    auto e = company(acme, "Epsilon", "44000", "", {{"siret", "732 829 320 00017"}});
    auto f = company(acme, "Zeta", "33000", "", {{"siret", "73282932000017"}});
    auto g = company(acme, "Eta", "33000", "", {{"siret", "55210055400013"}});

    auto summary = scan(acme);
    EXPECT_EQ(summary["clients"], 7);
    EXPECT_EQ(summary["groups_new"], 3);
    auto sets = open_sets(acme);
    EXPECT_EQ(sets.size(), 3u);
    EXPECT_EQ(sets[(std::set<std::int64_t>{a, b})], "phone");
    EXPECT_EQ(sets[(std::set<std::int64_t>{c, d})], "email");
    EXPECT_EQ(sets[(std::set<std::int64_t>{e, f})], "siret");
    for (const auto& [ids, reason] : sets) EXPECT_FALSE(ids.contains(g));

    auto list = groups(acme);
    ASSERT_EQ(list["data"].size(), 3u);
    EXPECT_EQ(list["data"][0]["reason"], "siret");  // highest score first
    EXPECT_EQ(list["data"][0]["score"], 100);
    EXPECT_EQ(list["data"][0]["evidence"][0], "siret:73282932000017");
    EXPECT_EQ(list["data"][1]["score"], 95);
    EXPECT_EQ(list["data"][2]["score"], 90);
    const auto& member = list["data"][2]["members"][0];
    EXPECT_EQ(member["display_name"], "Alpha Conseil");
    EXPECT_EQ(member["phone"], "+33612345678");
    EXPECT_EQ(member["postal_code"], "75001");
    EXPECT_EQ(list["last_scan"]["groups_open"], 3);
}

TEST_P(DuplicatesApi, FindsNamesWrittenDifferently) {
    auto a = company(acme, "SARL Boulangerie Martin", "75011", "12 rue de la Roquette");
    auto b = company(acme, "BOULANGERIE MARTIN", "75011", "12, r. de la Roquette");
    auto c = company(acme, "Plomberie Lefèvre", "75011");
    auto d = company(acme, "plomberie lefevre eurl", "75011");
    auto e = company(acme, "Plombrie Lefèvre", "75011");  // one letter missing
    auto f = person(acme, "Jean", "Dupont", "69003");
    auto g = person(acme, "Jean", "Dupond", "69003");
    auto h = company(acme, "Ets Électricité Générale", "75011");
    auto i = company(acme, "Electricite-Generale S.A.S.", "75011");
    scan(acme);
    auto sets = open_sets(acme);
    EXPECT_EQ(sets.size(), 4u);
    EXPECT_EQ(sets[(std::set<std::int64_t>{a, b})], "name_address");
    EXPECT_EQ(sets[(std::set<std::int64_t>{c, d, e})], "name");
    EXPECT_EQ(sets[(std::set<std::int64_t>{f, g})], "name");
    EXPECT_EQ(sets[(std::set<std::int64_t>{h, i})], "name");
    auto list = groups(acme);
    EXPECT_EQ(list["data"][0]["reason"], "name_address");
    EXPECT_EQ(list["data"][0]["score"], 90);
}

TEST_P(DuplicatesApi, DoesNotGroupDifferentPeopleOrCompanies) {
    person(acme, "Léa", "Martin", "69003");
    person(acme, "Léo", "Martin", "69003");
    person(acme, "Jean", "Moreau", "69003");
    person(acme, "Jeanne", "Moreau", "69003");
    company(acme, "Garage Dupont", "75015");
    company(acme, "Garage Durant", "75015");
    company(acme, "Boulangerie Martin", "75015");
    company(acme, "Boucherie Martin", "75015");
    company(acme, "Boulangerie Petit", "75015");
    company(acme, "Boulangerie Petit", "13001");  // same name, another town
    // The same client in another company is not a duplicate of this one.
    company(other, "Boulangerie Petit", "75015", "", {{"phone", "0612345678"}});
    company(acme, "Autre", "75015", "", {{"phone", "0612345678"}});
    auto summary = scan(acme);
    EXPECT_EQ(summary["groups_found"], 0);
    EXPECT_TRUE(open_sets(acme).empty());
    EXPECT_EQ(scan(other)["groups_found"], 0);
}

TEST_P(DuplicatesApi, DismissedGroupsAreNotProposedAgain) {
    auto a = company(acme, "Alpha", "75001", "", {{"phone", "0612345678"}});
    auto b = company(acme, "Beta", "75002", "", {{"phone", "0612345678"}});
    auto c = company(acme, "Gamma", "75003", "", {{"email", "x@y.fr"}});
    auto d = company(acme, "Delta", "75004", "", {{"email", "x@y.fr"}});
    scan(acme);
    // A rescan refreshes open groups, it does not add them twice.
    auto again = scan(acme);
    EXPECT_EQ(again["groups_new"], 0);
    EXPECT_EQ(again["groups_open"], 2);
    auto list = groups(acme)["data"];
    ASSERT_EQ(list.size(), 2u);
    const auto phone_group = list[1]["id"].get<std::int64_t>();
    ASSERT_EQ(list[1]["reason"], "phone");
    auto dismissed = app->api("POST", "/api/v1/duplicates/" + std::to_string(phone_group) + "/dismiss", acme.admin_token,
                              json::object());
    ASSERT_EQ(dismissed.status, 200) << dismissed.body;
    EXPECT_EQ(dismissed.json()["status"], "dismissed");
    EXPECT_TRUE(dismissed.json()["decided_at"].is_string());
    auto third = scan(acme);
    EXPECT_EQ(third["groups_new"], 0);
    EXPECT_EQ(third["skipped_dismissed"], 1);
    EXPECT_EQ(third["groups_open"], 1);
    auto sets = open_sets(acme);
    ASSERT_EQ(sets.size(), 1u);
    EXPECT_TRUE(sets.contains({c, d}));
    EXPECT_EQ(groups(acme, "?status=dismissed")["data"][0]["id"], phone_group);
    // A third client with the same phone is a new set of clients: proposed.
    auto e = company(acme, "Epsilon", "75005", "", {{"phone", "06.12.34.56.78"}});
    EXPECT_EQ(scan(acme)["groups_new"], 1);
    EXPECT_TRUE(open_sets(acme).contains({a, b, e}));
    // Dismissing twice is refused.
    auto twice = app->api("POST", "/api/v1/duplicates/" + std::to_string(phone_group) + "/dismiss", acme.admin_token,
                          json::object());
    EXPECT_EQ(twice.status, 409);
    // The dismissal is in the audit log (who, when).
    (void)b;
}

TEST_P(DuplicatesApi, AnOpenGroupGoesAwayWhenItsClientsNoLongerMatch) {
    auto a = company(acme, "Alpha", "75001", "", {{"phone", "0612345678"}});
    company(acme, "Beta", "75002", "", {{"phone", "0612345678"}});
    scan(acme);
    ASSERT_EQ(groups(acme)["data"].size(), 1u);
    auto archived = app->api("POST", "/api/v1/clients/" + std::to_string(a) + "/archive", acme.admin_token, json::object());
    ASSERT_EQ(archived.status, 200) << archived.body;
    EXPECT_EQ(scan(acme)["groups_open"], 0);
    EXPECT_EQ(groups(acme)["data"].size(), 0u);
}

TEST_P(DuplicatesApi, PagesByCursor) {
    for (int i = 0; i < 5; ++i) {
        const std::string phone = "061234567" + std::to_string(i);
        company(acme, "A" + std::to_string(i), "75001", "", {{"phone", phone}});
        company(acme, "B" + std::to_string(i), "75001", "", {{"phone", phone}});
    }
    scan(acme);
    std::set<std::int64_t> seen;
    std::string cursor;
    int pages = 0;
    do {
        auto page = groups(acme, "?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
        for (const auto& g : page["data"]) EXPECT_TRUE(seen.insert(g["id"].get<std::int64_t>()).second);
        cursor = page["next_cursor"].is_string() ? page["next_cursor"].get<std::string>() : "";
        ++pages;
    } while (!cursor.empty() && pages < 10);
    EXPECT_EQ(seen.size(), 5u);
    EXPECT_EQ(pages, 3);
}

TEST_P(DuplicatesApi, AdminsOnlyAndCompaniesApart) {
    company(acme, "Alpha", "75001", "", {{"phone", "0612345678"}});
    company(acme, "Beta", "75002", "", {{"phone", "0612345678"}});
    scan(acme);
    const auto id = std::to_string(groups(acme)["data"][0]["id"].get<std::int64_t>());
    EXPECT_EQ(app->api("POST", "/api/v1/duplicates/scan", sales, json::object()).status, 403);
    EXPECT_EQ(app->api("GET", "/api/v1/duplicates", sales).status, 403);
    EXPECT_EQ(app->api("GET", "/api/v1/duplicates/" + id, sales).status, 403);
    EXPECT_EQ(app->api("POST", "/api/v1/duplicates/" + id + "/dismiss", sales, json::object()).status, 403);
    EXPECT_EQ(app->api("GET", "/api/v1/duplicates", "").status, 401);
    // Another company's admin does not see it.
    EXPECT_EQ(app->api("GET", "/api/v1/duplicates/" + id, other.admin_token).status, 404);
    EXPECT_EQ(app->api("POST", "/api/v1/duplicates/" + id + "/dismiss", other.admin_token, json::object()).status, 404);
    EXPECT_EQ(groups(other)["data"].size(), 0u);
    EXPECT_EQ(app->api("GET", "/api/v1/duplicates/" + id, acme.admin_token).json()["status"], "open");
}

TEST_P(DuplicatesApi, BadInputIsNamed) {
    auto field_of = [](const HttpResponse& r) { return r.json()["errors"][0]["field"]; };
    auto r = app->api("GET", "/api/v1/duplicates?limit=0", acme.admin_token);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(field_of(r), "limit");
    r = app->api("GET", "/api/v1/duplicates?limit=abc", acme.admin_token);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(field_of(r), "limit");
    r = app->api("GET", "/api/v1/duplicates?status=maybe", acme.admin_token);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(field_of(r), "status");
    r = app->api("GET", "/api/v1/duplicates?cursor=zz", acme.admin_token);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(field_of(r), "cursor");
    EXPECT_EQ(app->api("GET", "/api/v1/duplicates/999999", acme.admin_token).status, 404);
    EXPECT_EQ(app->api("POST", "/api/v1/duplicates/999999/dismiss", acme.admin_token, json::object()).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, DuplicatesApi, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
