// Commercial documents through /api/v1/documents, on SQLite and PostgreSQL: what a salesperson, an
// accountant or an integrator does, and what the law requires of what they issue.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "modules/sales/service/document_service.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using nlohmann::json;

class DocumentApi : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Acme", "admin@acme.test");
        app->identify_company(acme);
        admin = acme.admin_token;
        sales = app->add_user(acme, "vente@acme.test", "sales");
        accountant = app->add_user(acme, "compta@acme.test", "accountant");
        reader = app->add_user(acme, "lecture@acme.test", "read_only");
        auto c = app->api("POST", "/api/v1/clients", admin,
                          json{{"legal_name", "Boulangerie Martin"},
                               {"siret", "732 829 320 00074"},
                               {"payment_terms", "30d"},
                               {"billing_address", {{"line1", "12 rue de la République"}, {"postal_code", "69002"},
                                                    {"city", "Lyon"}}}});
        ASSERT_EQ(c.status, 201) << c.body;
        client_id = c.json()["id"].get<std::int64_t>();
    }

    // A quote of three lines at two rates, with cost prices: 1 234,56 € excl. VAT in all.
    json quote_body() const {
        return {{"type", "quote"},
                {"client_id", client_id},
                {"title", "Rénovation du fournil"},
                {"lines", json::array({
                              {{"kind", "section"}, {"description", "Fournitures"}},
                              {{"description", "Carrelage grès cérame"}, {"quantity", "12,5"}, {"unit", "m²"},
                               {"unit_price", "38.40"}, {"vat_rate", "10"}, {"unit_cost", "22"}},
                              {{"description", "Colle et joints"}, {"quantity", 3}, {"unit_price", "24.52"},
                               {"vat_rate", "20"}, {"discount_percent", "10"}, {"unit_cost", "12"}},
                              {{"kind", "section"}, {"description", "Main d'œuvre"}},
                              {{"description", "Pose"}, {"quantity", "16"}, {"unit", "h"}, {"unit_price", "42"},
                               {"vat_rate", "10"}, {"unit_cost", "30"}},
                          })}};
    }

    json create(const json& body, const std::string& token, int expected = 201) {
        auto r = app->api("POST", "/api/v1/documents", token, body);
        EXPECT_EQ(r.status, expected) << r.body;
        return r.json();
    }
    json post(const std::string& path, const std::string& token, const json& body, int expected = 200) {
        auto r = app->api("POST", path, token, body);
        EXPECT_EQ(r.status, expected) << path << " " << r.body;
        return r.json();
    }
    static std::string id_path(const json& d) { return "/api/v1/documents/" + std::to_string(d["id"].get<std::int64_t>()); }

    std::unique_ptr<TestApp> app;
    TestCompany acme;
    std::string admin, sales, accountant, reader;
    std::int64_t client_id = 0;
};

