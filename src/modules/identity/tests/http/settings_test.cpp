// A user's own settings, and the admin's user edit page.
#include "modules/identity/tests/http/identity_fixture.hpp"

namespace comptoir::identity::testing {
namespace {

IDENTITY_HTTP_SUITE(SettingsTest);

TEST_P(SettingsTest, NameAndLanguageAreSaved) {
    app().add_user(alpha(), "sales@alpha.fr", "sales");
    auto browser = logged_in("sales@alpha.fr", kUserPassword);
    EXPECT_EQ(browser->get("/settings").status, 200);
    auto saved = browser->post("/settings", {{"name", "Sam Seller"}, {"locale", "en"}});
    EXPECT_EQ(saved.status, 303);
    auto page = browser->get("/settings?saved=1");
    EXPECT_TRUE(contains(page.body, "Your settings are saved."));
    EXPECT_TRUE(contains(page.body, "value=\"Sam Seller\""));

    auto bad = browser->post("/settings", {{"name", ""}, {"locale", "klingon"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "id=\"settings-name-error\""));
    EXPECT_TRUE(contains(bad.body, "id=\"settings-locale-error\""));
}

TEST_P(SettingsTest, PasswordChangeChecksTheCurrentOneAndClosesOtherSessions) {
    app().add_user(alpha(), "sales@alpha.fr", "sales");
    auto browser = logged_in("sales@alpha.fr", kUserPassword);
    auto other = logged_in("sales@alpha.fr", kUserPassword);
    browser->get("/settings");

    auto wrong = browser->post("/settings/password", {{"current_password", "not it at all"},
                                                      {"new_password", "short"}, {"password_confirmation", "short"}});
    EXPECT_EQ(wrong.status, 422);
    EXPECT_TRUE(contains(wrong.body, "id=\"settings-current-error\""));
    EXPECT_TRUE(contains(wrong.body, "id=\"settings-new-error\""));
    auto mismatch = browser->post("/settings/password", {{"current_password", kUserPassword},
                                                         {"new_password", "a brand new phrase"}, {"password_confirmation", "other"}});
    EXPECT_TRUE(contains(mismatch.body, "id=\"settings-confirmation-error\""));

    auto changed = browser->post("/settings/password", {{"current_password", kUserPassword},
                                                        {"new_password", "a brand new phrase"},
                                                        {"password_confirmation", "a brand new phrase"}});
    EXPECT_EQ(changed.status, 303);
    EXPECT_EQ(browser->get("/settings").status, 200);  // this session stays
    EXPECT_EQ(other->get("/settings").status, 303);     // the other one is closed
    EXPECT_EQ(WebSession(app()).login("sales@alpha.fr", kUserPassword).status, 401);
    EXPECT_EQ(WebSession(app()).login("sales@alpha.fr", "a brand new phrase").status, 303);
}

// Someone holding an open session cannot guess the password through the change form: after five
// wrong guesses it answers 429, even to the right one, and logging in is locked too.
TEST_P(SettingsTest, WrongCurrentPasswordsAreThrottled) {
    app().add_user(alpha(), "sales@alpha.fr", "sales");
    auto browser = logged_in("sales@alpha.fr", kUserPassword);
    browser->get("/settings");
    for (int i = 0; i < 5; ++i) {
        auto wrong = browser->post("/settings/password", {{"current_password", "guess " + std::to_string(i)},
                                                          {"new_password", "a brand new phrase"},
                                                          {"password_confirmation", "a brand new phrase"}});
        EXPECT_EQ(wrong.status, 422) << i;
    }
    auto locked = browser->post("/settings/password", {{"current_password", kUserPassword},
                                                       {"new_password", "a brand new phrase"},
                                                       {"password_confirmation", "a brand new phrase"}});
    EXPECT_EQ(locked.status, 429);
    EXPECT_EQ(WebSession(app()).login("sales@alpha.fr", kUserPassword).status, 429);
}

TEST_P(SettingsTest, AdminEditsAUserThroughThePage) {
    app().add_user(alpha(), "sales@alpha.fr", "sales");
    auto id = std::to_string(user_id("sales@alpha.fr", alpha().admin_token));
    auto admin = admin_session();
    auto page = admin->get("/admin/users/" + id);
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "sales@alpha.fr"));
    auto saved = admin->post("/admin/users/" + id, {{"name", "Sophie"}, {"role", "accountant"}, {"locale", "fr"}});
    EXPECT_EQ(saved.status, 303);  // "active" unchecked: deactivated
    auto user = app().api("GET", "/api/v1/users/" + id, alpha().admin_token).json();
    EXPECT_EQ(user["role"], "accountant");
    EXPECT_EQ(user["active"], false);
    auto list = admin->get("/admin/users?saved=1");
    EXPECT_TRUE(contains(list.body, "Utilisateur enregistré."));
    EXPECT_TRUE(contains(list.body, "Désactivé"));

    auto bad = admin->post("/admin/users/" + id, {{"name", ""}, {"role", "emperor"}, {"locale", "fr"}, {"active", "1"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "id=\"user-name-error\""));
    EXPECT_TRUE(contains(bad.body, "id=\"user-role-error\""));
}

TEST_P(SettingsTest, AdminCannotDemoteThemselvesThroughThePage) {
    auto me = std::to_string(user_id("admin@alpha.fr", alpha().admin_token));
    auto admin = admin_session();
    auto page = admin->get("/admin/users/" + me);
    EXPECT_TRUE(contains(page.body, "Vous ne pouvez pas modifier votre propre rôle"));
    auto refused = admin->post("/admin/users/" + me, {{"name", "Boss"}, {"role", "sales"}, {"locale", "fr"}});
    EXPECT_EQ(refused.status, 422);
    EXPECT_TRUE(contains(refused.body, "id=\"user-role-error\""));
    EXPECT_TRUE(contains(refused.body, "id=\"user-active-error\""));
    EXPECT_EQ(app().api("GET", "/api/v1/me", alpha().admin_token).json()["role"], "admin");
    // With the form as the page sends it (role and status fixed), the name can change.
    EXPECT_EQ(admin->post("/admin/users/" + me, {{"name", "Boss"}, {"role", "admin"}, {"locale", "fr"}, {"active", "1"}}).status, 303);
    EXPECT_EQ(app().api("GET", "/api/v1/me", alpha().admin_token).json()["name"], "Boss");
}

}  // namespace
}  // namespace comptoir::identity::testing
