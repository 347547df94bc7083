// The client base's pages through HTTP, as a browser uses them: list and search-as-you-type fragment,
// create / edit forms (errors, duplicate warning, force), card, archive, contacts, categories, roles
// and CSRF. Runs on SQLite, and on PostgreSQL when COMPTOIR_TEST_PG_URL is set.
#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "tests/support/test_app.hpp"

namespace comptoir::crm {
namespace {

using comptoir::testing::Backend;
using comptoir::testing::HttpResponse;
using comptoir::testing::TestApp;
using comptoir::testing::TestCompany;
using comptoir::testing::WebSession;
using Fields = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kPassword = "correct horse battery";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string capture(const std::string& text, const std::string& pattern) {
    std::smatch m;
    if (std::regex_search(text, m, std::regex(pattern))) return m[1];
    return {};
}

class ClientPagesTest : public ::testing::TestWithParam<Backend> {
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

    // A logged-in browser session, holding the CSRF token of a page.
    std::unique_ptr<WebSession> session(const std::string& email, const std::string& password) {
        auto s = std::make_unique<WebSession>(*app_);
        auto login = s->login(email, password);
        EXPECT_EQ(login.status, 303) << login.body;
        EXPECT_EQ(s->get("/clients").status, 200);
        return s;
    }
    std::unique_ptr<WebSession> user(const std::string& email, const std::string& role) {
        app_->add_user(company_, email, role, kPassword);
        return session(email, kPassword);
    }

    static Fields company_fields(const std::string& name) {
        return {{"kind", "company"},          {"status", "prospect"},       {"legal_name", name},
                {"billing_line1", "1 rue de la Paix"}, {"billing_postal_code", "75002"}, {"billing_city", "Paris"},
                {"billing_country", "FR"},   {"payment_terms", "30d"},     {"payment_method", "transfer"}};
    }

    // Creates a company through the form; returns its id.
    std::int64_t create(const std::string& name, Fields extra = {}) {
        Fields fields = company_fields(name);
        for (auto& f : extra) {
            bool replaced = false;
            for (auto& existing : fields)
                if (existing.first == f.first) {
                    existing.second = f.second;
                    replaced = true;
                }
            if (!replaced) fields.push_back(f);
        }
        auto r = admin_->post("/clients", fields);
        EXPECT_EQ(r.status, 303) << r.body.substr(0, 3000);
        return id_from_location(r.header("location"));
    }

    static std::int64_t id_from_location(const std::string& location) {
        auto id = capture(location, R"(/clients/(\d+))");
        return id.empty() ? 0 : std::stoll(id);
    }

    std::unique_ptr<TestApp> app_;
    TestCompany company_;
    std::unique_ptr<WebSession> admin_;
};

TEST_P(ClientPagesTest, ListRendersAndSearchUpdatesOnlyTheResults) {
    create("Boulangerie Martin");
    create("Garage Dupont");

    auto page = admin_->get("/clients");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Boulangerie Martin"));
    EXPECT_TRUE(contains(page.body, "Garage Dupont"));
    EXPECT_TRUE(contains(page.body, R"(href="/clients/new")"));
    EXPECT_TRUE(contains(page.body, R"(id="client-results" aria-live="polite")"));
    EXPECT_TRUE(contains(page.body, R"(hx-get="/clients")"));
    EXPECT_TRUE(contains(page.body, "<html"));

    auto fragment = admin_->get("/clients?q=boulan", true);
    ASSERT_EQ(fragment.status, 200);
    EXPECT_FALSE(contains(fragment.body, "<html"));
    EXPECT_FALSE(contains(fragment.body, "client-filters\" class"));  // not the search form
    EXPECT_TRUE(contains(fragment.body, "Boulangerie Martin"));
    EXPECT_FALSE(contains(fragment.body, "Garage Dupont"));
    EXPECT_EQ(fragment.header("vary"), "HX-Request");

    // Nothing found: the fragment says so.
    auto none = admin_->get("/clients?q=zzzzzz", true);
    EXPECT_EQ(none.status, 200);
    EXPECT_TRUE(contains(none.body, "Aucun résultat"));
}

TEST_P(ClientPagesTest, EmptyListInvitesToCreateTheFirstClient) {
    auto page = admin_->get("/clients");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "empty-state"));
    EXPECT_TRUE(contains(page.body, "Créer le premier client"));
}