TEST_P(DocumentApi, ComputesTotalsPerVatRateAndMarginsForSalesOnly) {
    auto q = create(quote_body(), sales);
    // 12.5 × 38.40 = 480.00 ; 3 × 22.068 = 66.20 (24.52 less 10 %) ; 16 × 42 = 672.00
    EXPECT_EQ(q["lines"][1]["net"], "480.00");
    EXPECT_EQ(q["lines"][2]["net"], "66.20");
    EXPECT_EQ(q["lines"][4]["net"], "672.00");
    EXPECT_EQ(q["totals"]["total_excl_vat"], "1218.20");
    // VAT per rate on the sum of the lines: 10 % of 1152.00 = 115.20 ; 20 % of 66.20 = 13.24
    ASSERT_EQ(q["totals"]["vat"].size(), 2u);
    EXPECT_EQ(q["totals"]["vat"][0]["vat"]["rate"], "20");
    EXPECT_EQ(q["totals"]["vat"][0]["amount"], "13.24");
    EXPECT_EQ(q["totals"]["vat"][1]["amount"], "115.20");
    EXPECT_EQ(q["totals"]["total_incl_vat"], "1346.64");
    EXPECT_EQ(q["status"], "draft");
    EXPECT_TRUE(q["number"].is_null());
    // Margin: revenue 1218.20, cost 12.5×22 + 3×12 + 16×30 = 791.00
    EXPECT_EQ(q["margins"]["total"]["cost"], "791.00");
    EXPECT_EQ(q["margins"]["total"]["margin"], "427.20");
    EXPECT_EQ(q["lines"][1]["unit_cost"], "22");
    // Markup rate 35.07 %: above the default 20 % threshold, under one of 40 %.
    EXPECT_EQ(q["margins"]["low_margin"], false);
    ASSERT_EQ(app->api("PUT", "/api/v1/sales/settings", admin, json{{"margin_threshold_percent", "40"}}).status, 200);
    EXPECT_EQ(app->api("GET", id_path(q), sales).json()["margins"]["low_margin"], true);
    EXPECT_EQ(app->api("PUT", "/api/v1/sales/settings", admin, json{{"margin_threshold_percent", "140"}}).status, 422);

    // The accountant and the read-only user see the amounts, never the costs.
    for (const auto& token : {accountant, reader}) {
        auto seen = app->api("GET", id_path(q), token).json();
        EXPECT_EQ(seen["totals"]["total_incl_vat"], "1346.64");
        EXPECT_FALSE(seen.contains("margins"));
        EXPECT_FALSE(seen["lines"][1].contains("unit_cost"));
    }
}

TEST_P(DocumentApi, ValidationNumbersFreezesAndStoresThePdf) {
    auto q = create(quote_body(), sales);
    auto v = post(id_path(q) + "/validate", sales, json::object());
    EXPECT_EQ(v["status"], "validated");
    const std::string year = v["issue_date"].get<std::string>().substr(0, 4);
    EXPECT_EQ(v["number"], "DE-" + year + "-00001");
    EXPECT_FALSE(v["validity_date"].is_null());  // 30 days by default
    EXPECT_EQ(v["hash"].get<std::string>().size(), 64u);

    auto pdf = app->api("GET", id_path(q) + "/pdf", sales);
    EXPECT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.header("content-type"), "application/pdf");
    EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
    // The same bytes every time: the stored file, not a new rendering.
    EXPECT_EQ(app->api("GET", id_path(q) + "/pdf", sales).body, pdf.body);

    // Validated means immutable: no edit, no deletion, no second validation.
    auto edit = app->api("PATCH", id_path(q), sales, json{{"title", "Autre"}});
    EXPECT_EQ(edit.status, 409) << edit.body;
    EXPECT_EQ(edit.json()["code"], "document.locked");
    EXPECT_EQ(app->api("DELETE", id_path(q), admin).status, 409);
    EXPECT_EQ(app->api("POST", id_path(q) + "/validate", sales, json::object()).status, 409);
    EXPECT_EQ(app->api("GET", id_path(q), sales).json()["title"], "Rénovation du fournil");

    // Its life goes on: sent, then accepted; an illegal step is refused with a message.
    EXPECT_EQ(post(id_path(q) + "/status", sales, json{{"status", "sent"}})["status"], "sent");
    EXPECT_EQ(post(id_path(q) + "/status", sales, json{{"status", "accepted"}})["status"], "accepted");
    auto back = app->api("POST", id_path(q) + "/status", sales, json{{"status", "draft"}});
    EXPECT_EQ(back.status, 409) << back.body;
}

