// Logging in and out through the login page: sessions, wrong passwords, throttling, redirects.
#include "modules/identity/tests/http/identity_fixture.hpp"

#include "core/clock.hpp"
#include "core/crypto.hpp"

namespace comptoir::identity::testing {
namespace {

IDENTITY_HTTP_SUITE(LoginTest);

TEST_P(LoginTest, LoginPageCarriesTheDoubleSubmitToken) {
    WebSession browser(app());
    auto page = browser.get("/login");
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Connexion"));
    auto field = capture(page.body, R"re(name="_csrf" value="([^"]+)")re");
    EXPECT_FALSE(field.empty());
    EXPECT_EQ(field, browser.cookie("comptoir_login_csrf"));

    auto english = app().raw("GET", "/login", "", {{"Accept-Language", "en-GB,en;q=0.8"}});
    EXPECT_TRUE(contains(english.body, "Log in to Comptoir"));
}

TEST_P(LoginTest, SuccessOpensAFreshSession) {
    WebSession browser(app());
    browser.get("/login");
    std::string before = browser.cookie("comptoir_login_csrf");
    auto response = browser.login(alpha().admin_email, alpha().admin_password);
    EXPECT_EQ(response.status, 303);
    EXPECT_EQ(response.header("location"), "/");
    std::string token = browser.cookie("comptoir_session");
    ASSERT_FALSE(token.empty());
    EXPECT_NE(token, before);
    EXPECT_TRUE(contains(response.header("set-cookie"), "HttpOnly"));
    EXPECT_TRUE(contains(response.header("set-cookie"), "SameSite=Lax"));
    auto home = browser.get("/");
    EXPECT_EQ(home.status, 200);
    EXPECT_TRUE(contains(home.body, "Alpha"));
    EXPECT_TRUE(contains(home.body, "href=\"/clients\""));

    // Logging in again gives another token and ends the previous session.
    EXPECT_EQ(browser.login(alpha().admin_email, alpha().admin_password).status, 303);
    std::string second = browser.cookie("comptoir_session");
    EXPECT_NE(second, token);
    auto stale = app().raw("GET", "/", "", {{"Cookie", "comptoir_session=" + token}});
    EXPECT_EQ(stale.status, 303);
    EXPECT_TRUE(contains(stale.header("location"), "/login"));
    EXPECT_EQ(app().raw("GET", "/", "", {{"Cookie", "comptoir_session=" + second}}).status, 200);
}

TEST_P(LoginTest, EmailIsCaseInsensitive) {
    WebSession browser(app());
    EXPECT_EQ(browser.login("  ADMIN@Alpha.FR ", alpha().admin_password).status, 303);
}

TEST_P(LoginTest, WrongPasswordShowsTheFormAgainWithoutSession) {
    WebSession browser(app());
    auto response = browser.login(alpha().admin_email, "wrong password!");
    EXPECT_EQ(response.status, 401);
    EXPECT_TRUE(contains(response.body, "Adresse e-mail ou mot de passe incorrect."));
    EXPECT_TRUE(contains(response.body, "value=\"admin@alpha.fr\""));  // the email is kept
    EXPECT_TRUE(browser.cookie("comptoir_session").empty());
    EXPECT_EQ(browser.get("/").status, 303);

    // An unknown email gets exactly the same answer.
    WebSession other(app());
    auto unknown = other.login("nobody@alpha.fr", "wrong password!");
    EXPECT_EQ(unknown.status, 401);
    EXPECT_TRUE(contains(unknown.body, "Adresse e-mail ou mot de passe incorrect."));
}

TEST_P(LoginTest, EmptyFieldsAreNamed) {
    WebSession browser(app());
    auto response = browser.login("", "");
    EXPECT_EQ(response.status, 422);
    EXPECT_TRUE(contains(response.body, "L&apos;adresse e-mail est obligatoire."));
    EXPECT_TRUE(contains(response.body, "Le mot de passe est obligatoire."));
}

TEST_P(LoginTest, SixthAttemptIsRefusedEvenWithTheRightPassword) {
    WebSession browser(app());
    for (int i = 0; i < 5; ++i) EXPECT_EQ(browser.login(alpha().admin_email, "wrong password!").status, 401) << i;
    auto blocked = browser.login(alpha().admin_email, alpha().admin_password);
    EXPECT_EQ(blocked.status, 429);
    EXPECT_TRUE(contains(blocked.body, "Trop de tentatives de connexion"));
    EXPECT_TRUE(contains(blocked.body, "minutes"));
    EXPECT_TRUE(browser.cookie("comptoir_session").empty());

    // Another account from the same address is not blocked (the per-address limit is 20).
    app().add_user(alpha(), "sales@alpha.fr", "sales");
    EXPECT_EQ(WebSession(app()).login("sales@alpha.fr", kUserPassword).status, 303);
}

// Behind a reverse proxy every request comes from the proxy: the per-address limit must count the
// forwarded client address, and a client cannot escape it by writing its own X-Forwarded-For.
TEST_P(LoginTest, BehindATrustedProxyTheForwardedAddressIsThrottled) {
    for (int i = 0; i < 20; ++i) {
        WebSession attacker(app());
        attacker.set_header("X-Forwarded-For", "203.0.113.7");
        EXPECT_EQ(attacker.login("user" + std::to_string(i) + "@alpha.fr", "wrong password!").status, 401) << i;
    }
    WebSession again(app());
    again.set_header("X-Forwarded-For", "198.51.100.1, 203.0.113.7");  // a forged hop on the left changes nothing
    EXPECT_EQ(again.login(alpha().admin_email, alpha().admin_password).status, 429);
    WebSession someone_else(app());
    someone_else.set_header("X-Forwarded-For", "198.51.100.20");
    EXPECT_EQ(someone_else.login(alpha().admin_email, alpha().admin_password).status, 303);
}

TEST_P(LoginTest, UnknownEmailsAreThrottledToo) {
    WebSession browser(app());
    for (int i = 0; i < 5; ++i) EXPECT_EQ(browser.login("ghost@alpha.fr", "wrong password!").status, 401);
    EXPECT_EQ(browser.login("ghost@alpha.fr", "wrong password!").status, 429);
}

TEST_P(LoginTest, SuccessClearsTheEmailsFailures) {
    WebSession browser(app());
    for (int i = 0; i < 4; ++i) browser.login(alpha().admin_email, "wrong password!");
    EXPECT_EQ(browser.login(alpha().admin_email, alpha().admin_password).status, 303);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(browser.login(alpha().admin_email, "wrong password!").status, 401);
    EXPECT_EQ(browser.login(alpha().admin_email, alpha().admin_password).status, 303);
}

TEST_P(LoginTest, LogoutEndsTheSession) {
    auto browser = admin_session();
    std::string token = browser->cookie("comptoir_session");
    auto response = browser->post("/logout", {});
    EXPECT_EQ(response.status, 303);
    EXPECT_EQ(response.header("location"), "/login");
    EXPECT_TRUE(browser->cookie("comptoir_session").empty());
    auto after = app().raw("GET", "/settings", "", {{"Cookie", "comptoir_session=" + token}});
    EXPECT_EQ(after.status, 303);
    EXPECT_TRUE(contains(after.header("location"), "/login?next="));
}

TEST_P(LoginTest, RedirectsOnlyToLocalPaths) {
    WebSession browser(app());
    auto page = browser.get("/login?next=/admin/users");
    EXPECT_TRUE(contains(page.body, R"(name="next" value="/admin/users")"));
    auto response = browser.post("/login", {{"email", alpha().admin_email}, {"password", alpha().admin_password},
                                            {"next", "/admin/users"}});
    EXPECT_EQ(response.header("location"), "/admin/users");

    for (const char* evil : {"//evil.example/", "https://evil.example/", "/\\evil.example"}) {
        WebSession other(app());
        other.get("/login");
        auto r = other.post("/login", {{"email", alpha().admin_email}, {"password", alpha().admin_password}, {"next", evil}});
        EXPECT_EQ(r.status, 303);
        EXPECT_EQ(r.header("location"), "/") << evil;
    }
}

TEST_P(LoginTest, PagesSendGuestsToTheLoginPage) {
    auto response = WebSession(app()).get("/admin/users");
    EXPECT_EQ(response.status, 303);
    EXPECT_EQ(response.header("location"), "/login?next=/admin/users");
}

TEST_P(LoginTest, PagesSpeakTheUsersLanguage) {
    AddUserInput input;
    input.company_id = alpha().id;
    input.email = "anna@alpha.fr";
    input.name = "Anna";
    input.role = Role::Sales;
    input.password = kUserPassword;
    input.locale = "en";
    ASSERT_TRUE(app().app().identity().add_user(input));
    auto browser = logged_in("anna@alpha.fr", kUserPassword);
    auto home = browser->get("/");
    EXPECT_TRUE(contains(home.body, "<html lang=\"en\">"));
    EXPECT_TRUE(contains(home.body, "Hello Anna"));
    EXPECT_TRUE(contains(admin_session()->get("/").body, "Bonjour"));
}

TEST_P(LoginTest, OnlyTheTokensHashIsStored) {
    auto browser = admin_session();
    auto token = browser->cookie("comptoir_session");
    auto rows = app().app().db().acquire()->query("SELECT token_hash FROM sessions");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].text(0), sha256_hex(token));
}

TEST_P(LoginTest, SessionsSlideAndExpire) {
    using namespace std::chrono_literals;
    auto conn = app().app().db().acquire();
    auto browser = admin_session();

    // Seen 11 hours ago: still valid, and seen again now.
    conn->execute("UPDATE sessions SET last_seen_at = ?", {to_iso(now() - 11h)});
    EXPECT_EQ(browser->get("/").status, 200);
    auto seen = from_iso(conn->query_one("SELECT last_seen_at FROM sessions")->text(0));
    EXPECT_LT(now() - seen, 1min);

    // Idle for more than 12 hours: over.
    conn->execute("UPDATE sessions SET last_seen_at = ?", {to_iso(now() - 12h - 1min)});
    EXPECT_EQ(browser->get("/").status, 303);

    // Active, but past the 7-day limit: over too.
    auto other = admin_session();
    conn->execute("UPDATE sessions SET expires_at = ?", {to_iso(now() - 1s)});
    EXPECT_EQ(other->get("/").status, 303);
}

TEST_P(LoginTest, DeactivatedUsersLoseTheirSessionsAndTokens) {
    auto token = app().add_user(alpha(), "sales@alpha.fr", "sales");
    auto browser = logged_in("sales@alpha.fr", kUserPassword);
    auto id = user_id("sales@alpha.fr", alpha().admin_token);
    auto patch = app().api("PATCH", "/api/v1/users/" + std::to_string(id), alpha().admin_token,
                           nlohmann::json{{"active", false}});
    EXPECT_EQ(patch.status, 200) << patch.body;
    EXPECT_EQ(browser->get("/").status, 303);
    EXPECT_EQ(app().api("GET", "/api/v1/me", token).status, 401);
    EXPECT_EQ(WebSession(app()).login("sales@alpha.fr", kUserPassword).status, 401);
}

}  // namespace
}  // namespace comptoir::identity::testing