TEST_P(ClientPagesTest, BadFilterValuesShowAnAlertNotACrash) {
    create("Boulangerie Martin");
    auto page = admin_->get("/clients?status=nope&category=abc&assigned=-1&sort=zz&cursor=%00garbage");
    EXPECT_EQ(page.status, 400);
    EXPECT_TRUE(contains(page.body, "alert"));
    EXPECT_TRUE(contains(page.body, "Statut inconnu"));
    EXPECT_TRUE(contains(page.body, "Catégorie invalide"));
    EXPECT_TRUE(contains(page.body, "Boulangerie Martin"));  // the other criteria still apply

    auto fragment = admin_->get("/clients?status=nope", true);
    EXPECT_EQ(fragment.status, 200);
    EXPECT_TRUE(contains(fragment.body, "Statut inconnu"));
}

TEST_P(ClientPagesTest, SortingAndPagination) {
    for (int i = 0; i < 27; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "Client %02d", i);
        create(name);
    }
    auto first = admin_->get("/clients");
    ASSERT_EQ(first.status, 200);
    EXPECT_TRUE(contains(first.body, "Client 00"));
    EXPECT_TRUE(contains(first.body, "Client 24"));
    EXPECT_FALSE(contains(first.body, "Client 25"));
    std::string next = capture(first.body, R"re(<a href="([^"]*cursor=[^"]*)")re");
    ASSERT_FALSE(next.empty());
    next = std::regex_replace(next, std::regex("&amp;"), "&");
    auto second = admin_->get(next, true);
    ASSERT_EQ(second.status, 200);
    EXPECT_TRUE(contains(second.body, "Client 25"));
    EXPECT_TRUE(contains(second.body, "Client 26"));
    EXPECT_FALSE(contains(second.body, "Client 03"));
    EXPECT_TRUE(contains(second.body, "Première page"));

    auto desc = admin_->get("/clients?sort=-name", true);
    ASSERT_EQ(desc.status, 200);
    EXPECT_TRUE(contains(desc.body, "Client 26"));
    EXPECT_FALSE(contains(desc.body, "Client 00"));
    EXPECT_TRUE(contains(desc.body, "is-sorted-desc"));
}

