// The commercial documents' pages through HTTP, as a browser uses them: the list and its filters, the
// editor (French decimals, sections, exempt lines, line operations, the live preview, field errors),
// the document page and its actions (validate, convert, statuses, deposit), the PDF, CSRF and roles.
// Runs on SQLite, and on PostgreSQL when COMPTOIR_TEST_PG_URL is set.
#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "core/money/money.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::sales {
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

// "1 680,50 €" exactly as the pages print it (narrow no-break spaces, no-break space before €).
std::string euros(std::int64_t cents) { return Money::from_cents(cents).to_display_fr(); }

class DocumentPagesTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app_ = std::make_unique<TestApp>(GetParam());
        company_ = app_->create_company("Alpha", "admin@alpha.fr");
        app_->identify_company(company_);
        admin_ = session(company_.admin_email, company_.admin_password);
        auto c = app_->api("POST", "/api/v1/clients", company_.admin_token,
                           json{{"legal_name", "Boulangerie Martin"},
                                {"siren", "732829320"},
                                {"payment_terms", "30d"},
                                {"billing_address", {{"line1", "12 rue de la République"}, {"postal_code", "69002"}, {"city", "Lyon"}}}});
        ASSERT_EQ(c.status, 201) << c.body;
        client_id_ = std::to_string(c.json()["id"].get<std::int64_t>());
    }
    void TearDown() override {
        admin_.reset();
        app_.reset();
    }

    std::unique_ptr<WebSession> session(const std::string& email, const std::string& password) {
        auto s = std::make_unique<WebSession>(*app_);
        auto login = s->login(email, password);
        EXPECT_EQ(login.status, 303) << login.body;
        EXPECT_EQ(s->get("/documents").status, 200);
        return s;
    }
    std::unique_ptr<WebSession> user(const std::string& email, const std::string& role) {
        app_->add_user(company_, email, role, kPassword);
        return session(email, kPassword);
    }

    // A quote as a person types it: a section, an item in French decimals with its cost, an exempt
    // training line, a subtotal. 12,5 × 38,40 = 480,00 (10 %) ; 1 200,50 exempt ; total 1 680,50 HT.
    Fields quote_fields() const {
        return {{"type", "quote"},
                {"client_id", client_id_},
                {"title", "Rénovation du fournil"},
                {"payment_terms", ""},
                {"operation", "mixed"},
                {"lines[0][kind]", "section"},
                {"lines[0][description]", "Fournitures"},
                {"lines[1][kind]", "item"},
                {"lines[1][description]", "Carrelage grès cérame"},
                {"lines[1][quantity]", "12,5"},
                {"lines[1][unit]", "m²"},
                {"lines[1][unit_price]", "38,40"},
                {"lines[1][vat]", "10"},
                {"lines[1][unit_cost]", "22"},
                {"lines[2][kind]", "item"},
                {"lines[2][description]", "Formation à l'entretien"},
                {"lines[2][quantity]", "1"},
                {"lines[2][unit_price]", "1 200,50"},
                {"lines[2][vat]", "ex:general_interest"},
                {"lines[3][kind]", "subtotal"},
                {"lines[3][description]", ""}};
    }

    // Creates a quote through the form; returns its id.
    std::string create_quote(WebSession& s) {
        auto r = s.post("/documents", quote_fields());
        EXPECT_EQ(r.status, 303) << r.body.substr(0, 4000);
        return capture(r.header("location"), R"(/documents/(\d+))");
    }

    json api_document(const std::string& id) {
        return app_->api("GET", "/api/v1/documents/" + id, company_.admin_token).json();
    }

    std::string validate(WebSession& s, const std::string& id) {
        s.get("/documents/" + id);
        auto r = s.post("/documents/" + id + "/validate", {});
        EXPECT_EQ(r.status, 303) << r.body.substr(0, 3000);
        return api_document(id)["number"].is_string() ? api_document(id)["number"].get<std::string>() : "";
    }

    std::unique_ptr<TestApp> app_;
    TestCompany company_;
    std::unique_ptr<WebSession> admin_;
    std::string client_id_;
};

