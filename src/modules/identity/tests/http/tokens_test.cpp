// API tokens through Administration › Jetons d'API: shown once, listed by prefix, revoked.
#include "modules/identity/tests/http/identity_fixture.hpp"

#include "core/crypto.hpp"

namespace comptoir::identity::testing {
namespace {

IDENTITY_HTTP_SUITE(TokensTest);

// Creates a token through the page and returns its secret, read from the answer.
std::string create_token(WebSession& browser, const std::string& name) {
    browser.get("/admin/tokens");
    auto response = browser.post("/admin/tokens", {{"name", name}});
    EXPECT_EQ(response.status, 200) << response.body;
    return capture(response.body, R"re(data-token-secret="(cpt_[A-Za-z0-9_-]+)")re");
}

TEST_P(TokensTest, SecretIsShownOnceAndWorks) {
    auto browser = admin_session();
    auto secret = create_token(*browser, "Zapier");
    ASSERT_FALSE(secret.empty());
    EXPECT_EQ(secret.size(), 4u + 43u);
    auto me = app().api("GET", "/api/v1/me", secret);
    EXPECT_EQ(me.status, 200);
    EXPECT_EQ(me.json()["email"], "admin@alpha.fr");

    auto list = browser->get("/admin/tokens");
    EXPECT_FALSE(contains(list.body, secret));
    EXPECT_TRUE(contains(list.body, secret.substr(0, 8) + "…"));
    EXPECT_TRUE(contains(list.body, "Zapier"));
    EXPECT_TRUE(contains(list.body, "Admin Alpha"));  // the owner

    // Only the hash is stored, with the prefix and the last use.
    auto row = app().app().db().acquire()->query_one(
        "SELECT token_hash, prefix, last_used_at FROM api_tokens WHERE name = 'Zapier'");
    ASSERT_TRUE(row);
    EXPECT_EQ(row->text(0), sha256_hex(secret));
    EXPECT_EQ(row->text(1), secret.substr(0, 8));
    EXPECT_FALSE(row->is_null(2));
}

TEST_P(TokensTest, NameIsRequired) {
    auto browser = admin_session();
    browser->get("/admin/tokens");
    auto response = browser->post("/admin/tokens", {{"name", "   "}});
    EXPECT_EQ(response.status, 422);
    EXPECT_TRUE(contains(response.body, "id=\"token-name-error\""));
    EXPECT_FALSE(contains(response.body, "data-token-secret"));
}

TEST_P(TokensTest, RevokedTokensAreRefused) {
    auto browser = admin_session();
    auto secret = create_token(*browser, "Script");
    EXPECT_EQ(app().api("GET", "/api/v1/users", secret).status, 200);
    auto page = browser->get("/admin/tokens");
    // The newest token is listed first.
    auto id = capture(page.body, R"(action="/admin/tokens/(\d+)/revoke")");
    ASSERT_FALSE(id.empty());
    auto revoked = browser->post("/admin/tokens/" + id + "/revoke", {});
    EXPECT_EQ(revoked.status, 303);
    auto refused = app().api("GET", "/api/v1/users", secret);
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(refused.header("content-type"), "application/problem+json");
    EXPECT_TRUE(contains(browser->get("/admin/tokens").body, "Révoqué le"));
    // The other tokens still work.
    EXPECT_EQ(app().api("GET", "/api/v1/me", alpha().admin_token).status, 200);
}

TEST_P(TokensTest, AnotherCompanyCannotRevokeOrSeeTokens) {
    auto beta = app().create_company("Beta", "admin@beta.fr");
    auto alpha_browser = admin_session();
    create_token(*alpha_browser, "Alpha script");
    auto id = capture(alpha_browser->get("/admin/tokens").body, R"(action="/admin/tokens/(\d+)/revoke")");

    auto beta_browser = logged_in("admin@beta.fr", beta.admin_password);
    auto list = beta_browser->get("/admin/tokens");
    EXPECT_FALSE(contains(list.body, "Alpha script"));
    EXPECT_EQ(beta_browser->post("/admin/tokens/" + id + "/revoke", {}).status, 404);
    EXPECT_FALSE(contains(alpha_browser->get("/admin/tokens").body, "Révoqué le"));
}

}  // namespace
}  // namespace comptoir::identity::testing
