// Payments through /api/v1/payments, on SQLite and PostgreSQL: recording what clients pay, allocating
// it to issued invoices, refunding credit notes, cancelling mistakes, and the invoices' payment
// states and clients' balances that follow.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include <chrono>
#include <cstdio>

#include "core/clock.hpp"
#include "modules/payments/tests/payment_fixture.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

TEST_P(PaymentApi, PartialPaymentsOverSeveralInvoices) {
    auto a = invoice(martin, "100");  // 120.00
    auto b = invoice(martin, "200");  // 240.00
    EXPECT_EQ(status_of(a), "unpaid");
    auto p = paid(martin, "200", json::array({alloc(a, "120"), alloc(b, "80")}));
    EXPECT_EQ(p["amount"], "200.00");
    EXPECT_EQ(p["allocated"], "200.00");
    EXPECT_EQ(p["unallocated"], "0.00");
    ASSERT_EQ(p["allocations"].size(), 2u);
    EXPECT_EQ(p["allocations"][1]["document_number"], b["number"]);
    EXPECT_EQ(status_of(a), "paid");
    EXPECT_EQ(status_of(b), "partially_paid");
    auto list = app->api("GET", "/api/v1/documents?type=invoice", reader).json();
    ASSERT_EQ(list["data"].size(), 2u);
    EXPECT_EQ(list["data"][0]["payment_status"], "partially_paid");  // newest first: b
    EXPECT_EQ(list["data"][1]["payment_status"], "paid");
    auto bal = balance(martin);
    EXPECT_EQ(bal["invoiced"], "360.00");
    EXPECT_EQ(bal["paid"], "200.00");
    EXPECT_EQ(bal["balance"], "160.00");
    paid(martin, "160", json::array({alloc(b, "160.00")}));
    EXPECT_EQ(status_of(b), "paid");
    EXPECT_EQ(balance(martin)["balance"], "0.00");
    // Listing by client and period, with a cursor.
    auto page = app->api("GET", "/api/v1/payments?client_id=" + std::to_string(martin) + "&limit=1", reader).json();
    ASSERT_EQ(page["data"].size(), 1u);
    EXPECT_EQ(page["data"][0]["amount"], "160.00");
    ASSERT_TRUE(page["next_cursor"].is_string());
    auto next = app->api("GET", "/api/v1/payments?limit=1&cursor=" + page["next_cursor"].get<std::string>(), reader).json();
    EXPECT_EQ(next["data"][0]["amount"], "200.00");
    EXPECT_EQ(app->api("GET", "/api/v1/payments?client_id=" + std::to_string(dupont), reader).json()["data"].size(), 0u);
    EXPECT_EQ(app->api("GET", "/api/v1/payments?to=2000-01-01", reader).json()["data"].size(), 0u);
    EXPECT_EQ(app->api("GET", "/api/v1/payments?from=" + today_paris(), reader).json()["data"].size(), 2u);
}

