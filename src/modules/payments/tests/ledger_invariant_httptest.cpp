// The client's history always adds up: after any sequence of invoices, credit notes, payments
// (allocated or not), refunds and cancellations, the ledger's closing balance is invoices − credit
// notes − payments + refunds, counted here independently of the server; a period's opening plus its
// movements gives the same closing; and filtering the kinds shown never changes a balance.
// A seeded random walk on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <random>

#include "modules/payments/tests/payment_fixture.hpp"

namespace comptoir::testing {
namespace {

std::int64_t cents_of(const json& amount) { return std::llround(std::stod(amount.get<std::string>()) * 100); }
std::string euros(std::int64_t cents) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%lld.%02lld", cents < 0 ? "-" : "", std::llabs(cents) / 100, std::llabs(cents) % 100);
    return buf;
}

class LedgerInvariant : public PaymentApi {};

TEST_P(LedgerInvariant, ClosingBalanceIsInvoicesLessCreditNotesLessPaymentsPlusRefunds) {
    std::mt19937 rng(20261126);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    std::int64_t expected = 0;  // what Martin owes, counted by the test
    std::vector<json> invoices, credit_notes, payments;

    for (int step = 0; step < 40; ++step) {
        const int what = invoices.empty() ? 0 : pick(6);
        if (what == 0) {  // an invoice of 10.00 to 500.00 excl. VAT, 20 % VAT
            const int excl = 10 + pick(491);
            invoices.push_back(invoice(martin, std::to_string(excl)));
            expected += excl * 120;
        } else if (what == 1) {  // a partial credit note on an invoice
            const auto& inv = invoices[pick(static_cast<int>(invoices.size()))];
            auto cn = app->api("POST", doc_path(inv) + "/convert", accountant, json{{"type", "credit_note"}});
            ASSERT_EQ(cn.status, 201) << cn.body;
            ASSERT_EQ(app->api("PATCH", doc_path(cn.json()), accountant,
                               json{{"lines", json::array({{{"description", "Geste"}, {"quantity", "1"}, {"unit_price", "5"},
                                                            {"vat_rate", "20"}}})}})
                          .status,
                      200);
            auto issued = app->api("POST", doc_path(cn.json()) + "/validate", accountant, json::object());
            ASSERT_EQ(issued.status, 200) << issued.body;
            credit_notes.push_back(issued.json());
            expected -= 600;
        } else if (what == 2 || what == 3) {  // a payment, allocated to an open invoice when possible
            const int amount = 1 + pick(300);
            json allocations = json::array();
            const auto& inv = invoices[pick(static_cast<int>(invoices.size()))];
            auto doc = app->api("GET", doc_path(inv), reader).json();
            if (what == 2 && doc["payment_status"] != "paid") {
                auto b = app->api("POST", "/api/v1/payments", admin,
                                  json{{"client_id", martin}, {"amount", std::to_string(amount)}, {"method", "card"},
                                       {"allocations", json::array({alloc(inv, std::to_string(amount))})}});
                if (b.status == 201) {  // refused when more than what remains due: then nothing counts
                    payments.push_back(b.json());
                    expected -= amount * 100;
                } else {
                    ASSERT_EQ(b.status, 422) << b.body;
                }
            } else {
                payments.push_back(paid(martin, std::to_string(amount)));  // stays as credit
                expected -= amount * 100;
            }
        } else if (what == 4 && !credit_notes.empty()) {  // a refund of part of a credit note
            const auto& cn = credit_notes[pick(static_cast<int>(credit_notes.size()))];
            auto r = pay(martin, "1", json::array({alloc(cn, "1")}), accountant, "refund");
            if (r.status == 201) expected += 100;
            else ASSERT_EQ(r.status, 422) << r.body;
        } else if (what == 5 && !payments.empty()) {  // a cancellation
            const std::size_t i = static_cast<std::size_t>(pick(static_cast<int>(payments.size())));
            auto cancelled = app->api("POST", pay_path(payments[i]) + "/cancel", accountant, json{{"reason", "erreur"}});
            ASSERT_EQ(cancelled.status, 200) << cancelled.body;
            expected += cents_of(payments[i]["amount"]);
            payments.erase(payments.begin() + static_cast<std::ptrdiff_t>(i));
        }

        if (step % 5 != 4) continue;
        const std::string path = "/api/v1/clients/" + std::to_string(martin) + "/ledger";
        auto all = app->api("GET", path, reader).json();
        ASSERT_EQ(all["closing_balance"], euros(expected)) << "step " << step;
        EXPECT_EQ(balance(martin)["balance"], euros(expected));  // and balance() checks its own parts
        // Every line's running balance follows from the previous one.
        std::int64_t running = cents_of(all["opening_balance"]);
        for (const auto& line : all["lines"]) {
            if (!line["in_balance"].get<bool>()) continue;
            if (line["debit"].is_string()) running += cents_of(line["debit"]);
            if (line["credit"].is_string()) running -= cents_of(line["credit"]);
            ASSERT_EQ(cents_of(line["balance"]), running) << line.dump();
        }
        // Filtered to payments only, the balances are still the true ones.
        auto only = app->api("GET", path + "?type=payment&type=refund", reader).json();
        EXPECT_EQ(only["closing_balance"], euros(expected));
    }
    // The walk went through every kind of event.
    EXPECT_GE(invoices.size(), 5u);
    EXPECT_GE(credit_notes.size(), 2u);
    EXPECT_GE(payments.size(), 3u);
    // A period from today: opening + debits − credits = closing.
    auto today = app->api("GET", "/api/v1/clients/" + std::to_string(martin) + "/ledger?from=" + today_paris(), reader).json();
    EXPECT_EQ(cents_of(today["opening_balance"]) + cents_of(today["total_debit"]) - cents_of(today["total_credit"]),
              cents_of(today["closing_balance"]));
    // Dupont's account never moved.
    EXPECT_EQ(balance(dupont)["balance"], "0.00");
}

INSTANTIATE_TEST_SUITE_P(Backends, LedgerInvariant, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
