// The search planner picks one of three plans from how common each typed word is (walk the sorted
// clients, intersect word ranges then sort the few candidates, or intersect then walk). Whatever it
// picks, a user must see the same clients in the same order: this test forces each plan on a small
// base, on SQLite and PostgreSQL, and compares every page with every other.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "modules/crm/storage/client_search.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using nlohmann::json;
using crm::storage::SearchTuning;

class SearchPlans : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Acme", "admin@acme.test");
        // Frequencies vary on purpose: "martin" is common, "lyon" less so, "zoe" rare; the phones share
        // prefixes so a partial number matches several clients through two index keys.
        const std::vector<std::string> last{"Martin", "Martin", "Martin", "Bernard", "Dubois", "Moreau"};
        const std::vector<std::string> first{"Jean", "Marie", "Zoé", "Jeanne", "Paul"};
        const std::vector<std::string> city{"Lyon", "Paris", "Paris", "Lille"};
        json clients = json::array();
        for (int i = 0; i < 60; ++i) {
            char phone[32];
            std::snprintf(phone, sizeof phone, "06 12 %02d %02d %02d", i % 7, i, i % 5);
            clients.push_back({{"kind", "individual"},
                               {"first_name", first[i % first.size()]},
                               {"last_name", last[i % last.size()]},
                               {"phone", phone},
                               {"status", i % 3 ? "client" : "prospect"},
                               {"billing_address", {{"city", city[i % city.size()]}}}});
        }
        auto r = app->api("POST", "/api/v1/clients/batch", acme.admin_token, json{{"clients", clients}});
        ASSERT_EQ(r.status, 200) << r.body;
    }

    // The ids of every page of the query, following the cursor to the end.
    std::vector<std::int64_t> all_pages(crm::ClientListQuery query, const SearchTuning& tuning) {
        std::vector<std::int64_t> ids;
        auto conn = app->app().db().acquire();
        query.limit = 4;
        for (int guard = 0; guard < 100; ++guard) {
            auto page = crm::storage::list_clients(*conn, app->app().crm().fulltext(), acme.id, query, tuning);
            for (const auto& item : page.items) ids.push_back(item.id);
            if (page.next_cursor.empty()) break;
            query.cursor = page.next_cursor;
        }
        return ids;
    }

    std::unique_ptr<TestApp> app;
    TestCompany acme;
};

TEST_P(SearchPlans, EveryPlanReturnsTheSameClientsInTheSameOrder) {
    const SearchTuning id_list{1000000, 1000000};  // every word fetched, every candidate sorted
    const SearchTuning walk{0, 0};                 // every word checked while walking
    const SearchTuning intersect_then_walk{1000000, 0};
    const SearchTuning mixed{15, 1000000};         // common words checked per row, rare ones fetched

    struct Case {
        std::string q;
        std::string status;
        crm::ClientSort sort;
        std::size_t expected;
    };
    const std::vector<Case> cases{
        {"martin", "", crm::ClientSort::NameAsc, 30},
        {"martin lyon", "", crm::ClientSort::NameAsc, 10},
        {"mar", "", crm::ClientSort::NameDesc, 36},  // the Martins and the Maries
        {"martin zoe", "", crm::ClientSort::CreatedDesc, 6},
        {"jean paris", "prospect", crm::ClientSort::CityAsc, 4},
        {"06 12 00", "", crm::ClientSort::NameAsc, 9},  // a partial phone: two keys, 061200… and 3361200…
        {"paul dubois", "", crm::ClientSort::NameAsc, 2},
        {"paul zqx", "", crm::ClientSort::NameAsc, 0},
        {"", "prospect", crm::ClientSort::UpdatedDesc, 20},
    };
    for (const auto& c : cases) {
        crm::ClientListQuery q;
        q.q = c.q;
        q.status = c.status;
        q.sort = c.sort;
        auto reference = all_pages(q, walk);
        EXPECT_EQ(reference.size(), c.expected) << c.q;
        EXPECT_EQ(all_pages(q, intersect_then_walk), reference) << c.q;
        EXPECT_EQ(all_pages(q, mixed), reference) << c.q;
        // When the candidates are few enough to sort, the name order puts whole-word matches first:
        // the same clients, perhaps in another order.
        auto sorted = all_pages(q, id_list);
        EXPECT_EQ(all_pages(q, SearchTuning{}), sorted) << c.q;
        if (c.sort == crm::ClientSort::NameAsc && !c.q.empty() && std::isalpha(static_cast<unsigned char>(c.q[0]))) {
            std::sort(sorted.begin(), sorted.end());
            std::sort(reference.begin(), reference.end());
        }
        EXPECT_EQ(sorted, reference) << c.q;
    }
}

// Typing someone's full name finds them first, ahead of the many clients whose words only start with
// what was typed (Léandre and Léane Henry, who sort before Léa in plain name order).
TEST_P(SearchPlans, WholeWordNameMatchesComeFirst) {
    json clients = json::array();
    for (const char* first : {"Léane", "Léon", "Léonie", "Léa", "Léandre"})
        clients.push_back({{"kind", "individual"}, {"first_name", first}, {"last_name", "Henry"}});
    clients.push_back({{"kind", "individual"}, {"first_name", "Léa"}, {"last_name", "Henryot"}});
    ASSERT_EQ(app->api("POST", "/api/v1/clients/batch", acme.admin_token, json{{"clients", clients}}).status, 200);

    auto page = app->api("GET", "/api/v1/clients?q=Henry%20L%C3%A9a&limit=2", acme.admin_token).json();
    ASSERT_EQ(page["data"].size(), 2u);
    EXPECT_EQ(page["data"][0]["display_name"], "Léa Henry");
    // The rest follow by name, and the cursor carries on past the ranked first page.
    std::vector<std::string> names{page["data"][0]["display_name"], page["data"][1]["display_name"]};
    while (page["next_cursor"].is_string()) {
        page = app->api("GET", "/api/v1/clients?q=Henry%20L%C3%A9a&limit=2&cursor=" + page["next_cursor"].get<std::string>(),
                        acme.admin_token).json();
        for (const auto& item : page["data"]) names.push_back(item["display_name"]);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"Léa Henry", "Léandre Henry", "Léane Henry", "Léa Henryot"}));
    // Léon and Léonie do not start with "léa": they are not matches at all.
    EXPECT_EQ(names.size(), 4u);
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchPlans, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