TEST_P(PaymentApi, OverpaymentLeavesACreditAllocatedLater) {
    auto a = invoice(martin, "100");
    auto p = paid(martin, "300", json::array({alloc(a, "120")}));
    EXPECT_EQ(p["unallocated"], "180.00");
    auto bal = balance(martin);
    EXPECT_EQ(bal["unallocated_credit"], "180.00");
    EXPECT_EQ(bal["balance"], "-180.00");
    auto b = invoice(martin, "200");
    auto r = app->api("POST", pay_path(p) + "/allocations", sales, json{{"allocations", {alloc(b, "180")}}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["unallocated"], "0.00");
    EXPECT_EQ(status_of(b), "partially_paid");
    EXPECT_EQ(balance(martin)["unallocated_credit"], "0.00");
    EXPECT_EQ(balance(martin)["balance"], "60.00");
    auto more = app->api("POST", pay_path(p) + "/allocations", sales, json{{"allocations", {alloc(b, "0.01")}}});
    EXPECT_EQ(more.status, 422);
    EXPECT_TRUE(has_field(more, "allocations")) << more.body;
    EXPECT_EQ(app->api("GET", pay_path(p), reader).json()["allocations"].size(), 2u);
}

TEST_P(PaymentApi, AllocationBeyondWhatRemainsDueIsRefusedNamingTheField) {
    auto a = invoice(martin, "100");
    auto b = invoice(martin, "200");
    auto r = pay(martin, "500", json::array({alloc(a, "100"), alloc(b, "240.01")}));
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_TRUE(has_field(r, "allocations[1].amount")) << r.body;
    EXPECT_FALSE(has_field(r, "allocations[0].amount")) << r.body;
    EXPECT_NE(r.json()["errors"][0]["message_fr"].get<std::string>().find("240,00"), std::string::npos) << r.body;
    EXPECT_NE(r.json()["errors"][0]["message"].get<std::string>().find("240.00"), std::string::npos) << r.body;
    // The same invoice twice in one payment counts both.
    auto twice = pay(martin, "500", json::array({alloc(a, "100"), alloc(a, "30")}));
    ASSERT_EQ(twice.status, 422) << twice.body;
    EXPECT_TRUE(has_field(twice, "allocations[1].amount")) << twice.body;
    // Allocations above the payment itself.
    auto above = pay(martin, "50", json::array({alloc(a, "60")}));
    ASSERT_EQ(above.status, 422);
    EXPECT_TRUE(has_field(above, "allocations")) << above.body;
    // What another payment took is no longer due.
    paid(martin, "100", json::array({alloc(a, "100")}));
    auto rest = pay(martin, "30", json::array({alloc(a, "20.01")}));
    EXPECT_TRUE(has_field(rest, "allocations[0].amount")) << rest.body;
    EXPECT_EQ(payment_count(), 1u);  // nothing half-written
    EXPECT_EQ(status_of(a), "partially_paid");
    EXPECT_EQ(status_of(b), "unpaid");
}

TEST_P(PaymentApi, OnlyTheClientsIssuedInvoicesTakeAllocations) {
    auto d = draft(martin, "100", admin);
    auto quote = draft(martin, "100", admin, "quote");
    auto theirs = invoice(dupont, "100");
    auto other = app->create_company("Autre", "admin@autre.test");
    app->identify_company(other);
    auto stranger = client("Client d'ailleurs", other.admin_token);
    auto foreign = invoice(stranger, "100", other.admin_token);
    auto mine = invoice(martin, "100");
    auto r = pay(martin, "400",
                 json::array({alloc(d, "10"), alloc(theirs, "10"), alloc(foreign, "10"), alloc(quote, "10"), alloc(mine, "10")}));
    ASSERT_EQ(r.status, 422) << r.body;
    std::map<std::string, std::string> codes;
    const json problem = r.json();
    for (const auto& e : problem["errors"]) codes[e["field"]] = e["code"];
    EXPECT_EQ(codes["allocations[0].document_id"], "allocation.not_issued");
    EXPECT_EQ(codes["allocations[1].document_id"], "allocation.other_client");
    EXPECT_EQ(codes["allocations[2].document_id"], "allocation.document_unknown");
    EXPECT_EQ(codes["allocations[3].document_id"], "allocation.not_invoice");
    EXPECT_FALSE(codes.contains("allocations[4].document_id"));
    EXPECT_EQ(payment_count(), 0u);
    EXPECT_EQ(status_of(mine), "unpaid");
    // The other company sees none of it.
    auto p = paid(martin, "10", json::array({alloc(mine, "10")}));
    EXPECT_EQ(app->api("GET", pay_path(p), other.admin_token).status, 404);
    EXPECT_EQ(app->api("POST", pay_path(p) + "/cancel", other.admin_token, json{{"reason", "x"}}).status, 404);
    EXPECT_EQ(app->api("GET", "/api/v1/clients/" + std::to_string(martin) + "/balance", other.admin_token).status, 404);
    EXPECT_EQ(app->api("GET", "/api/v1/payments", other.admin_token).json()["data"].size(), 0u);
    auto cross = app->api("POST", "/api/v1/payments", other.admin_token, json{{"client_id", martin}, {"amount", "10"}});
    EXPECT_EQ(cross.status, 422);
    EXPECT_TRUE(has_field(cross, "client_id"));
}

TEST_P(PaymentApi, APaymentBeforeItsInvoiceIsAllocatedLater) {
    auto p = paid(martin, "120");
    EXPECT_EQ(p["unallocated"], "120.00");
    EXPECT_EQ(balance(martin)["balance"], "-120.00");
    auto a = invoice(martin, "100");
    EXPECT_EQ(status_of(a), "unpaid");
    auto r = app->api("POST", pay_path(p) + "/allocations", accountant, json{{"allocations", {alloc(a, "120")}}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(status_of(a), "paid");
    EXPECT_EQ(balance(martin)["balance"], "0.00");
}

TEST_P(PaymentApi, ACreditNoteIsRefunded) {
    auto a = invoice(martin, "100");
    paid(martin, "120", json::array({alloc(a, "120")}));
    auto credit = app->api("POST", doc_path(a) + "/convert", accountant, json{{"type", "credit_note"}});
    ASSERT_EQ(credit.status, 201) << credit.body;
    auto issued = app->api("POST", doc_path(credit.json()) + "/validate", accountant, json::object());
    ASSERT_EQ(issued.status, 200) << issued.body;
    auto cn = issued.json();
    auto bal = balance(martin);
    EXPECT_EQ(bal["credited"], "120.00");
    EXPECT_EQ(bal["balance"], "-120.00");
    // A refund goes to credit notes only, in full, up to what they give back.
    auto to_invoice = pay(martin, "120", json::array({alloc(a, "120")}), accountant, "refund");
    EXPECT_EQ(to_invoice.status, 422);
    EXPECT_TRUE(has_field(to_invoice, "allocations[0].document_id")) << to_invoice.body;
    auto loose = pay(martin, "120", json::array(), accountant, "refund");
    EXPECT_EQ(loose.status, 422);
    EXPECT_TRUE(has_field(loose, "allocations")) << loose.body;
    auto too_much = pay(martin, "120.01", json::array({alloc(cn, "120.01")}), accountant, "refund");
    EXPECT_EQ(too_much.status, 422);
    EXPECT_TRUE(has_field(too_much, "allocations[0].amount")) << too_much.body;
    // And a payment does not go to a credit note.
    auto wrong_way = pay(martin, "10", json::array({alloc(cn, "10")}));
    EXPECT_TRUE(has_field(wrong_way, "allocations[0].document_id")) << wrong_way.body;
    auto refund = pay(martin, "120", json::array({alloc(cn, "120")}), accountant, "refund");
    ASSERT_EQ(refund.status, 201) << refund.body;
    EXPECT_EQ(refund.json()["kind"], "refund");
    bal = balance(martin);
    EXPECT_EQ(bal["refunded"], "120.00");
    EXPECT_EQ(bal["balance"], "0.00");
    auto again = pay(martin, "1", json::array({alloc(cn, "1")}), accountant, "refund");
    EXPECT_TRUE(has_field(again, "allocations[0].amount")) << again.body;
}

TEST_P(PaymentApi, CancellingAPaymentRestoresTheInvoicesStatuses) {
    auto a = invoice(martin, "100");
    auto b = invoice(martin, "100");
    auto p = paid(martin, "200", json::array({alloc(a, "120"), alloc(b, "80")}));
    EXPECT_EQ(status_of(a), "paid");
    EXPECT_EQ(app->api("POST", pay_path(p) + "/cancel", sales, json{{"reason", "Erreur"}}).status, 403);
    auto no_reason = app->api("POST", pay_path(p) + "/cancel", accountant, json{{"reason", "  "}});
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_TRUE(has_field(no_reason, "reason"));
    auto r = app->api("POST", pay_path(p) + "/cancel", accountant, json{{"reason", "Chèque rejeté"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json()["cancelled"].get<bool>());
    EXPECT_EQ(r.json()["cancel_reason"], "Chèque rejeté");
    EXPECT_TRUE(r.json()["cancelled_at"].is_string());
    EXPECT_EQ(status_of(a), "unpaid");
    EXPECT_EQ(status_of(b), "unpaid");
    auto bal = balance(martin);
    EXPECT_EQ(bal["paid"], "0.00");
    EXPECT_EQ(bal["balance"], "240.00");
    EXPECT_EQ(app->api("POST", pay_path(p) + "/cancel", admin, json{{"reason", "encore"}}).status, 409);
    EXPECT_EQ(app->api("POST", pay_path(p) + "/allocations", admin, json{{"allocations", {alloc(a, "1")}}}).status, 409);
    // The amounts it had taken are due again.
    paid(martin, "240", json::array({alloc(a, "120"), alloc(b, "120")}));
    EXPECT_EQ(status_of(b), "paid");
}

TEST_P(PaymentApi, AnInvoicePastItsDueDateIsOverdueUntilPaid) {
    auto a = invoice(martin, "100", admin, days_ago(60));  // 30-day terms: due 30 days ago
    ASSERT_EQ(a["due_date"], days_ago(30)) << a.dump();
    EXPECT_EQ(status_of(a), "overdue");
    paid(martin, "50", json::array({alloc(a, "50")}));
    EXPECT_EQ(status_of(a), "overdue");
    paid(martin, "70", json::array({alloc(a, "70")}));
    EXPECT_EQ(status_of(a), "paid");
}

TEST_P(PaymentApi, RolesRecordCancelAndRead) {
    auto a = invoice(martin, "100");
    EXPECT_EQ(pay(martin, "10", json::array(), reader).status, 403);
    EXPECT_EQ(pay(martin, "10", json::array({alloc(a, "10")}), sales).status, 201);
    auto p = pay(martin, "10", json::array(), accountant);
    ASSERT_EQ(p.status, 201);
    EXPECT_EQ(app->api("POST", pay_path(p.json()) + "/allocations", reader, json{{"allocations", {alloc(a, "1")}}}).status, 403);
    EXPECT_EQ(app->api("POST", pay_path(p.json()) + "/cancel", reader, json{{"reason", "x"}}).status, 403);
    EXPECT_EQ(app->api("POST", pay_path(p.json()) + "/cancel", admin, json{{"reason", "Doublon"}}).status, 200);
    EXPECT_EQ(app->api("GET", pay_path(p.json()), reader).status, 200);
    EXPECT_EQ(payment_count(), 2u);
    EXPECT_EQ(app->api("GET", "/api/v1/payments", "").status, 401);
}

TEST_P(PaymentApi, BadInputIsRefusedFieldByFieldWithNothingWritten) {
    auto a = invoice(martin, "100");
    auto r = app->api("POST", "/api/v1/payments", admin,
                      json{{"client_id", "un"}, {"kind", "gift"}, {"date", "26/11/2026"}, {"amount", "abc"},
                           {"method", "bitcoin"}, {"reference", std::string(101, 'x')}, {"bank_account", 12},
                           {"notes", std::string(2001, 'x')}, {"colour", "blue"},
                           {"allocations", json::array({{{"document_id", "x"}, {"amount", "1.234"}}, 7,
                                                        {{"document_id", a["id"]}}})}});
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.header("content-type").find("application/problem+json"), 0u);
    for (const char* f : {"client_id", "kind", "date", "amount", "method", "reference", "bank_account", "notes", "colour",
                          "allocations[0].document_id", "allocations[0].amount", "allocations[1]", "allocations[2].amount"})
        EXPECT_TRUE(has_field(r, f)) << f << " in " << r.body;
    const json problem = r.json();
    for (const auto& e : problem["errors"]) {
        EXPECT_FALSE(e["message"].get<std::string>().empty());
        EXPECT_FALSE(e["message_fr"].get<std::string>().empty());
    }
    auto missing = app->api("POST", "/api/v1/payments", admin, json::object());
    EXPECT_TRUE(has_field(missing, "client_id"));
    EXPECT_TRUE(has_field(missing, "amount"));
    for (const char* amount : {"0", "-5", "0.00"}) {
        auto z = pay(martin, amount);
        EXPECT_EQ(z.status, 422) << amount;
        EXPECT_TRUE(has_field(z, "amount")) << amount << " " << z.body;
    }
    auto future = app->api("POST", "/api/v1/payments", admin, json{{"client_id", martin}, {"amount", "10"}, {"date", "2999-01-01"}});
    EXPECT_TRUE(has_field(future, "date")) << future.body;
    auto unknown = app->api("POST", "/api/v1/payments", admin, json{{"client_id", 999999}, {"amount", "10"}});
    EXPECT_TRUE(has_field(unknown, "client_id")) << unknown.body;
    EXPECT_EQ(app->api("POST", "/api/v1/payments", admin, json::array()).status, 422);
    EXPECT_EQ(payment_count(), 0u);
    // Allocating later and cancelling read their bodies as strictly.
    auto p = paid(martin, "50");
    auto bad = app->api("POST", pay_path(p) + "/allocations", admin, json{{"allocations", "all"}, {"x", 1}});
    EXPECT_TRUE(has_field(bad, "allocations"));
    EXPECT_TRUE(has_field(bad, "x"));
    EXPECT_TRUE(has_field(app->api("POST", pay_path(p) + "/allocations", admin, json::object()), "allocations"));
    EXPECT_TRUE(has_field(app->api("POST", pay_path(p) + "/cancel", admin, json{{"reason", 3}}), "reason"));
    for (const char* q : {"client_id=x", "from=hier", "to=2026-13-45", "limit=0", "limit=500", "cursor=abc"})
        EXPECT_EQ(app->api("GET", std::string("/api/v1/payments?") + q, reader).status, 422) << q;
    EXPECT_EQ(app->api("GET", "/api/v1/payments/999999", reader).status, 404);
    EXPECT_EQ(app->api("GET", "/api/v1/clients/999999/balance", reader).status, 404);
    EXPECT_EQ(app->api("GET", pay_path(p), reader).json()["allocations"].size(), 0u);
    EXPECT_EQ(status_of(a), "unpaid");
}

// Two people record a payment for the same invoice at the same moment: never more than what is due
// gets allocated, the one who comes second is told why (422 naming the amount), and nothing fails.
TEST_P(PaymentApi, ConcurrentAllocationsNeverExceedWhatIsDue) {
    constexpr int kRounds = 5, kThreads = 4;
    for (int round = 0; round < kRounds; ++round) {
        auto inv = invoice(martin, "100");  // 120.00 due
        std::atomic<int> created{0}, refused{0}, other{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&] {
                auto r = pay(martin, "50", json::array({alloc(inv, "50")}));
                if (r.status == 201) ++created;
                else if (r.status == 422 && r.body.find("allocations[0].amount") != std::string::npos) ++refused;
                else ++other;
            });
        for (auto& t : threads) t.join();
        EXPECT_EQ(created.load(), 2) << round;  // 2 × 50 fit in 120, a third does not
        EXPECT_EQ(refused.load(), kThreads - 2) << round;
        EXPECT_EQ(other.load(), 0) << round;
        EXPECT_EQ(status_of(inv), "partially_paid");
    }
    balance(martin);
}

// The client's history as a general ledger: debits and credits in date order with the running
// balance, the quote outside the balance, an opening balance for a period, filters that keep the
// true balances, and a closing balance equal to the client's balance.
TEST_P(PaymentApi, LedgerShowsTheRunningBalanceLikeAGeneralLedger) {
    auto old = invoice(martin, "50", "", days_ago(40));  // 60.00, before the period
    auto quote = draft(martin, "10", admin, "quote");
    ASSERT_EQ(app->api("POST", doc_path(quote) + "/validate", admin, json::object()).status, 200);
    auto inv = invoice(martin, "100");  // 120.00
    paid(martin, "100", json::array({alloc(inv, "100")}));
    auto credit = app->api("POST", doc_path(inv) + "/convert", accountant, json{{"type", "credit_note"}});
    ASSERT_EQ(credit.status, 201) << credit.body;
    ASSERT_EQ(app->api("PATCH", doc_path(credit.json()), accountant,
                       json{{"lines", json::array({{{"description", "Geste"}, {"quantity", "1"}, {"unit_price", "10"},
                                                    {"vat_rate", "20"}}})}})
                  .status,
              200);
    ASSERT_EQ(app->api("POST", doc_path(credit.json()) + "/validate", accountant, json::object()).status, 200);

    const std::string path = "/api/v1/clients/" + std::to_string(martin) + "/ledger";
    auto all = app->api("GET", path, reader);
    ASSERT_EQ(all.status, 200) << all.body;
    const json l = all.json();
    EXPECT_EQ(l["opening_balance"], "0.00");
    std::vector<std::string> kinds, balances;
    for (const auto& line : l["lines"]) {
        kinds.push_back(line["kind"]);
        balances.push_back(line["balance"].is_string() ? line["balance"].get<std::string>() : "-");
    }
    EXPECT_EQ(kinds, (std::vector<std::string>{"invoice", "invoice", "payment", "credit_note", "quote"}));
    EXPECT_EQ(balances, (std::vector<std::string>{"60.00", "180.00", "80.00", "68.00", "-"}));
    EXPECT_EQ(l["closing_balance"], "68.00");
    EXPECT_EQ(balance(martin)["balance"], "68.00");  // the same figure as the balance

    // The period starts today: the old invoice becomes the opening balance.
    auto period = app->api("GET", path + "?from=" + days_ago(5), reader).json();
    EXPECT_EQ(period["opening_balance"], "60.00");
    EXPECT_EQ(period["total_debit"], "120.00");
    EXPECT_EQ(period["total_credit"], "112.00");
    EXPECT_EQ(period["closing_balance"], "68.00");
    // Only the payments, with the balance as it really stood.
    auto payments_only = app->api("GET", path + "?type=payment", reader).json();
    ASSERT_EQ(payments_only["lines"].size(), 1u);
    EXPECT_EQ(payments_only["lines"][0]["balance"], "80.00");

    EXPECT_EQ(app->api("GET", path + "?from=2026-02-30", reader).status, 422);
    EXPECT_EQ(app->api("GET", path + "?from=2026-05-01&to=2026-04-01", reader).status, 422);
    auto other = app->create_company("Autre", "admin@autre.test");
    EXPECT_EQ(app->api("GET", path, other.admin_token).status, 404);
}

// The same ledger as a page on the client's account, and as a CSV statement for a spreadsheet.
TEST_P(PaymentApi, AccountPageAndCsvStatement) {
    auto inv = invoice(martin, "1000");  // 1 200,00
    paid(martin, "200", json::array({alloc(inv, "200")}));
    WebSession browser(*app);
    ASSERT_EQ(browser.login(acme.admin_email, acme.admin_password).status, 303);
    auto page = browser.get("/clients/" + std::to_string(martin) + "/account");
    ASSERT_EQ(page.status, 200) << page.body.substr(0, 500);
    EXPECT_NE(page.body.find(inv["number"].get<std::string>()), std::string::npos);
    EXPECT_NE(page.body.find("1\u202f000,00\u00a0€"), std::string::npos);  // the balance after the payment
    auto bad = browser.get("/clients/" + std::to_string(martin) + "/account?from=2026-13-01");
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("id=\"from-error\""), std::string::npos);

    auto csv = browser.get("/clients/" + std::to_string(martin) + "/account.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.header("content-type").find("text/csv"), std::string::npos);
    EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF" "Date;Pièce;Numéro;Échéance;Débit;Crédit;Solde\r\n", 0), 0u);
    EXPECT_NE(csv.body.find(";1200,00;;1200,00\r\n"), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find(";;200,00;1000,00\r\n"), std::string::npos) << csv.body;

    auto other = app->create_company("Autre", "admin@autre.test");
    WebSession stranger(*app);
    ASSERT_EQ(stranger.login(other.admin_email, other.admin_password).status, 303);
    EXPECT_EQ(stranger.get("/clients/" + std::to_string(martin) + "/account").status, 404);
    EXPECT_EQ(stranger.get("/clients/" + std::to_string(martin) + "/account.csv").status, 404);
}

// Recording a payment from the client's account page: allocated to an invoice, the rest as credit;
// wrong amounts are named and nothing is written; a read-only user gets no form and a 403.
TEST_P(PaymentApi, PaymentRecordedFromTheAccountPage) {
    auto inv = invoice(martin, "100");  // 120.00
    WebSession browser(*app);
    ASSERT_EQ(browser.login(acme.admin_email, acme.admin_password).status, 303);
    const std::string account = "/clients/" + std::to_string(martin) + "/account";
    auto page = browser.get(account);
    ASSERT_EQ(page.status, 200);
    const std::string alloc_field = "alloc_" + std::to_string(inv["id"].get<std::int64_t>());
    EXPECT_NE(page.body.find("name=\"" + alloc_field + "\""), std::string::npos);

    auto bad = browser.post("/clients/" + std::to_string(martin) + "/payments",
                            {{"date", today_paris()}, {"amount", "abc"}, {"method", "transfer"}, {alloc_field, "500"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("id=\"pay-amount-error\""), std::string::npos);
    auto too_much = browser.post("/clients/" + std::to_string(martin) + "/payments",
                                 {{"date", today_paris()}, {"amount", "500"}, {"method", "cheque"}, {alloc_field, "500"}});
    EXPECT_EQ(too_much.status, 422);
    EXPECT_EQ(balance(martin)["paid"], "0.00");  // nothing written

    browser.get(account);
    auto ok = browser.post("/clients/" + std::to_string(martin) + "/payments",
                           {{"date", today_paris()}, {"amount", "150,00"}, {"method", "cheque"}, {"reference", "CHQ 0042"},
                            {alloc_field, "120"}});
    EXPECT_EQ(ok.status, 303) << ok.body.substr(0, 2000);
    EXPECT_EQ(status_of(inv), "paid");
    auto b = balance(martin);
    EXPECT_EQ(b["unallocated_credit"], "30.00");

    WebSession viewer(*app);
    ASSERT_EQ(viewer.login("lecture@acme.test", "correct horse battery").status, 303);
    auto seen = viewer.get(account);
    EXPECT_EQ(seen.status, 200);
    EXPECT_EQ(seen.body.find("/" + std::to_string(martin) + "/payments\""), std::string::npos);  // no form
    EXPECT_EQ(viewer.post("/clients/" + std::to_string(martin) + "/payments", {{"amount", "1"}}).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, PaymentApi, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