TEST_P(DocumentApi, QuoteToDepositToFinalInvoiceDeductsTheDeposit) {
    auto q = create(quote_body(), sales);
    post(id_path(q) + "/validate", sales, json::object());
    post(id_path(q) + "/status", sales, json{{"status", "accepted"}});

    auto deposit = post(id_path(q) + "/convert", sales, json{{"type", "deposit_invoice"}, {"deposit_percent", "30"}}, 201);
    EXPECT_EQ(deposit["type"], "deposit_invoice");
    EXPECT_EQ(deposit["source_id"], q["id"]);
    // 30 % of 1346.64 = 403.99 (half away from zero), split over the two rates, cent-exact.
    EXPECT_EQ(deposit["totals"]["total_incl_vat"], "403.99");
    auto issued = post(id_path(deposit) + "/validate", sales, json::object());
    const std::string year = issued["issue_date"].get<std::string>().substr(0, 4);
    EXPECT_EQ(issued["number"], "FA-" + year + "-00001");
    EXPECT_FALSE(issued["due_date"].is_null());

    auto invoice = post(id_path(q) + "/convert", sales, json{{"type", "invoice"}}, 201);
    EXPECT_EQ(invoice["totals"]["total_incl_vat"], "1346.64");
    EXPECT_EQ(invoice["totals"]["prepaid"], "403.99");
    EXPECT_EQ(invoice["totals"]["amount_due"], "942.65");
    auto final_invoice = post(id_path(invoice) + "/validate", sales, json::object());
    EXPECT_EQ(final_invoice["number"], "FA-" + year + "-00002");  // one series for every kind of invoice
    EXPECT_EQ(final_invoice["amount_due"], "942.65");

    // The quote shows what came of it.
    auto links = app->api("GET", id_path(q), sales).json()["links"];
    ASSERT_EQ(links.size(), 2u);
    EXPECT_EQ(links[0]["relation"], "derived");
    EXPECT_EQ(links[1]["number"], "FA-" + year + "-00002");
}

TEST_P(DocumentApi, CreditNotesAreTheAccountantsAndNeverExceedTheInvoice) {
    auto body = quote_body();
    body["type"] = "invoice";
    auto invoice = create(body, sales);
    post(id_path(invoice) + "/validate", sales, json::object());

    EXPECT_EQ(app->api("POST", id_path(invoice) + "/convert", sales, json{{"type", "credit_note"}}).status, 403);
    auto credit = post(id_path(invoice) + "/convert", accountant, json{{"type", "credit_note"}}, 201);
    EXPECT_EQ(credit["corrects_id"], invoice["id"]);
    EXPECT_EQ(credit["totals"]["total_incl_vat"], "1346.64");  // a full credit by default

    // Reduced to a partial credit: the tiling only.
    auto partial = app->api("PATCH", id_path(credit), accountant,
                            json{{"lines", json::array({{{"description", "Carrelage non posé"}, {"quantity", "2"},
                                                         {"unit", "m²"}, {"unit_price", "38.40"}, {"vat_rate", "10"}}})}});
    ASSERT_EQ(partial.status, 200) << partial.body;
    EXPECT_EQ(partial.json()["totals"]["total_incl_vat"], "84.48");
    auto issued = post(id_path(credit) + "/validate", accountant, json::object());
    const std::string year = issued["issue_date"].get<std::string>().substr(0, 4);
    EXPECT_EQ(issued["number"], "AV-" + year + "-00001");

    // A second, full credit would credit more than what is left of the invoice.
    auto again = post(id_path(invoice) + "/convert", accountant, json{{"type", "credit_note"}}, 201);
    auto refused = app->api("POST", id_path(again) + "/validate", accountant, json::object());
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.json()["errors"][0]["code"], "credit_note.exceeds_invoice");
    // A credit note is made from its invoice, not from nothing.
    auto orphan = app->api("POST", "/api/v1/documents", accountant, json{{"type", "credit_note"}, {"client_id", client_id}});
    EXPECT_EQ(orphan.status, 422) << orphan.body;
}