TEST_P(ClientPagesTest, CreateThroughTheFormThenTheCardShowsTheValues) {
    auto form = admin_->get("/clients/new");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(contains(form.body, R"(<label for="f-siret">)"));
    EXPECT_TRUE(contains(form.body, R"(hx-post="/clients/check-duplicates")"));

    auto r = admin_->post("/clients", {{"kind", "company"},
                                       {"status", "client"},
                                       {"legal_name", "Menuiserie Bois SARL"},
                                       {"trade_name", "Bois & Fils"},
                                       {"legal_form", "SARL"},
                                       {"siret", "732 829 320 00074"},
                                       {"vat_number", "FR44732829320"},
                                       {"email", "Contact@Bois-Fils.fr"},
                                       {"phone", "06 12 34 56 78"},
                                       {"website", "www.bois-fils.fr"},
                                       {"billing_line1", "12 rue des Artisans"},
                                       {"billing_postal_code", "69003"},
                                       {"billing_city", "Lyon"},
                                       {"billing_country", "FR"},
                                       {"delivery_different", "1"},
                                       {"delivery_line1", "Zone artisanale, lot 4"},
                                       {"delivery_postal_code", "69100"},
                                       {"delivery_city", "Villeurbanne"},
                                       {"delivery_country", "FR"},
                                       {"payment_terms", "45d_eom"},
                                       {"payment_method", "cheque"},
                                       {"default_discount", "5,5"},
                                       {"commercial_conditions", "Franco de port\ndès 500 €"},
                                       {"notes", "Première ligne\n<script>alert(1)</script>"},
                                       {"email_consent_granted", "1"},
                                       {"email_consent_date", "2024-03-01"},
                                       {"email_consent_source", "Salon Batimat"},
                                       {"email_consent_legal_basis", "consent"},
                                       {"contact_civility", "mrs"},
                                       {"contact_first_name", "Claire"},
                                       {"contact_last_name", "Bois"},
                                       {"contact_role", "Gérante"},
                                       {"contact_email", "claire@bois-fils.fr"},
                                       {"contact_phone", "0478000000"}});
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 4000);
    auto id = id_from_location(r.header("location"));
    ASSERT_GT(id, 0);
    EXPECT_TRUE(contains(r.header("location"), "saved=1"));

    auto card = admin_->get("/clients/" + std::to_string(id) + "?saved=1");
    ASSERT_EQ(card.status, 200);
    const auto& b = card.body;
    EXPECT_TRUE(contains(b, "Fiche client enregistrée"));
    EXPECT_TRUE(contains(b, "<h1>Menuiserie Bois SARL</h1>"));
    EXPECT_TRUE(contains(b, "Bois &amp; Fils"));
    EXPECT_TRUE(contains(b, "732 829 320 00074"));
    EXPECT_TRUE(contains(b, "732 829 320"));
    EXPECT_TRUE(contains(b, "FR44732829320"));
    EXPECT_TRUE(contains(b, R"(href="mailto:contact@bois-fils.fr")"));
    EXPECT_TRUE(contains(b, R"(href="tel:+33612345678")"));
    EXPECT_TRUE(contains(b, "06 12 34 56 78"));
    EXPECT_TRUE(contains(b, "https://www.bois-fils.fr"));
    EXPECT_TRUE(contains(b, "69003 Lyon"));
    EXPECT_TRUE(contains(b, "69100 Villeurbanne"));
    EXPECT_TRUE(contains(b, "45 jours fin de mois"));
    EXPECT_TRUE(contains(b, "Chèque"));
    EXPECT_TRUE(contains(b, "5,5 %"));
    EXPECT_TRUE(contains(b, "Franco de port<br>dès 500 €"));
    EXPECT_TRUE(contains(b, "Première ligne<br>&lt;script&gt;"));
    EXPECT_FALSE(contains(b, "<script>alert(1)"));
    EXPECT_TRUE(contains(b, "Salon Batimat"));
    EXPECT_TRUE(contains(b, "01/03/2024"));
    EXPECT_TRUE(contains(b, "Mme Claire Bois"));
    EXPECT_TRUE(contains(b, "Gérante"));
    EXPECT_TRUE(contains(b, "04 78 00 00 00"));
    EXPECT_TRUE(contains(b, "Historique des modifications"));
    EXPECT_TRUE(contains(b, "Création de la fiche"));
    EXPECT_TRUE(contains(b, "411MENUI"));  // generated accounting code
    EXPECT_TRUE(contains(b, "badge-client"));
}

TEST_P(ClientPagesTest, IndividualClient) {
    auto r = admin_->post("/clients", {{"kind", "individual"}, {"status", "prospect"}, {"civility", "mr"},
                                       {"first_name", "Jean"}, {"last_name", "Durand"}, {"billing_country", "FR"},
                                       {"payment_terms", "on_receipt"}, {"payment_method", "card"}});
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 3000);
    auto card = admin_->get(r.header("location"));
    EXPECT_TRUE(contains(card.body, "<h1>M. Jean Durand</h1>"));
    EXPECT_TRUE(contains(card.body, "Particulier"));
    EXPECT_TRUE(contains(card.body, "À réception"));

    // An individual needs a last name: the error names the field.
    auto bad = admin_->post("/clients", {{"kind", "individual"}, {"first_name", "Paul"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, R"(id="f-last-name-error")"));
    EXPECT_TRUE(contains(bad.body, R"(value="Paul")"));
}

