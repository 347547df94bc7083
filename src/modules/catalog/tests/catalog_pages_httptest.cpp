// The catalog's pages through HTTP, as a browser uses them: list and search-as-you-type fragment,
// create / edit forms with French numbers and the VAT choice, errors under their fields, the card,
// deactivate / activate, roles and cost prices, CSRF, and the picker fragment of the documents.
#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "tests/support/test_app.hpp"

namespace comptoir::catalog {
namespace {

using comptoir::testing::Backend;
using comptoir::testing::HttpResponse;
using comptoir::testing::TestApp;
using comptoir::testing::TestCompany;
using comptoir::testing::WebSession;
using nlohmann::json;
using Fields = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kPassword = "correct horse battery";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string capture(const std::string& text, const std::string& pattern) {
    std::smatch m;
    if (std::regex_search(text, m, std::regex(pattern))) return m[1];
    return {};
}

class CatalogPagesTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app_ = std::make_unique<TestApp>(GetParam());
        company_ = app_->create_company("Alpha", "admin@alpha.fr");
        admin_ = session(company_.admin_email, company_.admin_password);
    }
    void TearDown() override {
        admin_.reset();
        app_.reset();
    }

    std::unique_ptr<WebSession> session(const std::string& email, const std::string& password) {
        auto s = std::make_unique<WebSession>(*app_);
        auto login = s->login(email, password);
        EXPECT_EQ(login.status, 303) << login.body;
        EXPECT_EQ(s->get("/catalog").status, 200);
        return s;
    }
    std::unique_ptr<WebSession> user(const std::string& email, const std::string& role) {
        app_->add_user(company_, email, role, kPassword);
        return session(email, kPassword);
    }

    static Fields item_fields(const std::string& reference, const std::string& label) {
        return {{"reference", reference}, {"label", label},        {"kind", "goods"},     {"unit", "u"},
                {"category", ""},         {"description", ""},     {"unit_price", "10"},  {"cost_price", ""},
                {"vat_rate", "20"},       {"vat_exemption", ""}};
    }
    static Fields with(Fields fields, const Fields& changes) {
        for (const auto& [k, v] : changes) {
            bool replaced = false;
            for (auto& f : fields)
                if (f.first == k) f.second = v, replaced = true;
            if (!replaced) fields.emplace_back(k, v);
        }
        return fields;
    }

    // Creates an item through the form; returns its id.
    std::int64_t create(const std::string& reference, const std::string& label, const Fields& changes = {}) {
        auto r = admin_->post("/catalog", with(item_fields(reference, label), changes));
        EXPECT_EQ(r.status, 303) << r.body.substr(0, 3000);
        auto id = capture(r.header("location"), R"(/catalog/(\d+))");
        return id.empty() ? 0 : std::stoll(id);
    }
    std::size_t item_count() {
        auto r = app_->api("GET", "/api/v1/catalog/items?limit=200", company_.admin_token);
        auto active = r.json()["data"].size();
        r = app_->api("GET", "/api/v1/catalog/items?limit=200&active=false", company_.admin_token);
        return active + r.json()["data"].size();
    }

    std::unique_ptr<TestApp> app_;
    TestCompany company_;
    std::unique_ptr<WebSession> admin_;
};

TEST_P(CatalogPagesTest, TheNavigationLeadsToTheCatalogAfterClients) {
    auto page = admin_->get("/catalog");
    ASSERT_EQ(page.status, 200);
    auto clients = page.body.find(R"(href="/clients")"), catalog = page.body.find(R"(href="/catalog")");
    ASSERT_NE(catalog, std::string::npos);
    EXPECT_LT(clients, catalog);
    EXPECT_TRUE(contains(page.body, R"(nav-icon-catalog)"));
    EXPECT_TRUE(contains(page.body, R"(aria-current="page"><span class="nav-icon nav-icon-catalog")"));
}

TEST_P(CatalogPagesTest, EmptyCatalogInvitesToCreateTheFirstItem) {
    auto page = admin_->get("/catalog");
    EXPECT_TRUE(contains(page.body, "empty-state"));
    EXPECT_TRUE(contains(page.body, "Créer le premier article"));
    auto reader = user("lecture@alpha.fr", "read_only");
    auto seen = reader->get("/catalog");
    EXPECT_FALSE(contains(seen.body, "Créer le premier article"));
    EXPECT_FALSE(contains(seen.body, R"(href="/catalog/new")"));
}

