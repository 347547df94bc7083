// The review folder's pages on SQLite and PostgreSQL, as a logged-in administrator uses them: the
// link from the client list, the scan button, a group's comparison with a choice per field, the merge
// (CSRF-checked), the merged card pointing to the survivor, the undo, the dismissal, refused input
// shown on the page, and the pages closed to other roles and companies.
#include <gtest/gtest.h>

#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using nlohmann::json;

class ReviewPages : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Acme", "admin@acme.test");
        other = app->create_company("Other", "admin@other.test");
        app->add_user(acme, "sales@acme.test", "sales", "correct horse battery");
        first = client({{"kind", "company"}, {"legal_name", "Plomberie Lefèvre"}, {"phone", "0612345678"},
                        {"email", "contact@lefevre.fr"}, {"billing_address", {{"postal_code", "75011"}, {"city", "Paris"}}}});
        second = client({{"kind", "company"}, {"legal_name", "Plomberie Lefevre EURL"}, {"phone", "06 12 34 56 78"},
                         {"email", "devis@lefevre.fr"}, {"website", "https://lefevre.fr"},
                         {"billing_address", {{"postal_code", "75011"}, {"city", "Paris"}}}});
    }
    std::int64_t client(const json& body) {
        auto r = app->api("POST", "/api/v1/clients?force=true", acme.admin_token, body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().value("id", std::int64_t{0});
    }
    static bool has(const HttpResponse& r, const std::string& text) { return r.body.find(text) != std::string::npos; }
    std::string group_path(WebSession& admin) {
        auto list = admin.get("/clients/duplicates");
        auto at = list.body.find("href=\"/clients/duplicates/");
        if (at == std::string::npos) return "";
        at += 6;
        return list.body.substr(at, list.body.find('"', at) - at);
    }

    std::unique_ptr<TestApp> app;
    TestCompany acme, other;
    std::int64_t first = 0, second = 0;
};