TEST_P(ClientPagesTest, FormErrorKeepsValuesAndNamesTheField) {
    auto r = admin_->post("/clients", {{"kind", "company"},
                                       {"legal_name", "Menuiserie Bois"},
                                       {"siret", "123"},
                                       {"email", "claire@bois.fr"},
                                       {"billing_city", "Lyon"},
                                       {"default_discount", "beaucoup"},
                                       {"assigned_user_id", "12abc"},
                                       {"category_ids", "x1"},
                                       {"notes", "À rappeler"}});
    ASSERT_EQ(r.status, 422);
    const auto& b = r.body;
    EXPECT_TRUE(contains(b, R"(value="Menuiserie Bois")"));
    EXPECT_TRUE(contains(b, R"(value="claire@bois.fr")"));
    EXPECT_TRUE(contains(b, R"(value="Lyon")"));
    EXPECT_TRUE(contains(b, R"(value="beaucoup")"));
    EXPECT_TRUE(contains(b, ">À rappeler</textarea>"));
    // The SIRET's message sits under the SIRET input, which points to it.
    EXPECT_TRUE(contains(b, R"(id="f-siret-error")"));
    std::string siret_input = capture(b, R"re((<input type="text" id="f-siret"[^>]*>))re");
    EXPECT_TRUE(contains(siret_input, R"(aria-invalid="true")")) << siret_input;
    EXPECT_TRUE(contains(siret_input, "f-siret-error")) << siret_input;
    EXPECT_TRUE(contains(b, R"(id="f-default-discount-error")"));
    EXPECT_TRUE(contains(b, R"(id="f-assigned-user-id-error")"));
    EXPECT_TRUE(contains(b, R"(id="categories-error")"));
    // A summary at the top links to each field.
    EXPECT_TRUE(contains(b, R"(id="form-errors")"));
    EXPECT_TRUE(contains(b, R"(href="#f-siret")"));

    // Nothing was created.
    auto list = admin_->get("/clients");
    EXPECT_FALSE(contains(list.body, "Menuiserie Bois"));

    // A service-side error alone (no parse problem) is shown the same way.
    auto r2 = admin_->post("/clients", {{"kind", "company"}, {"legal_name", "Menuiserie Bois"}, {"siret", "73282932000075"}});
    EXPECT_EQ(r2.status, 422);
    EXPECT_TRUE(contains(r2.body, R"(id="f-siret-error")"));
    EXPECT_TRUE(contains(r2.body, R"(value="73282932000075")"));
}

TEST_P(ClientPagesTest, DuplicatePhoneTypedDifferentlyWarnsThenForceCreates) {
    auto first = create("Garage Dupont", {{"phone", "+33612345678"}});
    Fields second = company_fields("Garage Dupond");
    second.push_back({"phone", "06 12 34 56 78"});
    auto r = admin_->post("/clients", second);
    ASSERT_EQ(r.status, 409) << r.body.substr(0, 3000);
    EXPECT_TRUE(contains(r.body, "duplicates-panel"));
    EXPECT_TRUE(contains(r.body, "Garage Dupont"));
    EXPECT_TRUE(contains(r.body, "/clients/" + std::to_string(first)));
    EXPECT_TRUE(contains(r.body, R"(name="force" value="1")"));
    EXPECT_TRUE(contains(r.body, "Créer quand même"));
    EXPECT_TRUE(contains(r.body, R"(value="06 12 34 56 78")"));

    second.push_back({"force", "1"});
    auto forced = admin_->post("/clients", second);
    ASSERT_EQ(forced.status, 303) << forced.body.substr(0, 3000);
    EXPECT_NE(id_from_location(forced.header("location")), first);
}

TEST_P(ClientPagesTest, CheckDuplicatesFragment) {
    auto first = create("Garage Dupont", {{"phone", "+33612345678"}, {"siret", "73282932000074"}});
    auto r = admin_->post("/clients/check-duplicates", {{"kind", "company"}, {"phone", "06.12.34.56.78"}}, true, true);
    ASSERT_EQ(r.status, 200);
    EXPECT_FALSE(contains(r.body, "<html"));
    EXPECT_TRUE(contains(r.body, "duplicate-item"));
    EXPECT_TRUE(contains(r.body, R"(href="/clients/)" + std::to_string(first) + "\""));
    EXPECT_TRUE(contains(r.body, R"(target="_blank")"));
    EXPECT_TRUE(contains(r.body, "téléphone"));
    EXPECT_FALSE(contains(r.body, "name=\"force\""));

    auto by_siret = admin_->post("/clients/check-duplicates", {{"siret", "732 829 320 00074"}}, true, true);
    EXPECT_TRUE(contains(by_siret.body, "SIRET"));
    EXPECT_TRUE(contains(by_siret.body, "Garage Dupont"));

    // A first contact's email matching is found too.
    create("Atelier Nord", {{"contact_last_name", "Morel"}, {"contact_email", "morel@nord.fr"}});
    auto by_contact = admin_->post("/clients/check-duplicates", {{"contact_email", "MOREL@nord.fr"}}, true, true);
    EXPECT_TRUE(contains(by_contact.body, "Atelier Nord"));
    EXPECT_TRUE(contains(by_contact.body, "Morel"));

    auto none = admin_->post("/clients/check-duplicates", {{"phone", "07 00 00 00 01"}, {"siret", "12"}}, true, true);
    EXPECT_EQ(none.status, 200);
    EXPECT_FALSE(contains(none.body, "duplicate-item"));

    // Editing a client does not warn about itself.
    auto self = admin_->post("/clients/check-duplicates", {{"id", std::to_string(first)}, {"phone", "0612345678"}}, true, true);
    EXPECT_FALSE(contains(self.body, "duplicate-item"));
}

TEST_P(ClientPagesTest, ReadOnlyUserCannotCreate) {
    create("Boulangerie Martin");
    auto reader = user("lecture@alpha.fr", "read_only");
    auto list = reader->get("/clients");
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, "Boulangerie Martin"));
    EXPECT_FALSE(contains(list.body, R"(href="/clients/new")"));
    EXPECT_FALSE(contains(list.body, "Nouveau client"));

    auto post = reader->post("/clients", company_fields("Intrus"));
    EXPECT_EQ(post.status, 403);
    EXPECT_EQ(reader->get("/clients/new").status, 403);
    EXPECT_FALSE(contains(admin_->get("/clients").body, "Intrus"));

    // The card has no edit, archive or contact actions for them.
    auto id = id_from_location(capture(list.body, R"re(href="(/clients/\d+)")re"));
    auto card = reader->get("/clients/" + std::to_string(id));
    ASSERT_EQ(card.status, 200);
    EXPECT_FALSE(contains(card.body, "/edit\""));
    EXPECT_FALSE(contains(card.body, "/archive\""));
    EXPECT_EQ(reader->post("/clients/" + std::to_string(id) + "/archive", {}).status, 403);
}