TEST_P(DocumentPagesTest, EmptyListInvitesToCreateTheFirstQuote) {
    auto page = admin_->get("/documents");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, R"(href="/documents")"));  // the navigation entry
    EXPECT_TRUE(contains(page.body, "Ventes"));
    EXPECT_TRUE(contains(page.body, "empty-state"));
    EXPECT_TRUE(contains(page.body, "Aucun document pour l&apos;instant"));
    EXPECT_TRUE(contains(page.body, R"(href="/documents/new?type=quote")"));
}

TEST_P(DocumentPagesTest, ListFiltersByTypeStatusClientNumberAndPeriod) {
    auto quote = create_quote(*admin_);
    auto fields = quote_fields();
    fields[0].second = "invoice";
    auto r = admin_->post("/documents", fields);
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 3000);
    auto invoice = capture(r.header("location"), R"(/documents/(\d+))");
    auto number = validate(*admin_, quote);
    ASSERT_FALSE(number.empty());

    auto all = admin_->get("/documents");
    ASSERT_EQ(all.status, 200);
    EXPECT_TRUE(contains(all.body, number));
    EXPECT_TRUE(contains(all.body, ">Brouillon</a>"));  // the invoice, not numbered yet
    EXPECT_TRUE(contains(all.body, "Boulangerie Martin"));
    EXPECT_TRUE(contains(all.body, euros(168050 + 4800)));  // total incl. VAT: 10 % of 480,00 only
    // Newest first: the invoice's row comes before the quote's.
    EXPECT_LT(all.body.find("/documents/" + invoice + "\""), all.body.find("/documents/" + quote + "\""));

    auto quotes = admin_->get("/documents?type=quote");
    EXPECT_TRUE(contains(quotes.body, number));
    EXPECT_FALSE(contains(quotes.body, "/documents/" + invoice + "\""));
    EXPECT_TRUE(contains(quotes.body, R"(aria-current="page">Devis</a>)"));
    auto invoices = admin_->get("/documents?type=invoice&status=draft");
    EXPECT_TRUE(contains(invoices.body, "/documents/" + invoice + "\""));
    EXPECT_FALSE(contains(invoices.body, number));

    // The client: a search resolved to the one client that matches, or its id (a link from its card).
    auto by_client = admin_->get("/documents?client=boulan");
    EXPECT_TRUE(contains(by_client.body, "/documents/" + invoice + "\""));
    EXPECT_TRUE(contains(by_client.body, "Tous les clients"));
    auto nobody = admin_->get("/documents?client=zzzz", true);
    EXPECT_EQ(nobody.status, 200);
    EXPECT_FALSE(contains(nobody.body, "<html"));
    EXPECT_TRUE(contains(nobody.body, "Aucun client ne correspond"));
    EXPECT_FALSE(contains(nobody.body, "/documents/" + invoice + "\""));
    auto by_id = admin_->get("/documents?client_id=" + client_id_);
    EXPECT_TRUE(contains(by_id.body, "/documents/new?type=quote&amp;client_id=" + client_id_));

    auto by_number = admin_->get("/documents?number=" + number.substr(0, 3));
    EXPECT_TRUE(contains(by_number.body, number));
    EXPECT_FALSE(contains(by_number.body, "/documents/" + invoice + "\""));
    auto future = admin_->get("/documents?from=2999-01-01");
    EXPECT_TRUE(contains(future.body, "Aucun document"));
    EXPECT_FALSE(contains(future.body, number));

    auto bad = admin_->get("/documents?status=nope&from=2026-13-45&type=bill");
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(contains(bad.body, "Statut inconnu"));
    EXPECT_TRUE(contains(bad.body, "Date invalide"));

    // Archived documents leave the default list and have their own view.
    admin_->get("/documents/" + quote);
    EXPECT_EQ(admin_->post("/documents/" + quote + "/archive", {}).status, 303);
    EXPECT_FALSE(contains(admin_->get("/documents").body, number));
    EXPECT_TRUE(contains(admin_->get("/documents?archived=1").body, number));
}

