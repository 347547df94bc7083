// /api/v1/me and /api/v1/users: listing with a cursor, inviting, editing, tenancy.
#include "modules/identity/tests/http/identity_fixture.hpp"

namespace comptoir::identity::testing {
namespace {

IDENTITY_HTTP_SUITE(UsersApiTest);

TEST_P(UsersApiTest, MeDescribesTheTokensOwner) {
    auto me = app().api("GET", "/api/v1/me", alpha().admin_token);
    ASSERT_EQ(me.status, 200);
    auto body = me.json();
    EXPECT_EQ(body["email"], "admin@alpha.fr");
    EXPECT_EQ(body["role"], "admin");
    EXPECT_EQ(body["status"], "active");
    EXPECT_EQ(body["company"]["name"], "Alpha");
    EXPECT_FALSE(body.contains("password_hash"));
}

TEST_P(UsersApiTest, ListIsPaginatedByCursor) {
    for (int i = 0; i < 4; ++i)
        ASSERT_EQ(app().api("POST", "/api/v1/users", alpha().admin_token,
                            nlohmann::json{{"email", "u" + std::to_string(i) + "@alpha.fr"}, {"role", "sales"}}).status, 201);
    std::vector<std::string> seen;
    std::string cursor;
    int pages = 0;
    do {
        auto r = app().api("GET", "/api/v1/users?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), alpha().admin_token);
        ASSERT_EQ(r.status, 200) << r.body;
        auto body = r.json();
        EXPECT_LE(body["data"].size(), 2u);
        for (const auto& u : body["data"]) seen.push_back(u["email"]);
        cursor = body["next_cursor"].is_null() ? "" : body["next_cursor"].get<std::string>();
        ++pages;
    } while (!cursor.empty() && pages < 10);
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(seen, (std::vector<std::string>{"admin@alpha.fr", "u0@alpha.fr", "u1@alpha.fr", "u2@alpha.fr", "u3@alpha.fr"}));
}

TEST_P(UsersApiTest, BadPagingIsNamed) {
    auto r = app().api("GET", "/api/v1/users?limit=0&cursor=abc", alpha().admin_token);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(problem_fields(r), (std::set<std::string>{"limit", "cursor"}));
    EXPECT_EQ(app().api("GET", "/api/v1/users?limit=201", alpha().admin_token).status, 422);
    EXPECT_EQ(app().api("GET", "/api/v1/users?limit=200", alpha().admin_token).status, 200);
}

TEST_P(UsersApiTest, CreateInvitesTheUser) {
    auto r = app().api("POST", "/api/v1/users", alpha().admin_token,
                       nlohmann::json{{"email", " Paul@Alpha.fr"}, {"name", "Paul Durand"}, {"role", "accountant"}, {"locale", "en"}});
    ASSERT_EQ(r.status, 201) << r.body;
    auto body = r.json();
    EXPECT_EQ(body["email"], "paul@alpha.fr");
    EXPECT_EQ(body["status"], "invited");
    EXPECT_EQ(body["role"], "accountant");
    EXPECT_EQ(body["locale"], "en");
    std::string url = body["invitation_url"];
    EXPECT_TRUE(contains(url, "http://127.0.0.1:" + std::to_string(app().port()) + "/invite/")) << url;
    EXPECT_EQ(r.header("location"), "/api/v1/users/" + std::to_string(body["id"].get<std::int64_t>()));
    auto get = app().api("GET", r.header("location"), alpha().admin_token);
    EXPECT_EQ(get.status, 200);
    EXPECT_EQ(get.json()["name"], "Paul Durand");
}

TEST_P(UsersApiTest, CreateNamesEveryBadField) {
    auto post = [&](const nlohmann::json& body) { return app().api("POST", "/api/v1/users", alpha().admin_token, body); };
    auto all_bad = post({{"email", "not-an-email"}, {"name", std::string(101, 'x')}, {"role", "king"}, {"locale", "de"}});
    EXPECT_EQ(all_bad.status, 422);
    EXPECT_EQ(all_bad.header("content-type"), "application/problem+json");
    EXPECT_EQ(problem_fields(all_bad), (std::set<std::string>{"email", "name", "role", "locale"}));
    auto errors = all_bad.json()["errors"];
    for (const auto& e : errors) {
        EXPECT_FALSE(e["message"].get<std::string>().empty());
        EXPECT_FALSE(e["message_fr"].get<std::string>().empty());
    }

    EXPECT_EQ(problem_fields(post({{"role", "sales"}})), (std::set<std::string>{"email"}));
    auto taken = post({{"email", "ADMIN@alpha.fr"}, {"role", "sales"}});
    EXPECT_EQ(taken.status, 422);
    EXPECT_EQ(problem_fields(taken), (std::set<std::string>{"email"}));
    EXPECT_EQ(taken.json()["errors"][0]["code"], "email.taken");
    EXPECT_EQ(problem_fields(post({{"email", "a@alpha.fr"}})), (std::set<std::string>{"role"}));
    EXPECT_EQ(problem_fields(post({{"email", 42}, {"name", true}, {"role", nullptr}})),
              (std::set<std::string>{"email", "name"}));
    EXPECT_EQ(problem_fields(post({{"email", "b@alpha.fr"}, {"role", "sales"}, {"password", "x"}})),
              (std::set<std::string>{"password"}));
    auto malformed = app().raw("POST", "/api/v1/users", "{not json",
                               {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + alpha().admin_token}});
    EXPECT_EQ(malformed.status, 422);
    EXPECT_EQ(app().api("GET", "/api/v1/users", alpha().admin_token).json()["data"].size(), 1u);
}

TEST_P(UsersApiTest, PatchChangesNameRoleLocaleAndStatus) {
    app().add_user(alpha(), "sales@alpha.fr", "sales");
    auto id = std::to_string(user_id("sales@alpha.fr", alpha().admin_token));
    auto r = app().api("PATCH", "/api/v1/users/" + id, alpha().admin_token,
                       nlohmann::json{{"name", "Sophie"}, {"role", "read_only"}, {"locale", "en"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["name"], "Sophie");
    EXPECT_EQ(r.json()["role"], "read_only");
    auto bad = app().api("PATCH", "/api/v1/users/" + id, alpha().admin_token,
                         nlohmann::json{{"name", ""}, {"role", "boss"}, {"locale", "xx"}, {"active", "no"}, {"email", "a@b.fr"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(problem_fields(bad), (std::set<std::string>{"active", "email"}));  // type problems come first
    bad = app().api("PATCH", "/api/v1/users/" + id, alpha().admin_token,
                    nlohmann::json{{"name", ""}, {"role", "boss"}, {"locale", "xx"}});
    EXPECT_EQ(problem_fields(bad), (std::set<std::string>{"name", "role", "locale"}));
    EXPECT_EQ(app().api("GET", "/api/v1/users/" + id, alpha().admin_token).json()["name"], "Sophie");
}

TEST_P(UsersApiTest, AdminCannotDemoteOrDeactivateThemselves) {
    auto me = std::to_string(user_id("admin@alpha.fr", alpha().admin_token));
    auto demote = app().api("PATCH", "/api/v1/users/" + me, alpha().admin_token, nlohmann::json{{"role", "sales"}});
    EXPECT_EQ(demote.status, 422);
    EXPECT_EQ(problem_fields(demote), (std::set<std::string>{"role"}));
    auto deactivate = app().api("PATCH", "/api/v1/users/" + me, alpha().admin_token, nlohmann::json{{"active", false}});
    EXPECT_EQ(problem_fields(deactivate), (std::set<std::string>{"active"}));
    EXPECT_EQ(app().api("GET", "/api/v1/me", alpha().admin_token).json()["role"], "admin");

    // With a second admin, each can demote the other, but not the last one standing.
    auto second_token = app().add_user(alpha(), "second@alpha.fr", "admin");
    auto second = std::to_string(user_id("second@alpha.fr", alpha().admin_token));
    EXPECT_EQ(app().api("PATCH", "/api/v1/users/" + second, alpha().admin_token, nlohmann::json{{"role", "sales"}}).status, 200);
    EXPECT_EQ(app().api("PATCH", "/api/v1/users/" + me, second_token, nlohmann::json{{"role", "sales"}}).status, 403);
}

TEST_P(UsersApiTest, CompaniesCannotSeeEachOthersUsers) {
    auto beta = app().create_company("Beta", "admin@beta.fr");
    app().add_user(alpha(), "sales@alpha.fr", "sales");
    auto alpha_user = std::to_string(user_id("sales@alpha.fr", alpha().admin_token));

    EXPECT_EQ(app().api("GET", "/api/v1/users/" + alpha_user, beta.admin_token).status, 404);
    EXPECT_EQ(app().api("PATCH", "/api/v1/users/" + alpha_user, beta.admin_token, nlohmann::json{{"active", false}}).status, 404);
    auto list = app().api("GET", "/api/v1/users", beta.admin_token).json();
    ASSERT_EQ(list["data"].size(), 1u);
    EXPECT_EQ(list["data"][0]["email"], "admin@beta.fr");
    EXPECT_EQ(app().api("GET", "/api/v1/company", beta.admin_token).json()["name"], "Beta");

    // Nor through the pages.
    auto browser = logged_in("admin@beta.fr", beta.admin_password);
    EXPECT_EQ(browser->get("/admin/users/" + alpha_user).status, 404);
    EXPECT_FALSE(contains(browser->get("/admin/users").body, "sales@alpha.fr"));
    EXPECT_EQ(app().api("GET", "/api/v1/users/" + alpha_user, alpha().admin_token).json()["active"], true);
}

TEST_P(UsersApiTest, EmailsAreUniqueAcrossCompanies) {
    auto beta = app().create_company("Beta", "admin@beta.fr");
    auto r = app().api("POST", "/api/v1/users", beta.admin_token, nlohmann::json{{"email", "admin@alpha.fr"}, {"role", "sales"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(problem_fields(r), (std::set<std::string>{"email"}));
}

}  // namespace
}  // namespace comptoir::identity::testing