TEST_P(ClientPagesTest, EditKeepsContactsAndRecordsHistory) {
    auto id = create("Garage Dupont", {{"contact_last_name", "Morel"}, {"contact_email", "morel@dupont.fr"}});
    std::string path = "/clients/" + std::to_string(id);
    auto form = admin_->get(path + "/edit");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(contains(form.body, R"(value="Garage Dupont")"));
    EXPECT_TRUE(contains(form.body, R"(value="Paris")"));
    EXPECT_FALSE(contains(form.body, "f-contact-last-name"));  // contacts are edited on the card

    Fields fields = company_fields("Garage Dupont & Fils");
    for (auto& f : fields) {
        if (f.first == "billing_city") f.second = "Lyon";
        if (f.first == "billing_postal_code") f.second = "69001";
    }
    auto r = admin_->post(path, fields);
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 3000);
    auto card = admin_->get(path);
    EXPECT_TRUE(contains(card.body, "Garage Dupont &amp; Fils"));
    EXPECT_TRUE(contains(card.body, "69001 Lyon"));
    EXPECT_TRUE(contains(card.body, "Morel"));  // the contact survived the edit
    EXPECT_TRUE(contains(card.body, "Modification de la fiche"));
    EXPECT_TRUE(contains(card.body, "Ville (facturation)"));
    EXPECT_TRUE(contains(card.body, "Paris</span>"));

    // Errors on edit keep the typed values.
    Fields bad = fields;
    bad.push_back({"email", "pas-un-email"});
    auto err = admin_->post(path, bad);
    EXPECT_EQ(err.status, 422);
    EXPECT_TRUE(contains(err.body, R"(value="pas-un-email")"));
    EXPECT_TRUE(contains(err.body, R"(id="f-email-error")"));
}