TEST_P(DocumentPagesTest, ListPagesWithANextCursor) {
    for (int i = 0; i < 27; ++i) {
        auto r = app_->api("POST", "/api/v1/documents", company_.admin_token,
                           json{{"type", "quote"}, {"client_id", std::stoll(client_id_)}, {"title", "Devis " + std::to_string(i)}});
        ASSERT_EQ(r.status, 201) << r.body;
    }
    auto first = admin_->get("/documents");
    EXPECT_TRUE(contains(first.body, "Devis 26"));
    EXPECT_FALSE(contains(first.body, "Devis 1<"));
    auto next = capture(first.body, R"re(href="(/documents\?cursor=\d+)")re");
    ASSERT_FALSE(next.empty()) << "no next link";
    auto second = admin_->get(next);
    EXPECT_TRUE(contains(second.body, "Devis 1<"));
    EXPECT_TRUE(contains(second.body, "Devis 0<"));
    EXPECT_FALSE(contains(second.body, "Devis 26"));
}

TEST_P(DocumentPagesTest, CreateAQuoteThroughTheFormWithFrenchDecimalsASectionAndAnExemptLine) {
    auto editor = admin_->get("/documents/new?type=quote&client_id=" + client_id_);
    ASSERT_EQ(editor.status, 200);
    EXPECT_TRUE(contains(editor.body, "Nouveau devis"));
    EXPECT_TRUE(contains(editor.body, R"(name="client_id" value=")" + client_id_ + R"(" checked)"));
    EXPECT_TRUE(contains(editor.body, R"(hx-post="/documents/preview")"));
    EXPECT_TRUE(contains(editor.body, R"(name="lines[0][unit_cost]")"));  // admins see cost prices

    auto id = create_quote(*admin_);
    ASSERT_FALSE(id.empty());
    auto d = api_document(id);
    ASSERT_EQ(d["lines"].size(), 4u) << d.dump();
    EXPECT_EQ(d["lines"][0]["kind"], "section");
    EXPECT_EQ(d["lines"][1]["quantity"], "12.5");
    EXPECT_EQ(d["lines"][1]["unit_price"], "38.4");
    EXPECT_EQ(d["lines"][1]["unit_cost"], "22");
    EXPECT_EQ(d["lines"][1]["net"], "480.00");
    EXPECT_EQ(d["lines"][2]["unit_price"], "1200.5");
    EXPECT_EQ(d["lines"][2]["vat"]["category"], "E");
    EXPECT_EQ(d["lines"][2]["vat"]["exemption"], "general_interest");
    EXPECT_EQ(d["lines"][3]["kind"], "subtotal");
    EXPECT_EQ(d["totals"]["total_excl_vat"], "1680.50");
    EXPECT_EQ(d["totals"]["total_vat"], "48.00");
    EXPECT_EQ(d["operation"], "mixed");
    EXPECT_EQ(d["payment_terms"], "30d");  // left to the client's

    auto page = admin_->get("/documents/" + id + "?done=saved");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Brouillon enregistré"));
    EXPECT_TRUE(contains(page.body, "Fournitures"));
    EXPECT_TRUE(contains(page.body, euros(48000)));
    EXPECT_TRUE(contains(page.body, euros(168050)));
    EXPECT_TRUE(contains(page.body, "art. 261"));  // the exemption's legal mention
    EXPECT_TRUE(contains(page.body, R"(href="/documents/)" + id + R"(/edit")"));

    // Editing shows the numbers back in French and keeps them.
    auto edit = admin_->get("/documents/" + id + "/edit");
    ASSERT_EQ(edit.status, 200);
    EXPECT_TRUE(contains(edit.body, R"(name="lines[1][quantity]" value="12,5")"));
    EXPECT_TRUE(contains(edit.body, R"(name="lines[1][unit_price]" value="38,40")"));
    EXPECT_TRUE(contains(edit.body, R"(<option value="ex:general_interest" selected>)"));
    auto fields = quote_fields();
    fields[2].second = "Rénovation complète";
    auto saved = admin_->post("/documents/" + id + "/edit", fields);
    EXPECT_EQ(saved.status, 303) << saved.body.substr(0, 3000);
    EXPECT_EQ(api_document(id)["title"], "Rénovation complète");
}

