// State-changing page requests without the right CSRF token are refused, and change nothing.
#include "modules/identity/tests/http/identity_fixture.hpp"

namespace comptoir::identity::testing {
namespace {

IDENTITY_HTTP_SUITE(CsrfTest);

TEST_P(CsrfTest, PostWithoutTokenIsRefused) {
    auto browser = admin_session();
    auto response = browser->post("/settings", {{"name", "Changed"}, {"locale", "fr"}}, /*with_csrf=*/false);
    EXPECT_EQ(response.status, 403);
    EXPECT_EQ(app().api("GET", "/api/v1/me", alpha().admin_token).json()["name"], "Admin Alpha");
}

TEST_P(CsrfTest, PostWithWrongTokenIsRefused) {
    auto browser = admin_session();
    auto response = browser->post("/admin/users", {{"email", "new@alpha.fr"}, {"role", "sales"}, {"_csrf", "forged"}}, false);
    EXPECT_EQ(response.status, 403);
    auto list = app().api("GET", "/api/v1/users", alpha().admin_token).json();
    EXPECT_EQ(list["data"].size(), 1u);
}

TEST_P(CsrfTest, TokenOfAnotherSessionIsRefused) {
    auto first = admin_session();
    auto second = admin_session();
    ASSERT_NE(first->csrf(), second->csrf());
    auto response = second->post("/admin/tokens", {{"name", "stolen"}, {"_csrf", first->csrf()}}, false);
    EXPECT_EQ(response.status, 403);
}

TEST_P(CsrfTest, LogoutNeedsTheToken) {
    auto browser = admin_session();
    EXPECT_EQ(browser->post("/logout", {}, false).status, 403);
    EXPECT_EQ(browser->get("/").status, 200);  // still logged in
}

TEST_P(CsrfTest, LoginNeedsTheDoubleSubmitToken) {
    WebSession browser(app());
    // No login page visited: no cookie, no field.
    auto response = browser.post("/login", {{"email", alpha().admin_email}, {"password", alpha().admin_password}}, false);
    EXPECT_EQ(response.status, 403);
    EXPECT_TRUE(browser.cookie("comptoir_session").empty());
    // A field that doesn't match the cookie.
    browser.get("/login");
    response = browser.post("/login", {{"email", alpha().admin_email}, {"password", alpha().admin_password}, {"_csrf", "x"}},
                            false);
    EXPECT_EQ(response.status, 403);
    EXPECT_TRUE(browser.cookie("comptoir_session").empty());
}

TEST_P(CsrfTest, LogoUploadNeedsTheToken) {
    auto browser = admin_session();
    std::string boundary = "----comptoirtest";
    std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"a.png\"\r\n"
                       "Content-Type: image/png\r\n\r\n" + std::string("\x89PNG\r\n\x1a\n1234", 12) + "\r\n--" + boundary + "--\r\n";
    auto response = app().raw("POST", "/admin/company/logo", body,
                              {{"Content-Type", "multipart/form-data; boundary=" + boundary},
                               {"Cookie", "comptoir_session=" + browser->cookie("comptoir_session")}});
    EXPECT_EQ(response.status, 403);
    EXPECT_TRUE(app().api("GET", "/api/v1/company", alpha().admin_token).json()["logo_url"].is_null());
}

}  // namespace
}  // namespace comptoir::identity::testing