TEST_P(ClientPagesTest, AccountantEditsOnlyAccountingFields) {
    auto id = create("Garage Dupont");
    std::string path = "/clients/" + std::to_string(id);
    auto accountant = user("compta@alpha.fr", "accountant");
    auto form = accountant->get(path + "/edit");
    ASSERT_EQ(form.status, 200);
    std::string legal = capture(form.body, R"re((<input type="text" id="f-legal-name"[^>]*>))re");
    EXPECT_TRUE(contains(legal, "disabled")) << legal;
    std::string code = capture(form.body, R"re((<input type="text" id="f-accounting-code"[^>]*>))re");
    EXPECT_FALSE(contains(code, "disabled")) << code;

    auto r = accountant->post(path, {{"accounting_code", "411GARAGE"}, {"payment_terms", "60d"}, {"payment_method", "transfer"},
                                     {"legal_name", "Renamed"}});
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 3000);
    auto card = admin_->get(path);
    EXPECT_TRUE(contains(card.body, "411GARAGE"));
    EXPECT_TRUE(contains(card.body, "60 jours"));
    EXPECT_TRUE(contains(card.body, "<h1>Garage Dupont</h1>"));
    EXPECT_EQ(accountant->post("/clients", company_fields("Nouveau")).status, 403);
}

TEST_P(ClientPagesTest, ArchiveHidesFromTheDefaultListAndRestoreBringsBack) {
    auto id = create("Garage Dupont");
    create("Boulangerie Martin");
    std::string path = "/clients/" + std::to_string(id);
    auto r = admin_->post(path + "/archive", {});
    ASSERT_EQ(r.status, 303);
    auto card = admin_->get(r.header("location"));
    EXPECT_TRUE(contains(card.body, "Client archivé."));
    EXPECT_TRUE(contains(card.body, "Restaurer"));
    EXPECT_TRUE(contains(card.body, "Archivage"));

    auto list = admin_->get("/clients");
    EXPECT_FALSE(contains(list.body, "Garage Dupont"));
    EXPECT_TRUE(contains(list.body, "Boulangerie Martin"));
    auto archived = admin_->get("/clients?archived=1");
    EXPECT_TRUE(contains(archived.body, "Garage Dupont"));
    EXPECT_FALSE(contains(archived.body, "Boulangerie Martin"));

    ASSERT_EQ(admin_->post(path + "/restore", {}).status, 303);
    EXPECT_TRUE(contains(admin_->get("/clients").body, "Garage Dupont"));
}