TEST_P(DocumentApi, SituationInvoicesBillTheProgressSinceThePreviousOne) {
    auto q = create(quote_body(), sales);
    post(id_path(q) + "/validate", sales, json::object());
    post(id_path(q) + "/status", sales, json{{"status", "accepted"}});
    // Five contract lines (two titles): 30 % done, then 80 %, then finished.
    auto first = post(id_path(q) + "/situation", sales, json{{"progress", {0, 30, 30, 0, 30}}}, 201);
    EXPECT_EQ(first["situation_number"], 1);
    EXPECT_EQ(first["totals"]["total_excl_vat"], "365.46");  // 144.00 + 19.86 + 201.60
    post(id_path(first) + "/validate", sales, json::object());
    auto second = post(id_path(q) + "/situation", sales, json{{"progress", {0, 80, 80, 0, 80}}}, 201);
    EXPECT_EQ(second["totals"]["total_excl_vat"], "609.10");  // 240.00 + 33.10 + 336.00
    post(id_path(second) + "/validate", sales, json::object());
    auto last = post(id_path(q) + "/situation", sales, json{{"progress", {0, 100, 100, 0, 100}}}, 201);
    // The three situations add up to the contract, to the cent.
    EXPECT_EQ(last["totals"]["total_excl_vat"], "243.64");  // 1218.20 − 365.46 − 609.10
    // Progress never goes back.
    auto back = app->api("POST", id_path(q) + "/situation", sales, json{{"progress", {0, 50, 80, 0, 80}}});
    EXPECT_EQ(back.status, 422) << back.body;
}

TEST_P(DocumentApi, NamesEveryWrongFieldAndWritesNothing) {
    auto r = app->api("POST", "/api/v1/documents", sales,
                      json{{"type", "devis"},
                           {"client_id", "abc"},
                           {"issue_date", "2026-02-30"},
                           {"lines", json::array({{{"description", "X"}, {"quantity", "deux"}, {"unit_price", "-5"}},
                                                  {{"kind", "paragraph"}}})}});
    ASSERT_EQ(r.status, 422) << r.body;
    const json problem = r.json();
    std::set<std::string> fields;
    for (const auto& e : problem["errors"]) fields.insert(e["field"].get<std::string>());
    for (const char* f : {"type", "client_id", "issue_date", "lines[0].quantity", "lines[1].kind"})
        EXPECT_TRUE(fields.contains(f)) << f << " in " << r.body;

    // Well-formed but wrong: a negative price, a 0 % rate without its reason. The draft may be saved
    // (the editor shows the problems) but never validated.
    auto draft = create(json{{"type", "invoice"},
                             {"client_id", client_id},
                             {"lines", json::array({{{"description", "Remise"}, {"unit_price", "-5"}},
                                                    {{"description", "Export"}, {"unit_price", "10"}, {"vat_rate", "0"}}})}},
                        sales);
    ASSERT_TRUE(draft["errors"].is_array()) << draft.dump();
    std::set<std::string> line_fields;
    for (const auto& e : draft["errors"]) line_fields.insert(e["field"].get<std::string>());
    EXPECT_TRUE(line_fields.contains("lines[0].unit_price")) << draft.dump();
    EXPECT_TRUE(line_fields.contains("lines[1].vat")) << draft.dump();
    auto refused = app->api("POST", id_path(draft) + "/validate", sales, json::object());
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_TRUE(app->api("GET", id_path(draft), sales).json()["number"].is_null());

    // An empty document cannot be issued; a future issue date neither.
    auto empty = create(json{{"type", "invoice"}, {"client_id", client_id}}, sales);
    EXPECT_EQ(app->api("POST", id_path(empty) + "/validate", sales, json::object()).json()["errors"][0]["code"],
              "lines.empty");
    auto body = quote_body();
    body["issue_date"] = "2999-01-01";
    auto future = create(body, sales);
    EXPECT_EQ(app->api("POST", id_path(future) + "/validate", sales, json::object()).json()["errors"][0]["field"],
              "issue_date");
    // Nothing was numbered by the failures: the next quote is number 1.
    auto ok = create(quote_body(), sales);
    EXPECT_EQ(post(id_path(ok) + "/validate", sales, json::object())["number"].get<std::string>().substr(8), "00001");
}