TEST_P(DocumentPagesTest, PreviewComputesTotalsAndShowsMarginsToAdminsOnly) {
    admin_->get("/documents/new?type=quote");
    auto preview = admin_->post("/documents/preview", quote_fields(), true, true);
    ASSERT_EQ(preview.status, 200) << preview.body;
    EXPECT_FALSE(contains(preview.body, "<html"));
    EXPECT_TRUE(contains(preview.body, euros(168050)));  // total excl. VAT
    EXPECT_TRUE(contains(preview.body, euros(172850)));  // total incl. VAT
    EXPECT_TRUE(contains(preview.body, R"(id="line-1-amount" class="line-amount" hx-swap-oob="true">)" + euros(48000)));
    EXPECT_TRUE(contains(preview.body, R"(id="line-0-amount" class="line-amount" hx-swap-oob="true">)" + euros(168050)));  // the section
    EXPECT_TRUE(contains(preview.body, R"(id="line-3-amount" class="line-amount" hx-swap-oob="true">)" + euros(168050)));  // the subtotal
    EXPECT_TRUE(contains(preview.body, "Taux de marque"));
    EXPECT_TRUE(contains(preview.body, euros(27500)));  // cost: 12,5 × 22

    // While typing: a line not yet described still counts; a price being typed wrong is named.
    auto typing = quote_fields();
    typing.push_back({"lines[4][kind]", "item"});
    typing.push_back({"lines[4][description]", ""});
    typing.push_back({"lines[4][quantity]", "2"});
    typing.push_back({"lines[4][unit_price]", "10"});
    typing.push_back({"lines[4][vat]", "20"});
    typing.push_back({"lines[5][kind]", "item"});
    typing.push_back({"lines[5][description]", "Pose"});
    typing.push_back({"lines[5][quantity]", "1"});
    typing.push_back({"lines[5][unit_price]", "-3"});
    typing.push_back({"lines[5][vat]", "20"});
    auto partial = admin_->post("/documents/preview", typing, true, true);
    EXPECT_TRUE(contains(partial.body, R"(id="line-5-unit_price-msg")"));
    EXPECT_TRUE(contains(partial.body, "négatif"));
    EXPECT_TRUE(contains(partial.body, R"(id="line-4-description-msg" data-for="line-4-description" hx-swap-oob="true"></span>)"));

    // The accountant sees the totals, never a cost price nor a margin.
    auto accountant = user("compta@alpha.fr", "accountant");
    auto hidden = accountant->post("/documents/preview", quote_fields(), true, true);
    ASSERT_EQ(hidden.status, 200);
    EXPECT_TRUE(contains(hidden.body, euros(168050)));
    EXPECT_FALSE(contains(hidden.body, "Taux de marque"));
    EXPECT_FALSE(contains(hidden.body, "line-1-margin"));
    EXPECT_FALSE(contains(hidden.body, euros(27500)));
    auto id = create_quote(*admin_);
    auto page = accountant->get("/documents/" + id);
    ASSERT_EQ(page.status, 200);
    EXPECT_FALSE(contains(page.body, "Taux de marque"));
    EXPECT_FALSE(contains(page.body, euros(27500)));
    EXPECT_TRUE(contains(admin_->get("/documents/" + id).body, "Taux de marque"));
    // Nor may the accountant write quotes.
    EXPECT_EQ(accountant->get("/documents/new?type=quote").status, 403);
}