TEST_P(ClientPagesTest, ContactsAddEditDelete) {
    auto id = create("Garage Dupont", {{"phone", "0147000000"}});
    std::string path = "/clients/" + std::to_string(id);
    auto form = admin_->get(path + "/contacts/new");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(contains(form.body, R"(<label for="f-emails-0">)"));

    auto add = admin_->post(path + "/contacts", {{"civility", "mr"}, {"first_name", "Luc"}, {"last_name", "Petit"},
                                                 {"role", "Comptable"}, {"emails", "luc@dupont.fr"}, {"emails", ""},
                                                 {"phones", "06 11 22 33 44"}, {"phones", ""}});
    ASSERT_EQ(add.status, 303) << add.body.substr(0, 3000);
    auto card = admin_->get(path);
    EXPECT_TRUE(contains(card.body, "M. Luc Petit"));
    EXPECT_TRUE(contains(card.body, "Comptable"));
    EXPECT_TRUE(contains(card.body, "06 11 22 33 44"));
    EXPECT_TRUE(contains(card.body, "Contact ajouté"));
    std::string contact_id = capture(card.body, R"re(/contacts/(\d+)/edit)re");
    ASSERT_FALSE(contact_id.empty());

    // A bad second phone is reported under that input, values kept.
    auto bad = admin_->post("/contacts/" + contact_id, {{"first_name", "Luc"}, {"last_name", "Petit"}, {"emails", "luc@dupont.fr"},
                                                        {"phones", "06 11 22 33 44"}, {"phones", "abc"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, R"(id="f-phones-1-error")"));
    EXPECT_TRUE(contains(bad.body, R"(value="abc")"));

    // The client's own phone on a contact of another client: warning, then "save anyway".
    auto other = create("Boulangerie Martin");
    auto dup = admin_->post("/clients/" + std::to_string(other) + "/contacts",
                            {{"last_name", "Martin"}, {"phones", "01 47 00 00 00"}});
    EXPECT_EQ(dup.status, 409);
    EXPECT_TRUE(contains(dup.body, "Garage Dupont"));
    EXPECT_TRUE(contains(dup.body, "Enregistrer quand même"));
    auto forced = admin_->post("/clients/" + std::to_string(other) + "/contacts",
                               {{"last_name", "Martin"}, {"phones", "01 47 00 00 00"}, {"force", "1"}});
    EXPECT_EQ(forced.status, 303);

    auto edit = admin_->get("/contacts/" + contact_id + "/edit");
    ASSERT_EQ(edit.status, 200);
    EXPECT_TRUE(contains(edit.body, R"(value="Petit")"));
    auto save = admin_->post("/contacts/" + contact_id, {{"civility", "mr"}, {"first_name", "Luc"}, {"last_name", "Petit"},
                                                          {"role", "Directeur financier"}, {"emails", "luc@dupont.fr"},
                                                          {"phones", "06 11 22 33 44"}});
    ASSERT_EQ(save.status, 303) << save.body.substr(0, 3000);
    card = admin_->get(path);
    EXPECT_TRUE(contains(card.body, "Directeur financier"));
    EXPECT_TRUE(contains(card.body, "Contact modifié"));

    auto del = admin_->post("/contacts/" + contact_id + "/delete", {});
    ASSERT_EQ(del.status, 303);
    card = admin_->get(path);
    EXPECT_FALSE(contains(card.body, "Directeur financier"));
    EXPECT_TRUE(contains(card.body, "Contact supprimé"));
    EXPECT_EQ(admin_->get("/contacts/" + contact_id + "/edit").status, 404);
}

TEST_P(ClientPagesTest, CategoriesAreAdminOnly) {
    auto page = admin_->get("/admin/categories");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, R"(href="/admin/users")"));
    auto created = admin_->post("/admin/categories", {{"name", "Artisans"}, {"color", "#2e9e5b"}});
    ASSERT_EQ(created.status, 303);
    page = admin_->get("/admin/categories");
    EXPECT_TRUE(contains(page.body, "Artisans"));
    EXPECT_TRUE(contains(page.body, "chip-dot-green"));
    std::string cat_id = capture(page.body, R"re(action="/admin/categories/(\d+)")re");
    ASSERT_FALSE(cat_id.empty());

    auto empty_name = admin_->post("/admin/categories", {{"name", "  "}, {"color", "#2e9e5b"}});
    EXPECT_EQ(empty_name.status, 422);
    EXPECT_TRUE(contains(empty_name.body, R"(id="f-name-error")"));

    // Used on a client: it shows as a chip on the card and filters the list.
    auto id = create("Garage Dupont", {{"category_ids", cat_id}});
    create("Boulangerie Martin");
    EXPECT_TRUE(contains(admin_->get("/clients/" + std::to_string(id)).body, "chip-dot-green"));
    auto filtered = admin_->get("/clients?category=" + cat_id, true);
    EXPECT_TRUE(contains(filtered.body, "Garage Dupont"));
    EXPECT_FALSE(contains(filtered.body, "Boulangerie Martin"));

    auto renamed = admin_->post("/admin/categories/" + cat_id, {{"name", "Artisans du bâtiment"}, {"color", "#d6423a"}});
    ASSERT_EQ(renamed.status, 303);
    page = admin_->get("/admin/categories");
    EXPECT_TRUE(contains(page.body, "Artisans du bâtiment"));
    EXPECT_TRUE(contains(page.body, "chip-dot-red"));

    auto sales = user("vente@alpha.fr", "sales");
    EXPECT_EQ(sales->get("/admin/categories").status, 403);
    EXPECT_EQ(sales->post("/admin/categories", {{"name", "Intrus"}}).status, 403);
    EXPECT_EQ(sales->post("/admin/categories/" + cat_id + "/delete", {}).status, 403);

    ASSERT_EQ(admin_->post("/admin/categories/" + cat_id + "/delete", {}).status, 303);
    EXPECT_FALSE(contains(admin_->get("/admin/categories").body, "Artisans du bâtiment"));
}