TEST_P(DocumentApi, RolesAndCompaniesAreKeptApart) {
    EXPECT_EQ(app->api("POST", "/api/v1/documents", reader, quote_body()).status, 403);
    EXPECT_EQ(app->api("POST", "/api/v1/documents", accountant, quote_body()).status, 403);
    auto q = create(quote_body(), sales);
    EXPECT_EQ(app->api("GET", id_path(q), reader).status, 200);
    EXPECT_EQ(app->api("POST", id_path(q) + "/validate", reader, json::object()).status, 403);

    auto other = app->create_company("Autre", "admin@autre.test");
    EXPECT_EQ(app->api("GET", id_path(q), other.admin_token).status, 404);
    EXPECT_EQ(app->api("GET", id_path(q) + "/pdf", other.admin_token).status, 404);
    EXPECT_EQ(app->api("GET", "/api/v1/documents", other.admin_token).json()["data"].size(), 0u);
    // Another company's client cannot be billed.
    auto body = quote_body();
    auto foreign = app->api("POST", "/api/v1/documents", other.admin_token, body);
    EXPECT_EQ(foreign.status, 422) << foreign.body;
    EXPECT_EQ(foreign.json()["errors"][0]["field"], "client_id");
}

TEST_P(DocumentApi, ListsFilterByTypeStatusClientAndPage) {
    auto q1 = create(quote_body(), sales);
    auto q2 = create(quote_body(), sales);
    auto body = quote_body();
    body["type"] = "invoice";
    auto inv = create(body, sales);
    post(id_path(q1) + "/validate", sales, json::object());
    auto quotes = app->api("GET", "/api/v1/documents?type=quote", sales).json()["data"];
    EXPECT_EQ(quotes.size(), 2u);
    EXPECT_EQ(app->api("GET", "/api/v1/documents?type=quote&status=validated", sales).json()["data"].size(), 1u);
    EXPECT_EQ(app->api("GET", "/api/v1/documents?client_id=" + std::to_string(client_id), sales).json()["data"].size(), 3u);
    auto page = app->api("GET", "/api/v1/documents?limit=2", sales).json();
    ASSERT_EQ(page["data"].size(), 2u);
    EXPECT_EQ(page["data"][0]["id"], inv["id"]);  // newest first
    auto rest = app->api("GET", "/api/v1/documents?limit=2&cursor=" + page["next_cursor"].get<std::string>(), sales).json();
    ASSERT_EQ(rest["data"].size(), 1u);
    EXPECT_EQ(rest["data"][0]["id"], q1["id"]);
    EXPECT_EQ(app->api("GET", "/api/v1/documents?type=bill", sales).status, 422);
    EXPECT_EQ(app->api("GET", "/api/v1/documents?from=2026-13-01", sales).status, 422);
    // Archived documents leave the list but are kept.
    post(id_path(q2) + "/archive", sales, json::object());
    EXPECT_EQ(app->api("GET", "/api/v1/documents?type=quote", sales).json()["data"].size(), 1u);
    EXPECT_EQ(app->api("GET", "/api/v1/documents?type=quote&archived=true", sales).json()["data"].size(), 1u);
}