TEST_P(DocumentPagesTest, FieldErrorsAreNamedNextToTheirFieldAndNothingIsWritten) {
    admin_->get("/documents/new");
    Fields bad = {{"type", "quote"},
                  {"lines[0][kind]", "item"},
                  {"lines[0][description]", "Remise"},
                  {"lines[0][quantity]", "1"},
                  {"lines[0][unit_price]", "-5"},
                  {"lines[0][vat]", "20"},
                  {"lines[1][kind]", "item"},
                  {"lines[1][description]", ""},
                  {"lines[1][quantity]", "deux"},
                  {"lines[1][unit_price]", "10"},
                  {"lines[1][vat]", "20"},
                  {"issue_date", "2026-02-30"}};
    auto r = admin_->post("/documents", bad);
    ASSERT_EQ(r.status, 422) << r.body.substr(0, 2000);
    EXPECT_TRUE(contains(r.body, "Choisissez le client"));
    EXPECT_TRUE(contains(r.body, R"(name="lines[0][unit_price]" value="-5" inputmode="decimal" autocomplete="off" aria-describedby="line-0-unit_price-msg" aria-invalid="true")"));
    EXPECT_TRUE(contains(r.body, R"(id="line-0-unit_price-msg" data-for="line-0-unit_price">Prix unitaire HT : le prix unitaire HT ne peut pas être négatif)"));
    EXPECT_TRUE(contains(r.body, R"(name="lines[1][quantity]" value="deux")"));  // kept as typed
    EXPECT_TRUE(contains(r.body, R"(id="line-1-quantity-msg" data-for="line-1-quantity">)"));
    EXPECT_FALSE(contains(r.body, R"(id="line-1-quantity-msg" data-for="line-1-quantity"></span>)"));
    EXPECT_TRUE(contains(r.body, R"(id="line-1-description-msg" data-for="line-1-description">Désignation : indiquez la désignation)"));
    EXPECT_TRUE(contains(r.body, R"(href="#line-0-unit_price")"));  // the summary links to the field
    EXPECT_TRUE(contains(r.body, R"(id="f-issue-date")"));
    EXPECT_TRUE(contains(r.body, "Date invalide"));
    EXPECT_EQ(app_->api("GET", "/api/v1/documents", company_.admin_token).json()["data"].size(), 0u);
}

TEST_P(DocumentPagesTest, LineOperationsRenderTheFormAgainWithoutSaving) {
    admin_->get("/documents/new");
    auto fields = quote_fields();
    fields.push_back({"_op", "up:2"});
    auto moved = admin_->post("/documents", fields, true, true);
    ASSERT_EQ(moved.status, 200);
    EXPECT_TRUE(contains(moved.body, R"(name="lines[1][description]" rows="2" maxlength="5000" aria-describedby="line-1-description-msg">Formation)"));
    EXPECT_TRUE(contains(moved.body, R"(value="up:1" class="btn btn-ghost btn-small btn-icon" hx-post="/documents" autofocus)"));

    fields.back() = {"_op", "remove:0"};
    auto removed = admin_->post("/documents", fields);
    EXPECT_TRUE(contains(removed.body, R"(name="lines[0][kind]" value="item")"));
    EXPECT_FALSE(contains(removed.body, R"(name="lines[3][kind]")"));

    fields.back() = {"_op", "add:section"};
    auto added = admin_->post("/documents", fields);
    EXPECT_TRUE(contains(added.body, R"(name="lines[4][kind]" value="section")"));

    fields.back() = {"_op", "pick"};
    for (auto f : Fields{{"pick_id", "7"}, {"pick_reference", "PLB-001"}, {"pick_label", "Robinet mitigeur"}, {"pick_unit", "u"},
                         {"pick_unit_price", "89.9"}, {"pick_vat_category", "S"}, {"pick_vat_rate", "20"},
                         {"pick_vat_exemption", ""}, {"pick_cost_price", "41.5"}})
        fields.push_back(f);
    auto picked = admin_->post("/documents", fields);
    EXPECT_TRUE(contains(picked.body, R"(name="lines[4][reference]" value="PLB-001")"));
    EXPECT_TRUE(contains(picked.body, R"(name="lines[4][unit_price]" value="89,90")"));
    EXPECT_TRUE(contains(picked.body, R"(name="lines[4][unit_cost]" value="41,50")"));
    EXPECT_TRUE(contains(picked.body, ">Robinet mitigeur</textarea>"));
    EXPECT_EQ(app_->api("GET", "/api/v1/documents", company_.admin_token).json()["data"].size(), 0u);

    auto options = admin_->get("/documents/client-options?client_q=boul", true);
    EXPECT_EQ(options.status, 200);
    EXPECT_TRUE(contains(options.body, R"(name="client_id" value=")" + client_id_ + "\""));
    EXPECT_TRUE(contains(admin_->get("/documents/client-options?client_q=zzz", true).body, "Aucun client ne correspond"));
}

TEST_P(DocumentPagesTest, ValidateFromThePageThenTheDocumentIsLocked) {
    auto id = create_quote(*admin_);
    auto page = admin_->get("/documents/" + id);
    EXPECT_TRUE(contains(page.body, R"(action="/documents/)" + id + R"(/validate")"));
    EXPECT_TRUE(contains(page.body, "numéro définitif"));  // the confirmation explains

    auto r = admin_->post("/documents/" + id + "/validate", {});
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 3000);
    EXPECT_EQ(r.header("location"), "/documents/" + id + "?done=validated");
    auto number = api_document(id)["number"].get<std::string>();
    EXPECT_TRUE(number.starts_with("DE-")) << number;
    auto validated = admin_->get(r.header("location"));
    EXPECT_TRUE(contains(validated.body, number));
    EXPECT_TRUE(contains(validated.body, "Document validé"));
    EXPECT_TRUE(contains(validated.body, "ne peut plus être modifié"));
    EXPECT_FALSE(contains(validated.body, R"(href="/documents/)" + id + R"(/edit")"));

    auto edit = admin_->get("/documents/" + id + "/edit");
    EXPECT_EQ(edit.status, 303);
    EXPECT_EQ(edit.header("location"), "/documents/" + id);
    auto refused = admin_->post("/documents/" + id + "/edit", quote_fields());
    EXPECT_EQ(refused.status, 409);
    EXPECT_TRUE(contains(refused.body, "ne peut plus être modifié"));
    // Validating twice is refused with the reason, in French, on the page.
    auto twice = admin_->post("/documents/" + id + "/validate", {});
    EXPECT_EQ(twice.status, 409);
    EXPECT_TRUE(contains(twice.body, "alert-error"));
    EXPECT_EQ(api_document(id)["number"], number);
}