TEST_P(ClientPagesTest, MissingCsrfTokenIsRefused) {
    auto r = admin_->post("/clients", company_fields("Sans Jeton"), false);
    EXPECT_EQ(r.status, 403);
    auto id = create("Garage Dupont");
    EXPECT_EQ(admin_->post("/clients/" + std::to_string(id) + "/archive", {}, false).status, 403);
    EXPECT_EQ(admin_->post("/clients/check-duplicates", {{"phone", "0612345678"}}, false, true).status, 403);
    EXPECT_FALSE(contains(admin_->get("/clients").body, "Sans Jeton"));
}

TEST_P(ClientPagesTest, KindAndDeliveryRefreshKeepValues) {
    auto r = admin_->post("/clients/new/refresh", {{"kind", "individual"}, {"legal_name", "X"}, {"email", "a@b.fr"},
                                                   {"delivery_different", "1"}}, true, true);
    ASSERT_EQ(r.status, 200);
    EXPECT_FALSE(contains(r.body, "<html"));
    EXPECT_TRUE(contains(r.body, R"(id="f-last-name")"));
    EXPECT_FALSE(contains(r.body, R"(id="f-legal-name")"));
    EXPECT_TRUE(contains(r.body, R"(id="f-delivery-line1")"));
    EXPECT_TRUE(contains(r.body, R"(value="a@b.fr")"));
    EXPECT_TRUE(contains(r.body, R"(id="first-contact")"));
    EXPECT_FALSE(contains(r.body, R"(id="f-contact-email")"));
}

TEST_P(ClientPagesTest, UnknownIdsAndGarbageAreHandled) {
    EXPECT_EQ(admin_->get("/clients/999999").status, 404);
    EXPECT_EQ(admin_->get("/clients/99999999999999999999999").status, 404);
    EXPECT_EQ(admin_->get("/clients/999999/edit").status, 404);
    EXPECT_EQ(admin_->post("/clients/999999", company_fields("X")).status, 404);
    EXPECT_EQ(admin_->get("/contacts/999999/edit").status, 404);
    EXPECT_EQ(admin_->post("/admin/categories/999999/delete", {}).status, 404);
    auto weird = admin_->post("/clients", {{"kind", "\xff\xfe"}, {"status", std::string("a\0b", 3)}, {"default_discount", "1e9"},
                                           {"category_ids", "99999999999999999999"}});
    EXPECT_EQ(weird.status, 422);
}

std::string backend_label(const ::testing::TestParamInfo<Backend>& info) { return comptoir::testing::backend_name(info.param); }

INSTANTIATE_TEST_SUITE_P(Backends, ClientPagesTest, ::testing::ValuesIn(comptoir::testing::backends()), backend_label);

}  // namespace
}  // namespace comptoir::crm