// French law: invoice numbers are chronological and without gaps. Hundreds of invoices validated
// from many threads at once get every number exactly once.
TEST_P(DocumentApi, ConcurrentValidationsLeaveNoGapAndNoDuplicate) {
    constexpr int kInvoices = 200, kThreads = 8;
    auto body = quote_body();
    body["type"] = "invoice";
    std::vector<std::int64_t> ids;
    for (int i = 0; i < kInvoices; ++i) ids.push_back(create(body, sales)["id"].get<std::int64_t>());

    std::atomic<int> next{0}, failures{0};
    std::vector<std::string> numbers(kInvoices);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&] {
            for (int i; (i = next++) < kInvoices;) {
                auto r = app->api("POST", "/api/v1/documents/" + std::to_string(ids[i]) + "/validate", sales,
                                  json::object());
                if (r.status != 200) ++failures;
                else numbers[i] = r.json()["number"].get<std::string>();
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);
    std::set<int> counters;
    for (const auto& n : numbers) {
        ASSERT_EQ(n.size(), 13u) << n;  // FA-YYYY-NNNNN
        counters.insert(std::stoi(n.substr(8)));
    }
    EXPECT_EQ(counters.size(), static_cast<std::size_t>(kInvoices));  // no duplicate
    EXPECT_EQ(*counters.begin(), 1);
    EXPECT_EQ(*counters.rbegin(), kInvoices);  // no gap
    EXPECT_TRUE(app->app().sales().documents().verify().problems.empty());
}

// `comptoir verify` finds any change made behind the application's back.
TEST_P(DocumentApi, VerifyNamesTheDocumentThatWasTamperedWith) {
    std::vector<json> issued;
    for (int i = 0; i < 3; ++i) {
        auto body = quote_body();
        body["type"] = "invoice";
        auto d = create(body, sales);
        issued.push_back(post(id_path(d) + "/validate", sales, json::object()));
    }
    auto& documents = app->app().sales().documents();
    for (const auto& d : issued) ASSERT_EQ(app->api("GET", id_path(d) + "/pdf", sales).status, 200);  // all stored
    auto clean = documents.verify();
    EXPECT_EQ(clean.documents, 3);
    EXPECT_TRUE(clean.problems.empty());

    auto conn = app->app().db().acquire();
    const auto second = issued[1]["id"].get<std::int64_t>();
    conn->execute("UPDATE documents SET total_incl_vat_cents = total_incl_vat_cents - 100 WHERE id = ?", {second});
    auto report = documents.verify();
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_NE(report.problems[0].find(issued[1]["number"].get<std::string>()), std::string::npos) << report.problems[0];
    conn->execute("UPDATE documents SET total_incl_vat_cents = total_incl_vat_cents + 100 WHERE id = ?", {second});

    const auto third = issued[2]["id"].get<std::int64_t>();
    conn->execute("UPDATE document_files SET content_base64 = 'JVBERi0xLjQK' WHERE document_id = ?", {third});
    report = documents.verify();
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_NE(report.problems[0].find("PDF"), std::string::npos) << report.problems[0];

    // A deleted PDF is noticed too (its entry disappears from the chain, and it was known stored).
    const auto first = issued[0]["id"].get<std::int64_t>();
    conn->execute("DELETE FROM document_files WHERE document_id = ?", {first});
    report = documents.verify();
    const bool named = std::any_of(report.problems.begin(), report.problems.end(), [&](const std::string& p) {
        return p.find(issued[0]["number"].get<std::string>()) != std::string::npos && p.find("gone") != std::string::npos;
    });
    EXPECT_TRUE(named) << report.problems.size();
}

