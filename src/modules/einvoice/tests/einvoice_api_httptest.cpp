// E-invoicing through HTTP, on SQLite and PostgreSQL: enabling it, the rule checks that stop a
// validation (rule and field named, nothing written), the stored PDF becoming the Factur-X (and the
// hash chain still verifying), the downloads, permissions.
#include <set>

#include <gtest/gtest.h>

#include "modules/einvoice/facturx/facturx.hpp"
#include "modules/einvoice/tests/sample_invoices.hpp"
#include "modules/einvoice/xml/xsd.hpp"
#include "modules/sales/service/document_service.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using nlohmann::json;

class EinvoiceApi : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Atelier Dupont", "admin@dupont.test");
        admin = acme.admin_token;
        sales = app->add_user(acme, "vente@dupont.test", "sales");
        client_id = client("Société Cliente", "732 829 320 00074");
    }

    void identify_company() {
        auto r = app->api("PATCH", "/api/v1/company", admin,
                          json{{"legal_form", "SARL"}, {"siren", "443 061 841"}, {"siret", "443 061 841 00047"},
                               {"vat_number", "FR64443061841"}, {"rcs_city", "Lyon"}, {"address_line1", "12 rue de la République"},
                               {"postal_code", "69002"}, {"city", "Lyon"}, {"country", "FR"},
                               {"iban", "FR76 3000 6000 0112 3456 7890 189"}, {"bic", "BNPAFRPP"}});
        ASSERT_EQ(r.status, 200) << r.body;
    }

    void enable(const std::string& profile = "en16931") {
        auto r = app->api("PUT", "/api/v1/einvoice/settings", admin, json{{"enabled", true}, {"profile", profile}});
        ASSERT_EQ(r.status, 200) << r.body;
    }

    std::int64_t client(const std::string& name, const std::string& siret) {
        json body = {{"legal_name", name},
                     {"payment_terms", "30d"},
                     {"billing_address", {{"line1", "5 avenue des Champs"}, {"postal_code", "75008"}, {"city", "Paris"}}}};
        if (!siret.empty()) body["siret"] = siret;
        auto c = app->api("POST", "/api/v1/clients", admin, body);
        EXPECT_EQ(c.status, 201) << c.body;
        return c.json()["id"].get<std::int64_t>();
    }

    json invoice(std::int64_t for_client) {
        auto r = app->api("POST", "/api/v1/documents", admin,
                          json{{"type", "invoice"},
                               {"client_id", for_client},
                               {"payment_method", "transfer"},
                               {"lines", json::array({{{"description", "Pose"}, {"quantity", "16"}, {"unit", "h"},
                                                       {"unit_price", "42"}, {"vat_rate", "10"}},
                                                      {{"description", "Colle"}, {"quantity", "3"}, {"unit_price", "24.52"},
                                                       {"vat_rate", "20"}, {"discount_percent", "10"}}})}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json();
    }

    static std::string path(const json& d) { return "/api/v1/documents/" + std::to_string(d["id"].get<std::int64_t>()); }

    std::unique_ptr<TestApp> app;
    TestCompany acme;
    std::string admin, sales;
    std::int64_t client_id = 0;
};

TEST_P(EinvoiceApi, SettingsAreTheAdminsAndEnablingNeedsTheCompanysIdentity) {
    auto r = app->api("GET", "/api/v1/einvoice/settings", sales);
    ASSERT_EQ(r.status, 200);
    // On by default: every invoice a new company issues is an e-invoice.
    EXPECT_EQ(r.json(), (json{{"enabled", true}, {"profile", "en16931"}}));
    EXPECT_EQ(app->api("PUT", "/api/v1/einvoice/settings", sales, json{{"enabled", false}}).status, 403);
    // An administrator may opt out until the obligation applies, and back in once the identity is there.
    auto off = app->api("PUT", "/api/v1/einvoice/settings", admin, json{{"enabled", false}});
    ASSERT_EQ(off.status, 200) << off.body;
    EXPECT_EQ(off.json()["enabled"], false);
    auto refused = app->api("PUT", "/api/v1/einvoice/settings", admin, json{{"enabled", true}});
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.json()["errors"][0]["field"], "siren");
    EXPECT_EQ(app->api("GET", "/api/v1/einvoice/settings", admin).json()["enabled"], false);  // nothing changed
    EXPECT_EQ(app->api("PUT", "/api/v1/einvoice/settings", admin, json{{"profile", "extended"}}).status, 422);
    identify_company();
    enable("basic");
    EXPECT_EQ(app->api("GET", "/api/v1/einvoice/settings", admin).json(), (json{{"enabled", true}, {"profile", "basic"}}));
}

