// Inviting a user and the invited person choosing a password, end to end.
#include "modules/identity/tests/http/identity_fixture.hpp"

namespace comptoir::identity::testing {
namespace {

IDENTITY_HTTP_SUITE(InvitationTest);

const char* kNewPassword = "un mot de passe solide";

TEST_P(InvitationTest, InvitedUserJoinsThroughTheLink) {
    auto admin = admin_session();
    admin->get("/admin/users");
    auto invited = admin->post("/admin/users", {{"email", "Claire@Alpha.fr"}, {"name", "Claire"}, {"role", "sales"}, {"locale", "fr"}});
    ASSERT_EQ(invited.status, 200) << invited.body;
    EXPECT_TRUE(contains(invited.body, "L&apos;envoi des invitations par e-mail arrivera bientôt"));
    auto path = capture(invited.body, R"re(data-invitation-url="http://[^"]*(/invite/[A-Za-z0-9_-]+)")re");
    ASSERT_FALSE(path.empty());
    EXPECT_TRUE(contains(invited.body, "Invitation en attente"));

    // Not yet a password: logging in fails like any wrong password.
    EXPECT_EQ(WebSession(app()).login("claire@alpha.fr", kNewPassword).status, 401);

    WebSession claire(app());
    auto page = claire.get(path);
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "claire@alpha.fr"));
    EXPECT_TRUE(contains(page.body, "Alpha"));
    EXPECT_EQ(capture(page.body, R"re(name="_csrf" value="([^"]+)")re"), claire.cookie("comptoir_login_csrf"));

    auto mismatch = claire.post(path, {{"password", kNewPassword}, {"password_confirmation", "something else"}});
    EXPECT_EQ(mismatch.status, 422);
    EXPECT_TRUE(contains(mismatch.body, "Les deux mots de passe ne sont pas identiques."));
    auto too_short = claire.post(path, {{"password", "court"}, {"password_confirmation", "court"}});
    EXPECT_EQ(too_short.status, 422);
    EXPECT_TRUE(contains(too_short.body, "au moins 10 caractères"));
    EXPECT_EQ(claire.post(path, {{"password", kNewPassword}, {"password_confirmation", kNewPassword}}, false).status, 403);

    auto accepted = claire.post(path, {{"password", kNewPassword}, {"password_confirmation", kNewPassword}});
    EXPECT_EQ(accepted.status, 303);
    EXPECT_EQ(accepted.header("location"), "/");
    EXPECT_FALSE(claire.cookie("comptoir_session").empty());
    auto home = claire.get("/");
    EXPECT_EQ(home.status, 200);
    EXPECT_TRUE(contains(home.body, "Bonjour Claire"));

    // The link is single-use; the password works from now on.
    EXPECT_EQ(WebSession(app()).get(path).status, 404);
    EXPECT_EQ(WebSession(app()).login("claire@alpha.fr", kNewPassword).status, 303);
    auto list = app().api("GET", "/api/v1/users", alpha().admin_token).json();
    EXPECT_EQ(list["data"][1]["status"], "active");
    EXPECT_EQ(list["data"][1]["role"], "sales");
}

TEST_P(InvitationTest, InviteFormNamesWrongFields) {
    auto admin = admin_session();
    admin->get("/admin/users");
    auto response = admin->post("/admin/users", {{"email", "pas-une-adresse"}, {"name", ""}, {"role", "chef"}, {"locale", "de"}});
    EXPECT_EQ(response.status, 422);
    for (const char* field : {"email", "role", "locale"})
        EXPECT_TRUE(contains(response.body, "id=\"invite-" + std::string(field) + "-error\"")) << field;
    EXPECT_TRUE(contains(response.body, R"(value="pas-une-adresse")"));
    EXPECT_EQ(app().api("GET", "/api/v1/users", alpha().admin_token).json()["data"].size(), 1u);
}

TEST_P(InvitationTest, ApiInvitationLinkWorks) {
    auto created = app().api("POST", "/api/v1/users", alpha().admin_token,
                             nlohmann::json{{"email", "marc@alpha.fr"}, {"role", "read_only"}, {"locale", "en"}});
    ASSERT_EQ(created.status, 201);
    std::string url = created.json()["invitation_url"];
    auto path = url.substr(url.find("/invite/"));
    WebSession marc(app());
    auto page = marc.get(path);
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Welcome to Comptoir"));  // the invited user's language
    EXPECT_EQ(marc.post(path, {{"password", kNewPassword}, {"password_confirmation", kNewPassword}}).status, 303);
    EXPECT_TRUE(contains(marc.get("/").body, "Hello marc"));
}

TEST_P(InvitationTest, RenewingTheLinkRetiresTheOldOne) {
    auto created = app().api("POST", "/api/v1/users", alpha().admin_token,
                             nlohmann::json{{"email", "marc@alpha.fr"}, {"role", "sales"}});
    std::string url = created.json()["invitation_url"];
    auto old_path = url.substr(url.find("/invite/"));
    auto id = std::to_string(created.json()["id"].get<std::int64_t>());

    auto admin = admin_session();
    auto edit = admin->get("/admin/users/" + id);
    EXPECT_TRUE(contains(edit.body, "/admin/users/" + id + "/invitation"));
    auto renewed = admin->post("/admin/users/" + id + "/invitation", {});
    EXPECT_EQ(renewed.status, 200);
    auto new_path = capture(renewed.body, R"re(data-invitation-url="http://[^"]*(/invite/[A-Za-z0-9_-]+)")re");
    ASSERT_FALSE(new_path.empty());
    EXPECT_NE(new_path, old_path);
    EXPECT_EQ(WebSession(app()).get(old_path).status, 404);
    EXPECT_EQ(WebSession(app()).get(new_path).status, 200);
}

TEST_P(InvitationTest, UnknownLinksAreRefused) {
    auto response = WebSession(app()).get("/invite/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    EXPECT_EQ(response.status, 404);
    EXPECT_TRUE(contains(response.body, "pas valide ou a expiré"));
    WebSession browser(app());
    browser.get("/login");
    EXPECT_EQ(browser.post("/invite/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                           {{"password", kNewPassword}, {"password_confirmation", kNewPassword}}).status, 404);
}

TEST_P(InvitationTest, DeactivatedInviteesCannotJoin) {
    auto created = app().api("POST", "/api/v1/users", alpha().admin_token,
                             nlohmann::json{{"email", "marc@alpha.fr"}, {"role", "sales"}});
    std::string url = created.json()["invitation_url"];
    auto id = std::to_string(created.json()["id"].get<std::int64_t>());
    EXPECT_EQ(app().api("PATCH", "/api/v1/users/" + id, alpha().admin_token, nlohmann::json{{"active", false}}).status, 200);
    EXPECT_EQ(WebSession(app()).get(url.substr(url.find("/invite/"))).status, 404);
}

}  // namespace
}  // namespace comptoir::identity::testing