TEST_P(CatalogPagesTest, ListSearchUpdatesOnlyTheResults) {
    create("PLB-001", "Chauffe-eau électrique 200 L");
    create("ELEC-010", "Tableau électrique");
    create("MO-1", "Main d'œuvre", {{"kind", "service"}, {"unit", "h"}});

    auto page = admin_->get("/catalog");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "<html"));
    EXPECT_TRUE(contains(page.body, R"(id="catalog-results" aria-live="polite")"));
    EXPECT_TRUE(contains(page.body, R"(hx-get="/catalog")"));
    EXPECT_TRUE(contains(page.body, "PLB-001"));

    auto fragment = admin_->get("/catalog?q=plb-0", true);
    ASSERT_EQ(fragment.status, 200);
    EXPECT_FALSE(contains(fragment.body, "<html"));
    EXPECT_TRUE(contains(fragment.body, "PLB-001"));
    EXPECT_FALSE(contains(fragment.body, "ELEC-010"));
    EXPECT_EQ(fragment.header("vary"), "HX-Request");

    auto words = admin_->get("/catalog?q=ELECTRIQUE", true);
    EXPECT_TRUE(contains(words.body, "PLB-001"));
    EXPECT_TRUE(contains(words.body, "ELEC-010"));
    EXPECT_FALSE(contains(words.body, "MO-1"));

    auto services = admin_->get("/catalog?kind=service", true);
    EXPECT_TRUE(contains(services.body, "MO-1"));
    EXPECT_FALSE(contains(services.body, "PLB-001"));

    auto none = admin_->get("/catalog?q=zzzz", true);
    EXPECT_TRUE(contains(none.body, "Aucun résultat"));
}

TEST_P(CatalogPagesTest, BadFilterValuesShowAnAlertNotACrash) {
    create("PLB-001", "Chauffe-eau");
    auto page = admin_->get("/catalog?active=maybe&kind=robot&sort=price&cursor=%00garbage");
    EXPECT_EQ(page.status, 400);
    EXPECT_TRUE(contains(page.body, "État inconnu"));
    EXPECT_TRUE(contains(page.body, "Type inconnu"));
    EXPECT_TRUE(contains(page.body, "PLB-001"));
}

TEST_P(CatalogPagesTest, PaginationFollowsTheCursor) {
    for (int i = 0; i < 27; ++i) {
        char ref[16];
        std::snprintf(ref, sizeof ref, "A-%02d", i);
        create(ref, std::string("Article ") + ref);
    }
    auto first = admin_->get("/catalog");
    EXPECT_TRUE(contains(first.body, "A-24"));
    EXPECT_FALSE(contains(first.body, "A-25"));
    std::string next = capture(first.body, R"re(<a href="([^"]*cursor=[^"]*)")re");
    ASSERT_FALSE(next.empty());
    next = std::regex_replace(next, std::regex("&amp;"), "&");
    auto second = admin_->get(next, true);
    EXPECT_TRUE(contains(second.body, "A-25"));
    EXPECT_TRUE(contains(second.body, "A-26"));
    EXPECT_FALSE(contains(second.body, "A-03"));
    EXPECT_TRUE(contains(second.body, "Première page"));
}