TEST_P(EinvoiceApi, AnInvoiceBreakingARuleCannotBeValidatedAndTheRuleIsNamed) {
    identify_company();
    enable();
    const std::int64_t no_siren = client("Entreprise Sans Siren", "");
    auto d = invoice(no_siren);
    auto r = app->api("POST", path(d) + "/validate", admin);
    ASSERT_EQ(r.status, 422) << r.body;
    auto body = r.json();
    EXPECT_EQ(body["code"], "einvoice.rules");
    bool named = false;
    for (const auto& e : body["errors"])
        if (e["code"] == "einvoice.BR-FR-11") {
            named = true;
            EXPECT_EQ(e["field"], "client.siren");
            EXPECT_NE(e["message_fr"].get<std::string>().find("BR-FR-11 · SIREN du client (BT-47)"), std::string::npos);
        }
    EXPECT_TRUE(named) << body.dump();
    // Nothing was issued: still a draft, no number taken.
    auto after = app->api("GET", path(d), admin).json();
    EXPECT_EQ(after["status"], "draft");
    EXPECT_TRUE(after["number"].is_null() || after["number"] == "");
}

TEST_P(EinvoiceApi, TheStoredPdfIsTheFacturXAndTheChainStillVerifies) {
    identify_company();
    enable();
    auto d = invoice(client_id);
    auto v = app->api("POST", path(d) + "/validate", admin);
    ASSERT_EQ(v.status, 200) << v.body;
    auto pdf = app->api("GET", path(d) + "/pdf", admin);
    ASSERT_EQ(pdf.status, 200);
    auto info = einvoice::facturx::read_pdf(pdf.body);
    ASSERT_TRUE(info);
    ASSERT_EQ(info->attachments.size(), 1u);
    EXPECT_EQ(info->attachments[0].name, "factur-x.xml");
    auto cii = app->api("GET", path(d) + "/einvoice?format=cii", admin);
    ASSERT_EQ(cii.status, 200);
    EXPECT_EQ(cii.header("Content-Type").rfind("application/xml", 0), 0u);
    EXPECT_EQ(info->attachments[0].bytes, cii.body);  // the XML inside is the XML exported
    // Factur-X download: the stored file itself, byte for byte.
    auto fx = app->api("GET", path(d) + "/einvoice?format=facturx", admin);
    ASSERT_EQ(fx.status, 200);
    EXPECT_EQ(fx.body, pdf.body);
    EXPECT_TRUE(app->app().sales().documents().verify().problems.empty());
    const std::string dir = einvoice::test::shared_dir();
    if (!dir.empty()) {
        EXPECT_TRUE(einvoice::xml::validate_xsd(cii.body, dir + "/xsd/facturx-en16931/Factur-X_EN16931.xsd").valid());
        auto ubl = app->api("GET", path(d) + "/einvoice?format=ubl", admin);
        ASSERT_EQ(ubl.status, 200);
        EXPECT_TRUE(einvoice::xml::validate_xsd(ubl.body, dir + "/xsd/ubl-2.1/maindoc/UBL-Invoice-2.1.xsd").valid());
    }
    auto check = app->api("GET", path(d) + "/einvoice/check", sales);
    ASSERT_EQ(check.status, 200);
    EXPECT_EQ(check.json()["valid"], true) << check.body;
}