TEST_P(DocumentPagesTest, AcceptConvertToAnInvoiceAndValidateIt) {
    auto quote = create_quote(*admin_);
    validate(*admin_, quote);
    admin_->get("/documents/" + quote);
    auto accepted = admin_->post("/documents/" + quote + "/status", {{"status", "accepted"}});
    ASSERT_EQ(accepted.status, 303) << accepted.body.substr(0, 2000);
    EXPECT_EQ(api_document(quote)["status"], "accepted");
    auto page = admin_->get("/documents/" + quote);
    EXPECT_TRUE(contains(page.body, R"(name="type" value="invoice")"));
    EXPECT_TRUE(contains(page.body, "deposit-dialog"));

    auto converted = admin_->post("/documents/" + quote + "/convert", {{"type", "invoice"}});
    ASSERT_EQ(converted.status, 303) << converted.body.substr(0, 2000);
    auto invoice = capture(converted.header("location"), R"(/documents/(\d+))");
    ASSERT_FALSE(invoice.empty());
    auto draft = admin_->get("/documents/" + invoice);
    EXPECT_TRUE(contains(draft.body, "Facture"));
    EXPECT_TRUE(contains(draft.body, "Origine"));
    EXPECT_TRUE(contains(draft.body, R"(href="/documents/)" + quote + "\""));
    auto number = validate(*admin_, invoice);
    EXPECT_TRUE(number.starts_with("FA-")) << number;
    auto issued = admin_->get("/documents/" + invoice);
    EXPECT_TRUE(contains(issued.body, "corriger, établissez un avoir"));

    // A deposit on an accepted quote, as a percentage.
    auto deposit = admin_->post("/documents/" + quote + "/convert", {{"type", "deposit_invoice"}, {"deposit_kind", "percent"},
                                                                     {"deposit_value", "30"}});
    ASSERT_EQ(deposit.status, 303) << deposit.body.substr(0, 2000);
    auto deposit_id = capture(deposit.header("location"), R"(/documents/(\d+))");
    EXPECT_EQ(api_document(deposit_id)["type"], "deposit_invoice");
    auto wrong = admin_->post("/documents/" + quote + "/convert", {{"type", "deposit_invoice"}, {"deposit_kind", "percent"},
                                                                   {"deposit_value", "abc"}});
    EXPECT_EQ(wrong.status, 422);
    EXPECT_TRUE(contains(wrong.body, "alert-error"));

    // A situation invoice: one cumulative percentage per contract line (titles and subtotals count 0).
    EXPECT_TRUE(contains(admin_->get("/documents/" + quote).body, R"(name="progress[1]")"));
    auto situation = admin_->post("/documents/" + quote + "/situation",
                                  {{"progress[0]", "0"}, {"progress[1]", "50"}, {"progress[2]", "25,5"}, {"progress[3]", "0"}});
    ASSERT_EQ(situation.status, 303) << situation.body.substr(0, 2000);
    auto situation_id = capture(situation.header("location"), R"(/documents/(\d+))");
    auto s = api_document(situation_id);
    EXPECT_EQ(s["type"], "situation_invoice");
    EXPECT_EQ(s["lines"][1]["net"], "240.00");  // 50 % of 480,00
    auto too_few = admin_->post("/documents/" + quote + "/situation", {{"progress[0]", "10"}});
    EXPECT_EQ(too_few.status, 422);
}

