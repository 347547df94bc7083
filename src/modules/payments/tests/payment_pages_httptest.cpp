// The payments pages and the account statement, through HTTP on SQLite and PostgreSQL: the list of
// payments, a payment's page (allocating what it has left, cancelling it with a reason), refunds
// from the account page, status changes in the client's history, and the statement as PDF and CSV
// from the page and the API.
#include <gtest/gtest.h>

#include "modules/payments/tests/payment_fixture.hpp"
#include "modules/sales/pdf/pdf_test_tools.hpp"

namespace comptoir::testing {
namespace {

namespace pdft = sales::pdf::testing;

class PaymentPages : public PaymentApi {
protected:
    std::string account(std::int64_t client_id) const { return "/clients/" + std::to_string(client_id) + "/account"; }
    static std::string id_of(const json& j) { return std::to_string(j["id"].get<std::int64_t>()); }
};

// The statement lists what the client owes period by period, on the company's letterhead.
TEST_P(PaymentPages, StatementAsPdfAndCsvFromThePageAndTheApi) {
    auto old = invoice(martin, "50", "", days_ago(40));  // 60,00, before the period
    auto inv = invoice(martin, "1000");                   // 1 200,00
    paid(martin, "200", json::array({alloc(inv, "200")}));
    invoice(dupont, "10");  // another client's: never on Martin's statement

    WebSession browser(*app);
    ASSERT_EQ(browser.login(acme.admin_email, acme.admin_password).status, 303);
    auto page = browser.get(account(martin));
    EXPECT_NE(page.body.find("/account.pdf"), std::string::npos);

    auto pdf = browser.get(account(martin) + ".pdf?from=" + days_ago(5));
    ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
    EXPECT_EQ(pdf.header("content-type"), "application/pdf");
    ASSERT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
    if (pdft::poppler_available()) {
        const std::string text = pdft::plain_spaces(pdft::pdf_text(pdf.body));
        EXPECT_NE(text.find("RELEVÉ DE COMPTE"), std::string::npos) << text;
        EXPECT_NE(text.find("Acme"), std::string::npos);                  // the seller
        EXPECT_NE(text.find("Boulangerie Martin"), std::string::npos);    // the client
        EXPECT_NE(text.find(inv["number"].get<std::string>()), std::string::npos);
        EXPECT_EQ(text.find(old["number"].get<std::string>()), std::string::npos);  // before the period: in the opening
        EXPECT_NE(text.find("Solde au"), std::string::npos);
        EXPECT_NE(text.find("60,00 €"), std::string::npos);     // the opening balance
        EXPECT_NE(text.find("1 060,00 €"), std::string::npos);  // what is due at the end
        EXPECT_NE(text.find("Règlement par virement"), std::string::npos);
        EXPECT_NE(text.find("Dont échu"), std::string::npos);  // the old invoice is past due
        EXPECT_EQ(text.find("Plomberie Dupont"), std::string::npos);
    }

    auto api_pdf = app->api("GET", "/api/v1/clients/" + std::to_string(martin) + "/statement", reader);
    ASSERT_EQ(api_pdf.status, 200);
    EXPECT_EQ(api_pdf.body.rfind("%PDF-", 0), 0u);
    auto api_csv = app->api("GET", "/api/v1/clients/" + std::to_string(martin) + "/statement?format=csv&from=" + days_ago(5),
                            reader);
    ASSERT_EQ(api_csv.status, 200);
    EXPECT_NE(api_csv.header("content-type").find("text/csv"), std::string::npos);
    EXPECT_NE(api_csv.body.find(";Solde d'ouverture;;;;;60,00\r\n"), std::string::npos) << api_csv.body;
    EXPECT_NE(api_csv.body.find(";Total;;;1200,00;200,00;1060,00\r\n"), std::string::npos) << api_csv.body;

    auto bad_format = app->api("GET", "/api/v1/clients/" + std::to_string(martin) + "/statement?format=xml", reader);
    EXPECT_EQ(bad_format.status, 422);
    EXPECT_TRUE(has_field(bad_format, "format"));
    auto bad_date = app->api("GET", "/api/v1/clients/" + std::to_string(martin) + "/statement?from=2026-02-30", reader);
    EXPECT_EQ(bad_date.status, 422);
    EXPECT_TRUE(has_field(bad_date, "from"));
    auto other = app->create_company("Autre", "admin@autre.test");
    EXPECT_EQ(app->api("GET", "/api/v1/clients/" + std::to_string(martin) + "/statement", other.admin_token).status, 404);
    WebSession stranger(*app);
    ASSERT_EQ(stranger.login(other.admin_email, other.admin_password).status, 303);
    EXPECT_EQ(stranger.get(account(martin) + ".pdf").status, 404);
}

// A client in credit gets a statement that says so rather than a negative amount due.
TEST_P(PaymentPages, StatementOfAClientInCredit) {
    SKIP_WITHOUT_POPPLER();
    paid(martin, "75");
    auto pdf = app->api("GET", "/api/v1/clients/" + std::to_string(martin) + "/statement", reader);
    ASSERT_EQ(pdf.status, 200);
    const std::string text = pdft::plain_spaces(pdft::pdf_text(pdf.body));
    EXPECT_NE(text.find("Solde créditeur"), std::string::npos) << text;
    EXPECT_NE(text.find("75,00 €"), std::string::npos);
}

// Status changes of the client's documents appear in the history, outside the balance.
TEST_P(PaymentPages, StatusChangesAreInTheHistoryOutsideTheBalance) {
    auto quote = draft(martin, "10", admin, "quote");
    ASSERT_EQ(app->api("POST", doc_path(quote) + "/validate", admin, json::object()).status, 200);
    ASSERT_EQ(app->api("POST", doc_path(quote) + "/status", admin, json{{"status", "sent"}}).status, 200);
    ASSERT_EQ(app->api("POST", doc_path(quote) + "/status", admin, json{{"status", "accepted"}}).status, 200);
    auto inv = invoice(martin, "100");

    auto ledger = app->api("GET", "/api/v1/clients/" + std::to_string(martin) + "/ledger", reader).json();
    std::vector<std::pair<std::string, std::string>> changes;
    for (const auto& line : ledger["lines"])
        if (line["kind"] == "status") {
            EXPECT_FALSE(line["in_balance"].get<bool>());
            EXPECT_TRUE(line["balance"].is_null());
            EXPECT_EQ(line["document_type"], "quote");
            changes.emplace_back(line["previous_status"], line["status"]);
        }
    EXPECT_EQ(changes, (std::vector<std::pair<std::string, std::string>>{{"validated", "sent"}, {"sent", "accepted"}}));
    EXPECT_EQ(ledger["closing_balance"], "120.00");  // the quote's changes move nothing
    auto only = app->api("GET", "/api/v1/clients/" + std::to_string(martin) + "/ledger?type=status", reader).json();
    EXPECT_EQ(only["lines"].size(), 2u);

    WebSession browser(*app);
    ASSERT_EQ(browser.login(acme.admin_email, acme.admin_password).status, 303);
    auto page = browser.get(account(martin));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Envoyé → Accepté"), std::string::npos) << page.body.substr(0, 200);
    // The payment links to its own page.
    auto p = paid(martin, "120", json::array({alloc(inv, "120")}));
    EXPECT_NE(browser.get(account(martin)).body.find("/payments/" + id_of(p)), std::string::npos);
}

// The list of payments: newest first, filtered; a payment's page shows its allocations.
TEST_P(PaymentPages, PaymentsListAndDetail) {
    auto inv = invoice(martin, "100");
    auto cheque = pay(martin, "50", json::array({alloc(inv, "50")}), admin);
    ASSERT_EQ(cheque.status, 201);
    auto other = paid(dupont, "30");

    WebSession browser(*app);
    ASSERT_EQ(browser.login("lecture@acme.test", "correct horse battery").status, 303);
    auto list = browser.get("/payments");
    ASSERT_EQ(list.status, 200);
    EXPECT_NE(list.body.find("Boulangerie Martin"), std::string::npos);
    EXPECT_NE(list.body.find("Plomberie Dupont"), std::string::npos);
    EXPECT_LT(list.body.find("Plomberie Dupont"), list.body.find("Boulangerie Martin"));  // newest first
    auto filtered = browser.get("/payments?client_id=" + std::to_string(martin));
    EXPECT_EQ(filtered.body.find("/clients/" + std::to_string(dupont) + "/account\">Plomberie"), std::string::npos);
    auto refunds = browser.get("/payments?kind=refund");
    EXPECT_EQ(refunds.body.find("Boulangerie Martin</a>"), std::string::npos);
    auto bad = browser.get("/payments?from=2026-13-45&method=bitcoin");
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("id=\"filter-from-error\""), std::string::npos);