TEST_P(ReviewPages, ScanCompareMergeAndUndo) {
    WebSession admin(*app);
    ASSERT_EQ(admin.login(acme.admin_email, acme.admin_password).status, 303);
    EXPECT_TRUE(has(admin.get("/clients"), "href=\"/clients/duplicates\""));
    auto empty = admin.get("/clients/duplicates");
    ASSERT_EQ(empty.status, 200);
    EXPECT_TRUE(has(empty, "analyse</button>"));  // "Lancer l'analyse" (the apostrophe escaped)
    EXPECT_TRUE(has(empty, "Aucun doublon à examiner"));

    // The scan button, CSRF-checked like every form.
    EXPECT_EQ(admin.post("/clients/duplicates/scan", {}, false).status, 403);
    auto scanned = admin.post("/clients/duplicates/scan", {});
    ASSERT_EQ(scanned.status, 303);
    EXPECT_EQ(scanned.header("location"), "/clients/duplicates?done=scanned");
    auto list = admin.get("/clients/duplicates?done=scanned");
    EXPECT_TRUE(has(list, "Analyse terminée."));
    EXPECT_TRUE(has(list, "Même téléphone"));
    EXPECT_TRUE(has(list, "Plomberie Lefevre EURL"));
    const std::string group = group_path(admin);
    ASSERT_FALSE(group.empty());

    // The comparison: a radio per differing field, the survivor's non-empty value pre-selected, the
    // other's value where the survivor has none; identical rows without a choice.
    auto page = admin.get(group);
    ASSERT_EQ(page.status, 200);
    const std::string a = std::to_string(first), b = std::to_string(second);
    EXPECT_TRUE(has(page, "name=\"survivor_id\" value=\"" + a + "\" checked"));
    EXPECT_TRUE(has(page, "id=\"f-email-" + a + "\" name=\"field_email\" value=\"" + a + "\" checked"));
    EXPECT_TRUE(has(page, "id=\"f-website-" + b + "\" name=\"field_website\" value=\"" + b + "\" checked"));
    EXPECT_FALSE(has(page, "name=\"field_phone\""));  // the same phone on both
    EXPECT_TRUE(has(page, ">Fusionner<"));
    EXPECT_TRUE(has(page, ">Pas des doublons<"));

    // Refused input is shown on the page, and nothing changes.
    auto bad = admin.post(group + "/merge", {{"survivor_id", a}, {"field_email", "999999"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(has(bad, "a pas été faite"));
    EXPECT_TRUE(has(bad, "un des clients du groupe"));
    // A card outside the group (a tampered form): refused, and the page still offers a card to keep.
    auto stranger = admin.post(group + "/merge", {{"survivor_id", "999999"}});
    EXPECT_EQ(stranger.status, 422);
    EXPECT_TRUE(has(stranger, "name=\"survivor_id\" value=\"" + a + "\" checked")) << stranger.body.substr(0, 400);
    EXPECT_EQ(admin.post(group + "/merge", {{"survivor_id", a}}, false).status, 403);

    // The merge, keeping the second card's e-mail.
    auto merged = admin.post(group + "/merge", {{"survivor_id", a}, {"field_email", b}, {"field_legal_name", a}});
    ASSERT_EQ(merged.status, 303) << merged.body.substr(0, 400);
    EXPECT_EQ(merged.header("location"), group + "?done=merged");
    auto done = admin.get(group + "?done=merged");
    EXPECT_TRUE(has(done, "Fusion faite"));
    EXPECT_TRUE(has(done, "Annuler la fusion"));
    auto card = app->api("GET", "/api/v1/clients/" + a, acme.admin_token).json();
    EXPECT_EQ(card["email"], "devis@lefevre.fr");
    EXPECT_EQ(card["website"], "https://lefevre.fr");
    EXPECT_EQ(card["legal_name"], "Plomberie Lefèvre");
    // The absorbed card says where it went and can no longer be edited from its page.
    auto absorbed = admin.get("/clients/" + b);
    ASSERT_EQ(absorbed.status, 200);
    EXPECT_TRUE(has(absorbed, "Cette fiche a été fusionnée dans"));
    EXPECT_TRUE(has(absorbed, "href=\"/clients/" + a + "\""));
    EXPECT_FALSE(has(absorbed, "/clients/" + b + "/edit"));
    EXPECT_TRUE(has(admin.get("/clients/duplicates?status=merged"), "Plomberie Lefevre EURL"));
    // The survivor's history tells of the merge and of the e-mail it changed.
    auto survivor_page = admin.get("/clients/" + a);
    EXPECT_TRUE(has(survivor_page, "Fusion"));
    EXPECT_TRUE(has(survivor_page, "contact@lefevre.fr")) << "the e-mail before the merge, in the history";

    // Undo, from the confirmation.
    const auto undo_at = done.body.find("/clients/duplicates/merges/");
    ASSERT_NE(undo_at, std::string::npos);
    const std::string undo = done.body.substr(undo_at, done.body.find('"', undo_at) - undo_at);
    EXPECT_EQ(admin.post(undo, {}, false).status, 403);
    auto undone = admin.post(undo, {});
    ASSERT_EQ(undone.status, 303);
    EXPECT_EQ(undone.header("location"), group + "?done=undone");
    EXPECT_TRUE(has(admin.get(group + "?done=undone"), "Fusion annulée"));
    EXPECT_EQ(app->api("GET", "/api/v1/clients/" + a, acme.admin_token).json()["email"], "contact@lefevre.fr");
    EXPECT_FALSE(has(admin.get("/clients/" + b), "Cette fiche a été fusionnée dans"));
    // Undone twice: the page says why.
    auto twice = admin.post(undo, {});
    EXPECT_EQ(twice.status, 409);
    EXPECT_TRUE(has(twice, "déjà été annulée"));

    // "Not duplicates".
    auto dismissed = admin.post(group + "/dismiss", {});
    ASSERT_EQ(dismissed.status, 303);
    EXPECT_TRUE(has(admin.get("/clients/duplicates?done=dismissed"), "ne sera plus proposé"));
    EXPECT_TRUE(has(admin.get("/clients/duplicates?status=dismissed"), "Plomberie Lefevre EURL"));
    EXPECT_EQ(admin.post(group + "/merge", {{"survivor_id", a}}).status, 409);
}

TEST_P(ReviewPages, AdminsOfTheCompanyOnly) {
    WebSession admin(*app);
    ASSERT_EQ(admin.login(acme.admin_email, acme.admin_password).status, 303);
    admin.get("/clients/duplicates");
    ASSERT_EQ(admin.post("/clients/duplicates/scan", {}).status, 303);
    const std::string group = group_path(admin);
    ASSERT_FALSE(group.empty());

    WebSession seller(*app);
    ASSERT_EQ(seller.login("sales@acme.test", "correct horse battery").status, 303);
    EXPECT_FALSE(has(seller.get("/clients"), "href=\"/clients/duplicates\""));
    EXPECT_EQ(seller.get("/clients/duplicates").status, 403);
    EXPECT_EQ(seller.get(group).status, 403);
    EXPECT_EQ(seller.post(group + "/merge", {{"survivor_id", std::to_string(first)}}).status, 403);

    WebSession stranger(*app);
    ASSERT_EQ(stranger.login(other.admin_email, other.admin_password).status, 303);
    EXPECT_EQ(stranger.get(group).status, 404);
    EXPECT_EQ(stranger.post(group + "/merge", {{"survivor_id", std::to_string(first)}}).status, 404);
    EXPECT_EQ(app->api("GET", "/api/v1/duplicates?status=open", acme.admin_token).json()["data"].size(), 1u);

    // In English.
    ASSERT_EQ(admin.post("/settings", {{"name", "Admin"}, {"locale", "en"}}).status, 303);
    auto en = admin.get("/clients/duplicates");
    EXPECT_TRUE(has(en, "Run the scan"));
    EXPECT_TRUE(has(en, "Same phone"));
    EXPECT_TRUE(has(admin.get(group), ">Merge<"));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewPages, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