// A line can be just a catalog item: the document takes its reference, designation, price, VAT and
// cost, frozen on the line (a later price change in the catalog does not touch the document).
TEST_P(DocumentApi, LinesComeFromTheCatalog) {
    auto item = app->api("POST", "/api/v1/catalog/items", admin,
                         json{{"reference", "PLB-001"},
                              {"label", "Chauffe-eau électrique 200 L"},
                              {"description", "Cuve émaillée"},
                              {"unit", "u"},
                              {"unit_price", "459,90"},
                              {"cost_price", "312.5"},
                              {"vat", {{"rate", "10"}}}});
    ASSERT_EQ(item.status, 201) << item.body;
    const auto item_id = item.json()["id"];
    auto d = create(json{{"type", "quote"},
                         {"client_id", client_id},
                         {"lines", json::array({{{"catalog_item_id", item_id}, {"quantity", "2"}},
                                                {{"catalog_item_id", item_id}, {"description", "Chauffe-eau (remise)"},
                                                 {"unit_price", "400"}}})}},
                    sales);
    EXPECT_EQ(d["lines"][0]["reference"], "PLB-001");
    EXPECT_EQ(d["lines"][0]["description"], "Chauffe-eau électrique 200 L\nCuve émaillée");
    EXPECT_EQ(d["lines"][0]["net"], "919.80");
    EXPECT_EQ(d["lines"][0]["vat"]["rate"], "10");
    EXPECT_EQ(d["lines"][0]["unit_cost"], "312.5");
    EXPECT_EQ(d["lines"][1]["net"], "400.00");  // what the user typed wins
    app->api("PATCH", "/api/v1/catalog/items/" + std::to_string(item_id.get<std::int64_t>()), admin,
             json{{"unit_price", "499"}});
    EXPECT_EQ(app->api("GET", id_path(d), sales).json()["lines"][0]["net"], "919.80");

    auto other = app->create_company("Autre", "admin@autre.test");
    auto theirs = app->api("POST", "/api/v1/catalog/items", other.admin_token,
                           json{{"reference", "X-1"}, {"label", "Autre"}, {"unit_price", "1"}});
    ASSERT_EQ(theirs.status, 201) << theirs.body;
    auto refused = app->api("POST", "/api/v1/documents", sales,
                            json{{"type", "quote"}, {"client_id", client_id},
                                 {"lines", json::array({{{"catalog_item_id", theirs.json()["id"]}}})}});
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.json()["errors"][0]["field"], "lines[0].catalog_item_id");
}

TEST_P(DocumentApi, AdminsChooseNumberPatternsAndTheSeriesContinue) {
    auto settings = app->api("GET", "/api/v1/sales/settings", sales).json();
    ASSERT_EQ(settings["series"].size(), 6u);
    EXPECT_EQ(settings["series"][4]["series"], "invoice");
    EXPECT_EQ(settings["series"][4]["pattern"], "FA-{YYYY}-{#####}");

    auto body = quote_body();
    body["type"] = "invoice";
    auto first = post(id_path(create(body, sales)) + "/validate", sales, json::object());
    const std::string yy = first["issue_date"].get<std::string>().substr(2, 2);

    EXPECT_EQ(app->api("PUT", "/api/v1/sales/settings", sales, json{{"vat_on_debits", true}}).status, 403);
    auto bad = app->api("PUT", "/api/v1/sales/settings", admin,
                        json{{"series", json::array({{{"series", "invoice"}, {"pattern", "FA-{YYYY}"}},
                                                     {{"series", "bill"}, {"pattern", "X{#}"}}})}});
    ASSERT_EQ(bad.status, 422) << bad.body;
    const json problem = bad.json();
    std::set<std::string> fields;
    for (const auto& e : problem["errors"]) fields.insert(e["field"].get<std::string>());
    EXPECT_TRUE(fields.contains("series[1].series")) << bad.body;

    auto changed = app->api("PUT", "/api/v1/sales/settings", admin,
                            json{{"series", json::array({{{"series", "invoice"}, {"pattern", "F{YY}-{####}"}}})},
                                 {"credit_notes_shared", true}});
    ASSERT_EQ(changed.status, 200) << changed.body;
    // The same yearly sequence goes on under the new pattern: 1 was issued, 2 is next.
    EXPECT_EQ(changed.json()["series"][4]["next_number"], "F" + yy + "-0002");
    EXPECT_EQ(changed.json()["series"].size(), 5u);  // credit notes now share the invoices' series
    auto second = post(id_path(create(body, sales)) + "/validate", sales, json::object());
    EXPECT_EQ(second["number"], "F" + yy + "-0002");
    auto credit = post(id_path(second) + "/convert", accountant, json{{"type", "credit_note"}}, 201);
    EXPECT_EQ(post(id_path(credit) + "/validate", accountant, json::object())["number"], "F" + yy + "-0003");
}

INSTANTIATE_TEST_SUITE_P(Backends, DocumentApi, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