    auto detail = browser.get("/payments/" + id_of(cheque.json()));
    ASSERT_EQ(detail.status, 200);
    EXPECT_NE(detail.body.find(inv["number"].get<std::string>()), std::string::npos);
    EXPECT_NE(detail.body.find("VIR 2026-001"), std::string::npos);
    EXPECT_EQ(detail.body.find("name=\"reason\""), std::string::npos);  // a reader cannot cancel
    EXPECT_EQ(browser.post("/payments/" + id_of(cheque.json()) + "/cancel", {{"reason", "x"}}).status, 403);

    auto stranger_company = app->create_company("Autre", "admin@autre.test");
    WebSession stranger(*app);
    ASSERT_EQ(stranger.login(stranger_company.admin_email, stranger_company.admin_password).status, 303);
    EXPECT_EQ(stranger.get("/payments/" + id_of(other)).status, 404);
    EXPECT_EQ(stranger.get("/payments").body.find("Plomberie Dupont"), std::string::npos);
}

// A payment received before its invoice is allocated from its page once the invoice exists.
TEST_P(PaymentPages, AllocatingTheRestFromThePaymentsPage) {
    auto early = paid(martin, "150");
    auto inv = invoice(martin, "100");  // 120.00
    WebSession browser(*app);
    ASSERT_EQ(browser.login(acme.admin_email, acme.admin_password).status, 303);
    const std::string path = "/payments/" + id_of(early);
    auto page = browser.get(path);
    ASSERT_EQ(page.status, 200);
    const std::string field = "alloc_" + id_of(inv);
    EXPECT_NE(page.body.find("name=\"" + field + "\""), std::string::npos);

    auto too_much = browser.post(path + "/allocations", {{field, "130"}});
    EXPECT_EQ(too_much.status, 422);
    EXPECT_NE(too_much.body.find("alert-error"), std::string::npos);
    auto empty = browser.post(path + "/allocations", {});
    EXPECT_EQ(empty.status, 422);
    auto garbage = browser.post(path + "/allocations", {{field, "douze"}});
    EXPECT_EQ(garbage.status, 422);
    EXPECT_EQ(status_of(inv), "unpaid");  // nothing written

    auto ok = browser.post(path + "/allocations", {{field, "120"}});
    EXPECT_EQ(ok.status, 303);
    EXPECT_EQ(status_of(inv), "paid");
    EXPECT_EQ(balance(martin)["unallocated_credit"], "30.00");
    auto after = browser.get(path + "?done=allocated");
    EXPECT_NE(after.body.find("Imputation enregistrée."), std::string::npos);
}

// A wrong payment is cancelled with its reason, never edited; the reason is required and logged.
TEST_P(PaymentPages, CancellingFromThePaymentsPage) {
    auto inv = invoice(martin, "100");
    auto p = paid(martin, "120", json::array({alloc(inv, "120")}));
    const std::string path = "/payments/" + id_of(p);

    WebSession seller(*app);
    ASSERT_EQ(seller.login("vente@acme.test", "correct horse battery").status, 303);
    EXPECT_EQ(seller.get(path).body.find("name=\"reason\""), std::string::npos);  // sales record, not cancel
    EXPECT_EQ(seller.post(path + "/cancel", {{"reason", "erreur"}}).status, 403);

    WebSession accounting(*app);
    ASSERT_EQ(accounting.login("compta@acme.test", "correct horse battery").status, 303);
    ASSERT_NE(accounting.get(path).body.find("name=\"reason\""), std::string::npos);
    auto no_reason = accounting.post(path + "/cancel", {{"reason", "   "}});
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_NE(no_reason.body.find("id=\"cancel-reason-error\""), std::string::npos);
    EXPECT_EQ(status_of(inv), "paid");
    auto too_long = accounting.post(path + "/cancel", {{"reason", std::string(501, 'x')}});
    EXPECT_EQ(too_long.status, 422);

    auto ok = accounting.post(path + "/cancel", {{"reason", "Chèque rejeté par la banque"}});
    EXPECT_EQ(ok.status, 303);
    EXPECT_EQ(status_of(inv), "unpaid");
    auto page = accounting.get(path);
    EXPECT_NE(page.body.find("Chèque rejeté par la banque"), std::string::npos);  // notice and history
    EXPECT_EQ(page.body.find("name=\"reason\""), std::string::npos);              // no second cancellation
    EXPECT_EQ(accounting.post(path + "/cancel", {{"reason", "encore"}}).status, 409);
}

// Refunding a credit note from the account page.
TEST_P(PaymentPages, RefundRecordedFromTheAccountPage) {
    auto inv = invoice(martin, "100");
    paid(martin, "120", json::array({alloc(inv, "120")}));
    auto credit = app->api("POST", doc_path(inv) + "/convert", accountant, json{{"type", "credit_note"}});
    ASSERT_EQ(credit.status, 201) << credit.body;
    ASSERT_EQ(app->api("POST", doc_path(credit.json()) + "/validate", accountant, json::object()).status, 200);
    const std::string field = "alloc_" + id_of(credit.json());

    WebSession browser(*app);
    ASSERT_EQ(browser.login("compta@acme.test", "correct horse battery").status, 303);
    auto page = browser.get(account(martin));
    ASSERT_NE(page.body.find("/" + std::to_string(martin) + "/refunds\""), std::string::npos);
    auto too_much = browser.post("/clients/" + std::to_string(martin) + "/refunds",
                                 {{"date", today_paris()}, {"amount", "200"}, {"method", "transfer"}, {field, "200"}});
    EXPECT_EQ(too_much.status, 422);
    EXPECT_NE(too_much.body.find("<details class=\"card disclosure\" open>"), std::string::npos);  // the refund form, open
    EXPECT_EQ(balance(martin)["refunded"], "0.00");
    auto ok = browser.post("/clients/" + std::to_string(martin) + "/refunds",
                           {{"date", today_paris()}, {"amount", "120"}, {"method", "transfer"}, {field, "120"}});
    EXPECT_EQ(ok.status, 303) << ok.body.substr(0, 1000);
    auto b = balance(martin);
    EXPECT_EQ(b["refunded"], "120.00");
    EXPECT_EQ(b["balance"], "0.00");
    // Nothing left to refund: no refund form.
    EXPECT_EQ(browser.get(account(martin)).body.find("/refunds\""), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, PaymentPages, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