TEST_P(DocumentPagesTest, ThePdfRouteReturnsThePdf) {
    auto id = create_quote(*admin_);
    auto draft = admin_->get("/documents/" + id + "/pdf");
    ASSERT_EQ(draft.status, 200);
    EXPECT_EQ(draft.header("content-type"), "application/pdf");
    EXPECT_TRUE(draft.body.starts_with("%PDF"));
    EXPECT_TRUE(draft.header("content-disposition").starts_with("inline"));
    validate(*admin_, id);
    auto issued = admin_->get("/documents/" + id + "/pdf?download=1");
    ASSERT_EQ(issued.status, 200);
    EXPECT_TRUE(issued.body.starts_with("%PDF"));
    EXPECT_TRUE(contains(issued.header("content-disposition"), "attachment; filename=\"DE-"));
    EXPECT_EQ(admin_->get("/documents/999999/pdf").status, 404);
}

TEST_P(DocumentPagesTest, MissingCsrfTokenIsRefused) {
    auto id = create_quote(*admin_);
    auto r = admin_->post("/documents/" + id + "/validate", {}, false);
    EXPECT_EQ(r.status, 403);
    EXPECT_TRUE(api_document(id)["number"].is_null());
    EXPECT_EQ(admin_->post("/documents", quote_fields(), false).status, 403);
    EXPECT_EQ(app_->api("GET", "/api/v1/documents", company_.admin_token).json()["data"].size(), 1u);
}