TEST_P(CatalogPagesTest, CreateWithFrenchNumbersThenTheCardShowsThem) {
    auto form = admin_->get("/catalog/new");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(contains(form.body, R"(<label for="f-reference">)"));
    EXPECT_TRUE(contains(form.body, R"(list="unit-suggestions")"));
    EXPECT_TRUE(contains(form.body, R"(<option value="m²">)"));
    EXPECT_TRUE(contains(form.body, R"(<option value="Main d&apos;œuvre">)"));  // a suggested category
    EXPECT_TRUE(contains(form.body, R"(<option value="5.5">5,5)"));
    EXPECT_TRUE(contains(form.body, R"(<option value="franchise_en_base">)"));
    EXPECT_TRUE(contains(form.body, R"(inputmode="decimal")"));

    auto r = admin_->post("/catalog", with(item_fields("REN-01", "Isolation des combles"),
                                           {{"unit", "m²"}, {"kind", "service"}, {"unit_price", "1 234,5"},
                                            {"cost_price", "987,654321"}, {"vat_rate", "5.5"},
                                            {"vat_exemption", "franchise_en_base"},  // ignored: the rate is not 0 %
                                            {"category", "Travaux"}, {"description", "Laine de verre\n<script>x</script>"}}));
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 3000);
    auto card = admin_->get(r.header("location"));
    ASSERT_EQ(card.status, 200);
    EXPECT_TRUE(contains(card.body, "Article enregistré"));
    EXPECT_TRUE(contains(card.body, "Isolation des combles"));
    EXPECT_TRUE(contains(card.body, "1\xE2\x80\xAF" "234,50\xC2\xA0€"));  // narrow no-break space, no-break space
    EXPECT_TRUE(contains(card.body, "987,654321"));
    EXPECT_TRUE(contains(card.body, "5,5\xC2\xA0%"));
    EXPECT_TRUE(contains(card.body, "Laine de verre<br>"));
    EXPECT_TRUE(contains(card.body, "&lt;script&gt;"));
    EXPECT_FALSE(contains(card.body, "<script>x"));
    EXPECT_TRUE(contains(card.body, "Taux de marque"));
    EXPECT_TRUE(contains(card.body, "Création"));  // the history
    auto api = app_->api("GET", "/api/v1/catalog/items?q=REN", company_.admin_token).json()["data"][0];
    EXPECT_EQ(api["unit_price"], "1234.5");
    EXPECT_EQ(api["vat"]["category"], "S");
    EXPECT_EQ(api["vat"]["exemption"], nullptr);
}

