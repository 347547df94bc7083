// Who may open the administration: admins only, on the pages and on /api/v1/users.
#include "modules/identity/tests/http/identity_fixture.hpp"

namespace comptoir::identity::testing {
namespace {

IDENTITY_HTTP_SUITE(AdminAccessTest);

TEST_P(AdminAccessTest, EachRoleGetsWhatItMay) {
    struct Case {
        std::string role;
        bool admin;
    };
    std::vector<std::pair<Case, std::string>> people;  // with their API token
    people.push_back({{"admin", true}, alpha().admin_token});
    for (std::string role : {"sales", "accountant", "read_only"})
        people.push_back({{role, false}, app().add_user(alpha(), role + "@alpha.fr", role)});

    for (const auto& [who, token] : people) {
        SCOPED_TRACE(who.role);
        int expected = who.admin ? 200 : 403;
        auto browser = who.role == "admin" ? admin_session() : logged_in(who.role + "@alpha.fr", kUserPassword);
        for (const char* page : {"/admin/users", "/admin/company", "/admin/tokens"}) {
            auto response = browser->get(page);
            EXPECT_EQ(response.status, expected) << page;
            if (!who.admin) {
                EXPECT_TRUE(contains(response.body, "Votre rôle ne permet pas cette action.")) << page;
            }
        }
        auto home = browser->get("/");
        EXPECT_EQ(home.status, 200);
        EXPECT_EQ(contains(home.body, "href=\"/admin/users\""), who.admin);  // the admin entry in the navigation
        EXPECT_EQ(browser->get("/settings").status, 200);

        EXPECT_EQ(app().api("GET", "/api/v1/users", token).status, expected);
        EXPECT_EQ(app().api("GET", "/api/v1/users/1", token).status, expected);
        EXPECT_EQ(app().api("GET", "/api/v1/me", token).status, 200);
        EXPECT_EQ(app().api("GET", "/api/v1/company", token).status, 200);
        if (!who.admin) {
            auto created = app().api("POST", "/api/v1/users", token, nlohmann::json{{"email", "x@alpha.fr"}, {"role", "admin"}});
            EXPECT_EQ(created.status, 403);
            EXPECT_EQ(created.header("content-type"), "application/problem+json");
            EXPECT_EQ(app().api("PATCH", "/api/v1/users/1", token, nlohmann::json{{"role", "read_only"}}).status, 403);
            EXPECT_EQ(app().api("PATCH", "/api/v1/company", token, nlohmann::json{{"name", "Mine"}}).status, 403);
        }
    }
    // Nothing the non-admins tried has changed anything.
    auto list = app().api("GET", "/api/v1/users", alpha().admin_token).json();
    EXPECT_EQ(list["data"].size(), 4u);
    EXPECT_EQ(list["data"][0]["role"], "admin");
    EXPECT_EQ(app().api("GET", "/api/v1/company", alpha().admin_token).json()["name"], "Alpha");
}

TEST_P(AdminAccessTest, NonAdminFormPostsAreRefused) {
    app().add_user(alpha(), "sales@alpha.fr", "sales");
    auto browser = logged_in("sales@alpha.fr", kUserPassword);
    EXPECT_EQ(browser->post("/admin/users", {{"email", "friend@alpha.fr"}, {"role", "admin"}}).status, 403);
    EXPECT_EQ(browser->post("/admin/users/1", {{"name", "X"}, {"role", "read_only"}, {"locale", "fr"}}).status, 403);
    EXPECT_EQ(browser->post("/admin/company", {{"name", "Hijacked"}}).status, 403);
    EXPECT_EQ(browser->post("/admin/tokens", {{"name", "mine"}}).status, 403);
    auto list = app().api("GET", "/api/v1/users", alpha().admin_token).json();
    EXPECT_EQ(list["data"].size(), 2u);
    EXPECT_EQ(list["data"][0]["role"], "admin");
    EXPECT_EQ(app().api("GET", "/api/v1/company", alpha().admin_token).json()["name"], "Alpha");
}

TEST_P(AdminAccessTest, ApiWithoutValidTokenIsUnauthorized) {
    EXPECT_EQ(app().api("GET", "/api/v1/me", "").status, 401);
    EXPECT_EQ(app().api("GET", "/api/v1/me", "cpt_not-a-real-token").status, 401);
    auto r = app().api("GET", "/api/v1/users", "garbage");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
}

}  // namespace
}  // namespace comptoir::identity::testing