TEST_P(EinvoiceApi, ANewCompanysFirstInvoiceIsAFacturXOnceItsIdentityIsFilledIn) {
    // No setting touched: a company as `comptoir init` leaves it, with only its name.
    auto d = invoice(client_id);
    auto refused = app->api("POST", path(d) + "/validate", admin);
    ASSERT_EQ(refused.status, 422) << refused.body;
    auto body = refused.json();
    EXPECT_EQ(body["code"], "einvoice.rules");
    EXPECT_NE(body["detail_fr"].get<std::string>().find("Administration › Société"), std::string::npos) << body["detail_fr"];
    std::set<std::string> fields;
    for (const auto& e : body["errors"]) fields.insert(e["field"].get<std::string>());
    EXPECT_TRUE(fields.count("seller.siren") && fields.count("seller.vat_number") && fields.count("seller.iban")) << refused.body;
    for (const auto& e : body["errors"])
        if (e["field"] == "seller.siren") {
            EXPECT_NE(e["message"].get<std::string>().find("your company's SIREN"), std::string::npos) << e["message"];
            break;
        }
    // Nothing was issued: still a draft, no number taken.
    auto draft = app->api("GET", path(d), admin).json();
    EXPECT_EQ(draft["status"], "draft");
    EXPECT_TRUE(draft["number"].is_null() || draft["number"] == "") << draft["number"];
    // On the page, the administrator is shown where to fill it in.
    WebSession web(*app);
    ASSERT_EQ(web.login("admin@dupont.test", acme.admin_password).status, 303);
    const std::string page_path = "/documents/" + std::to_string(d["id"].get<std::int64_t>());
    web.get(page_path);
    auto page = web.post(page_path + "/validate", {});
    EXPECT_NE(page.body.find("Votre société n&apos;est pas encore entièrement identifiée"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("href=\"/admin/company\""), std::string::npos);

    identify_company();
    auto v = app->api("POST", path(d) + "/validate", admin);
    ASSERT_EQ(v.status, 200) << v.body;
    auto info = einvoice::facturx::read_pdf(app->api("GET", path(d) + "/pdf", admin).body);
    ASSERT_TRUE(info);
    ASSERT_EQ(info->attachments.size(), 1u);
    EXPECT_EQ(info->attachments[0].name, "factur-x.xml");
    EXPECT_TRUE(app->app().sales().documents().verify().problems.empty());
}

TEST_P(EinvoiceApi, WithoutEInvoicingTheFacturXIsMadeAtDownload) {
    ASSERT_EQ(app->api("PUT", "/api/v1/einvoice/settings", admin, json{{"enabled", false}}).status, 200);
    auto d = invoice(client_id);
    ASSERT_EQ(app->api("POST", path(d) + "/validate", admin).status, 200);  // no rule check when disabled
    auto pdf = app->api("GET", path(d) + "/pdf", admin);
    EXPECT_TRUE(einvoice::facturx::read_pdf(pdf.body)->attachments.empty());
    auto fx = app->api("GET", path(d) + "/einvoice", admin);
    ASSERT_EQ(fx.status, 200);
    EXPECT_EQ(fx.header("Content-Type"), "application/pdf");
    EXPECT_EQ(einvoice::facturx::read_pdf(fx.body)->attachments.size(), 1u);
    auto check = app->api("GET", path(d) + "/einvoice/check", admin).json();
    EXPECT_EQ(check["valid"], false);  // the company has no SIREN: the checks say so
}

TEST_P(EinvoiceApi, DraftsQuotesUnknownFormatsAndOtherCompanies) {
    auto d = invoice(client_id);
    EXPECT_EQ(app->api("GET", path(d) + "/einvoice?format=cii", admin).status, 409);  // a draft
    EXPECT_EQ(app->api("GET", path(d) + "/einvoice?format=pdf", admin).status, 422);
    auto other = app->create_company("Autre", "admin@autre.test");
    EXPECT_EQ(app->api("GET", path(d) + "/einvoice?format=cii", other.admin_token).status, 404);
    EXPECT_EQ(app->api("GET", "/api/v1/documents/999999/einvoice/check", admin).status, 404);
}

TEST_P(EinvoiceApi, PagesOfferTheDownloadsAndTheSettings) {
    identify_company();
    enable();
    auto d = invoice(client_id);
    ASSERT_EQ(app->api("POST", path(d) + "/validate", admin).status, 200);
    WebSession web(*app);
    ASSERT_EQ(web.login("admin@dupont.test", acme.admin_password).status, 303);
    const std::string id = std::to_string(d["id"].get<std::int64_t>());
    auto page = web.get("/documents/" + id);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("/documents/" + id + "/einvoice/facturx"), std::string::npos);
    EXPECT_NE(page.body.find("/documents/" + id + "/einvoice/ubl"), std::string::npos);
    auto details = web.get("/documents/" + id + "/einvoice");
    ASSERT_EQ(details.status, 200);
    EXPECT_NE(details.body.find("Aucune règle n"), std::string::npos);
    auto cii = web.get("/documents/" + id + "/einvoice/cii");
    ASSERT_EQ(cii.status, 200);
    EXPECT_NE(cii.body.find("rsm:CrossIndustryInvoice"), std::string::npos);
    auto settings = web.get("/admin/einvoicing");
    ASSERT_EQ(settings.status, 200);
    EXPECT_NE(settings.body.find("checked"), std::string::npos);
    auto saved = web.post("/admin/einvoicing", {{"enabled", "1"}, {"profile", "minimum"}});
    EXPECT_EQ(saved.status, 303);
    EXPECT_EQ(app->api("GET", "/api/v1/einvoice/settings", admin).json()["profile"], "minimum");
    auto no_csrf = web.post("/admin/einvoicing", {{"enabled", "0"}, {"profile", "en16931"}}, false);
    EXPECT_EQ(no_csrf.status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, EinvoiceApi, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