TEST_P(CatalogPagesTest, FormErrorsKeepTheValuesNameTheFieldsAndWriteNothing) {
    auto r = admin_->post("/catalog", with(item_fields("", "Sans référence"),
                                           {{"unit_price", "12,5x"}, {"cost_price", "-2"}, {"unit", ""},
                                            {"vat_rate", "0"}, {"vat_exemption", ""}}));
    ASSERT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, "L&apos;article n&apos;a pas été enregistré"));  // apostrophes are escaped
    EXPECT_TRUE(contains(r.body, R"(href="#f-reference")"));
    EXPECT_TRUE(contains(r.body, R"(href="#f-unit-price")"));
    EXPECT_TRUE(contains(r.body, R"(href="#f-cost-price")"));
    EXPECT_TRUE(contains(r.body, R"(href="#f-unit")"));
    EXPECT_TRUE(contains(r.body, R"(href="#f-vat-exemption")"));
    EXPECT_TRUE(contains(r.body, R"(id="f-unit-price-error")"));
    EXPECT_TRUE(contains(r.body, R"(value="12,5x")"));            // as typed
    EXPECT_TRUE(contains(r.body, R"(value="Sans référence")"));
    EXPECT_TRUE(contains(r.body, "n&apos;est pas un nombre valide"));
    EXPECT_EQ(item_count(), 0u);

    // A 0 % rate with its reason is accepted; the card prints the legal mention.
    auto ok = admin_->post("/catalog", with(item_fields("MICRO-1", "Prestation micro-entreprise"),
                                            {{"vat_rate", "0"}, {"vat_exemption", "franchise_en_base"}}));
    ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 2000);
    auto card = admin_->get(ok.header("location"));
    EXPECT_TRUE(contains(card.body, "TVA non applicable, art. 293 B du CGI"));
}

TEST_P(CatalogPagesTest, ADuplicateReferenceIsShownUnderTheField) {
    create("PLB-001", "Chauffe-eau");
    auto r = admin_->post("/catalog", item_fields("plb-001", "Autre"));
    ASSERT_EQ(r.status, 409);
    EXPECT_TRUE(contains(r.body, R"(id="f-reference-error")"));
    EXPECT_TRUE(contains(r.body, "déjà utilisée"));
    EXPECT_TRUE(contains(r.body, R"(value="Autre")"));
    EXPECT_EQ(item_count(), 1u);
}

TEST_P(CatalogPagesTest, EditThenDeactivateAndActivate) {
    auto id = create("PLB-001", "Chauffe-eau", {{"cost_price", "300"}});
    std::string base = "/catalog/" + std::to_string(id);
    auto form = admin_->get(base + "/edit");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(contains(form.body, R"(value="PLB-001")"));
    EXPECT_TRUE(contains(form.body, R"(value="300")"));
    auto r = admin_->post(base, with(item_fields("PLB-001", "Chauffe-eau 200 L"), {{"unit_price", "459,90"}, {"cost_price", "300"}}));
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 2000);
    auto card = admin_->get(base);
    EXPECT_TRUE(contains(card.body, "Chauffe-eau 200 L"));
    EXPECT_TRUE(contains(card.body, "Modification"));
    EXPECT_TRUE(contains(card.body, "459,90"));

    r = admin_->post(base + "/deactivate", {});
    ASSERT_EQ(r.status, 303);
    card = admin_->get(r.header("location"));
    EXPECT_TRUE(contains(card.body, "Article désactivé"));
    EXPECT_TRUE(contains(card.body, "/activate"));
    EXPECT_FALSE(contains(admin_->get("/catalog", true).body, "PLB-001"));
    EXPECT_TRUE(contains(admin_->get("/catalog?active=0", true).body, "PLB-001"));
    EXPECT_FALSE(contains(admin_->get("/catalog/picker?q=plb").body, "PLB-001"));
    ASSERT_EQ(admin_->post(base + "/activate", {}).status, 303);
    EXPECT_TRUE(contains(admin_->get("/catalog", true).body, "PLB-001"));
}

TEST_P(CatalogPagesTest, CostPricesAreForAdminAndSalesOnly) {
    auto id = create("PLB-001", "Chauffe-eau", {{"unit_price", "400"}, {"cost_price", "312,25"}});
    std::string card_path = "/catalog/" + std::to_string(id);
    EXPECT_TRUE(contains(admin_->get("/catalog").body, "Coût HT"));
    EXPECT_TRUE(contains(admin_->get(card_path).body, "312,25"));
    auto sales = user("sales@alpha.fr", "sales");
    EXPECT_TRUE(contains(sales->get(card_path).body, "312,25"));
    EXPECT_TRUE(contains(sales->get("/catalog/picker?q=plb").body, R"(data-cost-price="312.25")"));
    for (const auto& [email, role] : {std::pair{"compta@alpha.fr", "accountant"}, std::pair{"lecture@alpha.fr", "read_only"}}) {
        auto viewer = user(email, role);
        auto list = viewer->get("/catalog");
        ASSERT_EQ(list.status, 200);
        EXPECT_TRUE(contains(list.body, "PLB-001"));
        EXPECT_FALSE(contains(list.body, "Coût HT")) << role;
        EXPECT_FALSE(contains(list.body, "312")) << role;
        auto card = viewer->get(card_path);
        ASSERT_EQ(card.status, 200);
        EXPECT_FALSE(contains(card.body, "312")) << role;
        EXPECT_FALSE(contains(card.body, "Prix de revient")) << role;
        EXPECT_FALSE(contains(card.body, "Modifier")) << role;
        auto picker = viewer->get("/catalog/picker?q=plb");
        EXPECT_TRUE(contains(picker.body, "PLB-001"));
        EXPECT_FALSE(contains(picker.body, "data-cost-price")) << role;
        EXPECT_EQ(viewer->get("/catalog/new").status, 403);
        EXPECT_EQ(viewer->get(card_path + "/edit").status, 403);
        EXPECT_EQ(viewer->post("/catalog", item_fields("NO-1", "Refusé")).status, 403);
        EXPECT_EQ(viewer->post(card_path, item_fields("PLB-001", "Piraté")).status, 403);
        EXPECT_EQ(viewer->post(card_path + "/deactivate", {}).status, 403);
    }
    EXPECT_EQ(item_count(), 1u);
}

TEST_P(CatalogPagesTest, MissingCsrfTokenIsRefused) {
    auto id = create("PLB-001", "Chauffe-eau");
    std::string base = "/catalog/" + std::to_string(id);
    EXPECT_EQ(admin_->post("/catalog", item_fields("CSRF-1", "Sans jeton"), false).status, 403);
    EXPECT_EQ(admin_->post(base, item_fields("PLB-001", "Sans jeton"), false).status, 403);
    EXPECT_EQ(admin_->post(base + "/deactivate", {}, false).status, 403);
    EXPECT_EQ(admin_->post("/catalog", with(item_fields("CSRF-2", "Mauvais jeton"), {{"_csrf", "forged"}}), false).status, 403);
    EXPECT_EQ(item_count(), 1u);
    EXPECT_TRUE(app_->api("GET", "/api/v1/catalog/items/" + std::to_string(id), company_.admin_token).json()["active"].get<bool>());
}

TEST_P(CatalogPagesTest, ThePickerFragmentCarriesWhatADocumentLineNeeds) {
    create("PLB-001", "Chauffe-eau électrique", {{"unit_price", "459,9"}, {"cost_price", "300"}});
    create("MO-PLB", "Main d'œuvre plombier", {{"kind", "service"}, {"unit", "h"}, {"unit_price", "52"},
                                                {"vat_rate", "10"}});
    create("FORM-1", "Formation", {{"vat_rate", "0"}, {"vat_exemption", "general_interest"}});

    auto r = admin_->get("/catalog/picker?q=plomb");
    ASSERT_EQ(r.status, 200);
    EXPECT_FALSE(contains(r.body, "<html"));
    EXPECT_TRUE(contains(r.body, R"(data-reference="MO-PLB")"));
    EXPECT_TRUE(contains(r.body, R"(data-label="Main d&apos;œuvre plombier")"));
    EXPECT_TRUE(contains(r.body, R"(data-unit="h")"));
    EXPECT_TRUE(contains(r.body, R"(data-kind="service")"));
    EXPECT_TRUE(contains(r.body, R"(data-unit-price="52")"));
    EXPECT_TRUE(contains(r.body, R"(data-vat-category="S")"));
    EXPECT_TRUE(contains(r.body, R"(data-vat-rate="10")"));
    EXPECT_TRUE(contains(r.body, R"(data-vat-exemption="")"));
    EXPECT_TRUE(contains(r.body, R"(data-cost-price="")"));  // admin: unknown cost, attribute present
    EXPECT_FALSE(contains(r.body, "PLB-001"));

    auto exempt = admin_->get("/catalog/picker?q=form");
    EXPECT_TRUE(contains(exempt.body, R"(data-vat-category="E")"));
    EXPECT_TRUE(contains(exempt.body, R"(data-vat-exemption="general_interest")"));

    auto limited = admin_->get("/catalog/picker?limit=2");
    EXPECT_EQ(std::regex_search(limited.body, std::regex("data-catalog-item")), true);
    std::ptrdiff_t buttons = 0;
    for (std::size_t pos = 0; (pos = limited.body.find("data-catalog-item=", pos)) != std::string::npos; ++pos) ++buttons;
    EXPECT_EQ(buttons, 2);
    EXPECT_EQ(admin_->get("/catalog/picker?limit=abc").status, 200);

    auto none = admin_->get("/catalog/picker?q=zzzz");
    EXPECT_EQ(none.status, 200);
    EXPECT_TRUE(contains(none.body, "picker-empty"));
    EXPECT_TRUE(contains(none.body, "Aucun article actif ne correspond"));
}

TEST_P(CatalogPagesTest, UnknownIdsAndOtherCompaniesAreNotFound) {
    auto id = create("PLB-001", "Chauffe-eau");
    EXPECT_EQ(admin_->get("/catalog/999999").status, 404);
    EXPECT_EQ(admin_->get("/catalog/99999999999999999999").status, 404);
    EXPECT_EQ(admin_->post("/catalog/999999/deactivate", {}).status, 404);
    auto other_company = app_->create_company("Beta", "admin@beta.fr");
    auto other = session(other_company.admin_email, other_company.admin_password);
    EXPECT_EQ(other->get("/catalog/" + std::to_string(id)).status, 404);
    EXPECT_EQ(other->get("/catalog/" + std::to_string(id) + "/edit").status, 404);
    EXPECT_EQ(other->post("/catalog/" + std::to_string(id) + "/deactivate", {}).status, 404);
    EXPECT_FALSE(contains(other->get("/catalog").body, "PLB-001"));
    EXPECT_FALSE(contains(other->get("/catalog/picker?q=plb").body, "PLB-001"));
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogPagesTest, ::testing::ValuesIn(comptoir::testing::backends()),
                         [](const auto& info) { return comptoir::testing::backend_name(info.param); });

}  // namespace
}  // namespace comptoir::catalog