TEST_P(DocumentPagesTest, ReadOnlyUsersSeeNoActionsAndCannotPostThem) {
    auto id = create_quote(*admin_);
    auto reader = user("lecture@alpha.fr", "read_only");
    auto list = reader->get("/documents");
    EXPECT_EQ(list.status, 200);
    EXPECT_FALSE(contains(list.body, "/documents/new"));
    auto page = reader->get("/documents/" + id);
    ASSERT_EQ(page.status, 200);
    EXPECT_FALSE(contains(page.body, "/validate"));
    EXPECT_FALSE(contains(page.body, "/edit"));
    EXPECT_FALSE(contains(page.body, "/archive"));
    EXPECT_FALSE(contains(page.body, "/delete"));
    EXPECT_FALSE(contains(page.body, "Taux de marque"));
    EXPECT_TRUE(contains(page.body, "/pdf"));  // reading is allowed

    EXPECT_EQ(reader->post("/documents/" + id + "/validate", {}).status, 403);
    EXPECT_EQ(reader->post("/documents/" + id + "/archive", {}).status, 403);
    EXPECT_EQ(reader->post("/documents/" + id + "/delete", {}).status, 403);
    EXPECT_EQ(reader->post("/documents/" + id + "/edit", quote_fields()).status, 403);
    EXPECT_EQ(reader->post("/documents", quote_fields()).status, 403);
    EXPECT_EQ(reader->get("/documents/new").status, 403);
    EXPECT_EQ(reader->get("/documents/" + id + "/edit").status, 403);
    EXPECT_TRUE(api_document(id)["number"].is_null());
    EXPECT_FALSE(api_document(id)["archived"].get<bool>());

    // Another company's document does not exist for this one.
    auto other = app_->create_company("Autre", "admin@autre.fr");
    auto stranger = session(other.admin_email, other.admin_password);
    EXPECT_EQ(stranger->get("/documents/" + id).status, 404);
    EXPECT_EQ(stranger->get("/documents/" + id + "/pdf").status, 404);
}

TEST_P(DocumentPagesTest, DeleteADraft) {
    auto id = create_quote(*admin_);
    admin_->get("/documents/" + id);
    auto r = admin_->post("/documents/" + id + "/delete", {});
    ASSERT_EQ(r.status, 303);
    EXPECT_EQ(r.header("location"), "/documents?done=deleted");
    EXPECT_TRUE(contains(admin_->get("/documents?done=deleted").body, "Brouillon supprimé"));
    EXPECT_EQ(admin_->get("/documents/" + id).status, 404);
}

std::string backend_label(const ::testing::TestParamInfo<Backend>& info) { return comptoir::testing::backend_name(info.param); }

// Administration › Documents: the admin sets the number patterns and options; a wrong pattern is
// named and nothing changes; other roles cannot reach the page.
TEST_P(DocumentPagesTest, AdminSetsNumberPatternsAndOptions) {
    auto page = admin_->get("/admin/documents");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("FA-{YYYY}-{#####}"), std::string::npos);
    EXPECT_NE(page.body.find("aria-current=\"page\""), std::string::npos);

    auto bad = admin_->post("/admin/documents", {{"pattern_invoice", "FA-{YYYY}"}, {"pattern_quote", "D{YY}-{###}"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("id=\"pattern-invoice-error\""), std::string::npos);
    EXPECT_EQ(app_->api("GET", "/api/v1/sales/settings", company_.admin_token).json()["series"][0]["pattern"],
              "DE-{YYYY}-{#####}");  // nothing was saved

    admin_->get("/admin/documents");
    auto saved = admin_->post("/admin/documents", {{"pattern_quote", "D{YY}-{###}"}, {"pattern_invoice", "FA-{YYYY}-{#####}"},
                                                  {"vat_on_debits", "1"}, {"margin_threshold_percent", "35,5"}});
    EXPECT_EQ(saved.status, 303) << saved.body.substr(0, 2000);
    auto settings = app_->api("GET", "/api/v1/sales/settings", company_.admin_token).json();
    EXPECT_EQ(settings["series"][0]["pattern"], "D{YY}-{###}");
    EXPECT_EQ(settings["vat_on_debits"], true);
    EXPECT_EQ(settings["credit_notes_shared"], false);
    EXPECT_EQ(settings["margin_threshold_percent"], "35.5");
    admin_->get("/admin/documents");
    EXPECT_EQ(admin_->post("/admin/documents", {{"margin_threshold_percent", "beaucoup"}}).status, 422);

    auto sales = user("vente@alpha.fr", "sales");
    EXPECT_EQ(sales->get("/admin/documents").status, 403);
    EXPECT_EQ(sales->post("/admin/documents", {{"vat_on_debits", "1"}}).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, DocumentPagesTest, ::testing::ValuesIn(comptoir::testing::backends()), backend_label);

}  // namespace
}  // namespace comptoir::sales
