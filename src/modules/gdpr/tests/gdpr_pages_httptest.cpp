// The GDPR pages, on SQLite and PostgreSQL: the client's RGPD panel (consent history, export,
// rectification), the anonymisation confirmation (CSRF, checkbox and reason required), the GDPR
// administration page (retention rule) and the register, with their permissions.
#include "modules/gdpr/tests/gdpr_fixture.hpp"

namespace comptoir::testing {
namespace {

using GdprPages = GdprTest;

TEST_P(GdprPages, ThePanelShowsConsentsAndTheActionsTheRoleMayTake) {
    auto id = person();
    WebSession web(*app);
    ASSERT_EQ(web.login("admin@acme.test", acme.admin_password).status, 303);
    auto panel = web.get("/clients/" + std::to_string(id) + "/gdpr");
    ASSERT_EQ(panel.status, 200) << panel.body;
    EXPECT_NE(panel.body.find("Historique des consentements"), std::string::npos);
    EXPECT_NE(panel.body.find("Salon du livre"), std::string::npos);
    EXPECT_NE(panel.body.find("/gdpr/export?format=csv"), std::string::npos);
    EXPECT_NE(panel.body.find("/gdpr/anonymise"), std::string::npos);
    // The card links to the panel.
    EXPECT_NE(web.get("/clients/" + std::to_string(id)).body.find("/clients/" + std::to_string(id) + "/gdpr"),
              std::string::npos);

    auto file = web.get("/clients/" + std::to_string(id) + "/gdpr/export?format=csv");
    ASSERT_EQ(file.status, 200);
    EXPECT_EQ(file.body.rfind("\xEF\xBB\xBF", 0), 0u);
    EXPECT_NE(file.body.find("zebulon@quichotte.test"), std::string::npos);
    // The card's history names the export.
    EXPECT_NE(web.get("/clients/" + std::to_string(id)).body.find("Export RGPD des données personnelles"), std::string::npos);

    app->add_user(acme, "vendeur@acme.test", "sales", "mot de passe vendeur");
    WebSession seller(*app);
    ASSERT_EQ(seller.login("vendeur@acme.test", "mot de passe vendeur").status, 303);
    auto seen = seller.get("/clients/" + std::to_string(id) + "/gdpr");
    ASSERT_EQ(seen.status, 200);
    EXPECT_EQ(seen.body.find("/gdpr/export?format=csv"), std::string::npos);
    EXPECT_EQ(seen.body.find("/gdpr/anonymise\""), std::string::npos);
    EXPECT_EQ(seller.get("/clients/" + std::to_string(id) + "/gdpr/export?format=json").status, 403);
    EXPECT_EQ(seller.get("/clients/" + std::to_string(id) + "/gdpr/anonymise").status, 403);
    EXPECT_EQ(seller.get("/admin/gdpr").status, 403);
    EXPECT_EQ(seller.get("/gdpr/register").status, 200);

    // A rectification is recorded, then the card's form opens.
    auto rect = seller.post("/clients/" + std::to_string(id) + "/gdpr/rectification", {{"reason", "Courriel du 3 mars"}});
    EXPECT_EQ(rect.status, 303);
    EXPECT_EQ(rect.header("location"), "/clients/" + std::to_string(id) + "/edit");
    auto empty = seller.post("/clients/" + std::to_string(id) + "/gdpr/rectification", {{"reason", ""}});
    EXPECT_EQ(empty.status, 422);
    EXPECT_NE(empty.body.find("Indiquez le motif"), std::string::npos);
}

TEST_P(GdprPages, AnonymisingNeedsTheBoxTheReasonAndTheFormToken) {
    auto id = person();
    const std::string base = "/clients/" + std::to_string(id) + "/gdpr/anonymise";
    WebSession web(*app);
    ASSERT_EQ(web.login("admin@acme.test", acme.admin_password).status, 303);
    auto page = web.get(base);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("L123-22"), std::string::npos);

    EXPECT_EQ(web.post(base, {{"confirm", "1"}, {"reason", "Demande"}}, false).status, 403);
    auto unticked = web.post(base, {{"reason", "Demande reçue"}});
    EXPECT_EQ(unticked.status, 422);
    EXPECT_NE(unticked.body.find("Cochez la case"), std::string::npos);
    auto no_reason = web.post(base, {{"confirm", "1"}, {"reason", ""}});
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_EQ(app->api("GET", "/api/v1/clients/" + std::to_string(id), admin).json()["display_name"], "Quichotte Conseil");

    auto done = web.post(base, {{"confirm", "1"}, {"reason", "Demande reçue par courrier"}});
    EXPECT_EQ(done.status, 303);
    auto panel = web.get("/clients/" + std::to_string(id) + "/gdpr?anonymised=1");
    EXPECT_NE(panel.body.find("Anonymisé"), std::string::npos);
    EXPECT_EQ(app->api("GET", "/api/v1/clients/" + std::to_string(id), admin).json()["display_name"],
              "Client anonymisé #" + std::to_string(id));
}

TEST_P(GdprPages, AdminsSetTheRetentionRuleAndEditTheRegister) {
    WebSession web(*app);
    ASSERT_EQ(web.login("admin@acme.test", acme.admin_password).status, 303);
    auto admin_page = web.get("/admin/gdpr");
    ASSERT_EQ(admin_page.status, 200) << admin_page.body;
    EXPECT_NE(admin_page.body.find("Conservation des prospects"), std::string::npos);
    auto bad = web.post("/admin/gdpr/retention", {{"years", "0"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("entre 1 et 10"), std::string::npos);
    EXPECT_EQ(web.post("/admin/gdpr/retention", {{"years", "5"}}).status, 303);
    EXPECT_EQ(app->api("GET", "/api/v1/gdpr/retention", admin).json()["years"], 5);
    auto none = web.post("/admin/gdpr/retention/anonymise", {{"confirm", "1"}, {"reason", "Revue"}});
    EXPECT_EQ(none.status, 422);

    auto reg = web.get("/gdpr/register");
    ASSERT_EQ(reg.status, 200);
    EXPECT_NE(reg.body.find("Facturation et comptabilité"), std::string::npos);
    EXPECT_NE(reg.body.find("/gdpr/register/invoicing/edit"), std::string::npos);
    ASSERT_EQ(web.get("/gdpr/register/invoicing/edit").status, 200);
    EXPECT_EQ(web.post("/gdpr/register/invoicing/edit", {{"name", ""}, {"purposes", "x"}}).status, 422);
    auto saved = web.post("/gdpr/register/invoicing/edit",
                          {{"name", "Facturation"}, {"purposes", "Factures et avoirs"}, {"legal_basis", "Obligation légale"},
                           {"data_categories", "Identité"}, {"data_subjects", "Clients"}, {"recipients", "Comptable"},
                           {"transfers", "Aucun"}, {"retention", "10 ans"}, {"security", "Chiffrement"}});
    EXPECT_EQ(saved.status, 303);
    EXPECT_NE(web.get("/gdpr/register").body.find("Factures et avoirs"), std::string::npos);
    EXPECT_EQ(web.get("/gdpr/register/nope/edit").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, GdprPages, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
