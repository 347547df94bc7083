#include "modules/sales/domain/deposit.hpp"

#include <random>

#include <gtest/gtest.h>

#include "core/money/rounding.hpp"
#include "modules/sales/domain/test_lines.hpp"

namespace comptoir::sales {
namespace {

using namespace test;

Totals mixed_quote() {
    return compute_totals(std::vector<DocumentLine>{item("Poêle", "2", "150.00", vat("20")), item("Pose", "3.5", "42.80", vat("10")),
                                                    item("Repas", "1", "12.99", vat("5.5")),
                                                    item("Débroussaillage", "10", "0.95", vat("2.1"))})
        .value();  // 548.18 including VAT
}

// What every deposit must satisfy: parts add up, each part's VAT is the invoice formula's, and the
// deposit invoice built from the parts totals exactly the deposit.
void expect_consistent(const Deposit& d) {
    Money sum;
    for (const DepositPart& p : d.parts) {
        EXPECT_EQ(p.vat_amount, *percent_of(p.basis, p.vat.percent));
        EXPECT_EQ(p.total, p.basis + p.vat_amount);
        sum += p.total;
    }
    EXPECT_EQ(sum, d.amount);
    const Totals invoice = compute_totals(deposit_lines(d, "Acompte")).value();
    EXPECT_EQ(invoice.total_incl_vat, d.amount);
    ASSERT_EQ(invoice.vat.size(), d.parts.size());
    for (std::size_t k = 0; k < d.parts.size(); ++k) {
        EXPECT_EQ(invoice.vat[k].vat, d.parts[k].vat);
        EXPECT_EQ(invoice.vat[k].basis, d.parts[k].basis);
        EXPECT_EQ(invoice.vat[k].vat_amount, d.parts[k].vat_amount);
    }
}

TEST(Deposit, SplitsAPercentageAcrossTheSourceRatesToTheCent) {
    const Totals quote = mixed_quote();
    const Deposit d = compute_deposit(quote, DepositRequest::of_percent(D("30"))).value();
    EXPECT_EQ(d.requested, M("164.45"));  // round2(548.18 × 30 %) = round2(164.454)
    EXPECT_EQ(d.amount, M("164.45"));
    ASSERT_EQ(d.parts.size(), 4u);
    EXPECT_EQ(d.parts[0].vat, vat("20"));
    EXPECT_EQ(d.parts[1].vat, vat("10"));
    EXPECT_EQ(d.parts[2].vat, vat("5.5"));
    EXPECT_EQ(d.parts[3].vat, vat("2.1"));
    // Shares of the rows' totals (360.00, 164.78, 13.70, 9.70 out of 548.18), within a cent or two.
    EXPECT_NEAR(static_cast<double>(d.parts[0].total.cents()), 10800.0, 2.0);
    EXPECT_NEAR(static_cast<double>(d.parts[1].total.cents()), 4943.0, 2.0);
    EXPECT_NEAR(static_cast<double>(d.parts[2].total.cents()), 411.0, 2.0);
    EXPECT_NEAR(static_cast<double>(d.parts[3].total.cents()), 291.0, 2.0);
    expect_consistent(d);
}

TEST(Deposit, TakesAFixedAmountIncludingVat) {
    const Totals quote = compute_totals(std::vector<DocumentLine>{item("Cuisine", "1", "5000", vat("20"))}).value();
    const Deposit d = compute_deposit(quote, DepositRequest::of_amount(M("1000"))).value();
    ASSERT_EQ(d.parts.size(), 1u);
    EXPECT_EQ(d.parts[0].basis, M("833.33"));
    EXPECT_EQ(d.parts[0].vat_amount, M("166.67"));
    EXPECT_EQ(d.amount, M("1000"));
    expect_consistent(d);
}

TEST(Deposit, OfAHundredPercentIsTheSourceItself) {
    const Totals quote = mixed_quote();
    const Deposit d = compute_deposit(quote, DepositRequest::of_percent(D("100"))).value();
    EXPECT_EQ(d.amount, quote.total_incl_vat);
    ASSERT_EQ(d.parts.size(), quote.vat.size());
    for (std::size_t k = 0; k < d.parts.size(); ++k) {
        EXPECT_EQ(d.parts[k].basis, quote.vat[k].basis);
        EXPECT_EQ(d.parts[k].vat_amount, quote.vat[k].vat_amount);
    }
}

TEST(Deposit, StaysOneCentBelowAnAmountNoInvoiceCanReach) {
    // At 20 %, bases of 83.37 and 83.38 total 100.04 and 100.06: no invoice at 20 % totals 100.05.
    const Totals quote = compute_totals(std::vector<DocumentLine>{item("Travaux", "1", "1000", vat("20"))}).value();
    const Deposit d = compute_deposit(quote, DepositRequest::of_amount(M("100.05"))).value();
    EXPECT_EQ(d.requested, M("100.05"));
    EXPECT_EQ(d.amount, M("100.04"));  // never more than asked
    expect_consistent(d);
}

TEST(Deposit, MovesACentToAnotherRateRatherThanMissTheAmount) {
    // 20 % and 0 % rows: the exempt row can take any cent the 20 % row cannot.
    const Totals quote = compute_totals(std::vector<DocumentLine>{item("Travaux", "1", "1000", vat("20")),
                                                                  item("Débours", "1", "200", exempt_rate(VatExemption::Disbursement))})
                             .value();
    for (const char* amount : {"100.05", "100.11", "0.03", "333.33", "1399.99"}) {
        const Deposit d = compute_deposit(quote, DepositRequest::of_amount(M(amount))).value();
        EXPECT_EQ(d.amount, M(amount)) << amount;
        expect_consistent(d);
    }
}

TEST(Deposit, NeverBillsARateTheSourceDoesNotCharge) {
    // The 10 % row totals zero (a line at quantity 0): it gets no share, not even the last cent.
    const Totals quote = compute_totals(std::vector<DocumentLine>{item("Travaux", "1", "1000", vat("20")),
                                                                  item("Option non retenue", "0", "80", vat("10"))})
                             .value();
    ASSERT_EQ(quote.vat.size(), 2u);
    const Deposit d = compute_deposit(quote, DepositRequest::of_amount(M("100.05"))).value();
    ASSERT_EQ(d.parts.size(), 1u);
    EXPECT_EQ(d.parts[0].vat, vat("20"));
    EXPECT_EQ(d.amount, M("100.04"));
}

TEST(Deposit, AlwaysAddsUpOnRandomQuotes) {
    std::mt19937_64 rng(42);
    const std::vector<VatRate> rates{vat("20"), vat("10"), vat("5.5"), vat("2.1"), exempt_rate(VatExemption::Export)};
    int exact = 0, short_by_a_cent = 0;
    for (int i = 0; i < 3000; ++i) {
        std::vector<DocumentLine> lines;
        const std::size_t n = 1 + rng() % 5;
        for (std::size_t k = 0; k < n; ++k) {
            lines.push_back(item("x", "1", Decimal::from_mantissa(static_cast<std::int64_t>(1 + rng() % 500'000'000'000)).to_string(),
                                 rates[rng() % rates.size()]));
        }
        const Totals quote = compute_totals(lines).value();
        const DepositRequest request =
            i % 2 ? DepositRequest::of_percent(Decimal::from_mantissa(static_cast<std::int64_t>(1 + rng() % 100'000'000)))
                  : DepositRequest::of_amount(Money::from_cents(static_cast<std::int64_t>(1 + rng() % quote.total_incl_vat.cents())));
        const auto d = compute_deposit(quote, request);
        if (!d) {
            EXPECT_EQ(d.error().fields.at(0).code, "deposit.amount_not_positive");  // a tiny percentage of a tiny total
            continue;
        }
        expect_consistent(*d);
        EXPECT_LE(d->amount, d->requested);
        EXPECT_GE(d->amount.cents(), d->requested.cents() - 1);
        (d->amount == d->requested ? exact : short_by_a_cent)++;
        int charged = 0;
        bool charged_zero_rate = false;
        for (const auto& row : quote.vat) {
            if ((row.basis + row.vat_amount).is_zero()) continue;
            ++charged;
            charged_zero_rate = charged_zero_rate || row.vat.percent.is_zero();
        }
        if (charged > 1 || charged_zero_rate) {
            EXPECT_EQ(d->amount, d->requested) << "several rates, or a 0 % rate, settle the last cent";
        }
    }
    EXPECT_GT(exact, 2500);
}

TEST(Deposit, IsDeductedFromTheFinalInvoice) {
    const Totals quote = mixed_quote();
    const Deposit d = compute_deposit(quote, DepositRequest::of_percent(D("30"))).value();
    const std::vector<DocumentLine> final_lines{item("Poêle", "2", "150.00", vat("20")), item("Pose", "3.5", "42.80", vat("10")),
                                                item("Repas", "1", "12.99", vat("5.5")),
                                                item("Débroussaillage", "10", "0.95", vat("2.1"))};
    const Totals final_invoice = compute_totals(final_lines, {.prepaid = d.amount}).value();
    EXPECT_EQ(final_invoice.total_incl_vat, M("548.18"));
    EXPECT_EQ(final_invoice.amount_due, M("383.73"));
}

TEST(Deposit, NeverExceedsWhatRemainsToInvoice) {
    const Totals quote = mixed_quote();
    EXPECT_TRUE(compute_deposit(quote, DepositRequest::of_amount(M("248.18")), M("300")));
    const auto r = compute_deposit(quote, DepositRequest::of_amount(M("248.19")), M("300"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().fields.at(0).field, "deposit");
    EXPECT_EQ(r.error().fields.at(0).code, "deposit.exceeds_total");
    EXPECT_NE(r.error().message_fr.find("248,18"), std::string::npos);
    EXPECT_EQ(compute_deposit(quote, DepositRequest::of_amount(M("548.19"))).error().fields.at(0).code,
              "deposit.exceeds_total");
    EXPECT_EQ(compute_deposit(quote, DepositRequest::of_amount(M("1")), M("548.18")).error().fields.at(0).code,
              "deposit.exceeds_total");  // fully invoiced already
    EXPECT_EQ(compute_deposit(quote, DepositRequest::of_amount(M("600")), M("-100")).error().fields.at(0).field,
              "already_invoiced");
}

TEST(Deposit, RefusesMeaninglessRequests) {
    const Totals quote = mixed_quote();
    for (const char* p : {"0", "-10", "100.000001"}) {
        EXPECT_EQ(compute_deposit(quote, DepositRequest::of_percent(D(p))).error().fields.at(0).code, "deposit.percent_range") << p;
    }
    EXPECT_EQ(compute_deposit(quote, DepositRequest::of_amount(M("0"))).error().fields.at(0).code, "deposit.amount_not_positive");
    EXPECT_EQ(compute_deposit(quote, DepositRequest::of_amount(M("-5"))).error().fields.at(0).code, "deposit.amount_not_positive");
    EXPECT_EQ(compute_deposit(quote, DepositRequest::of_percent(D("0.0001"))).error().fields.at(0).code,
              "deposit.amount_not_positive");  // 0.0005 € rounds to nothing

    const Totals empty = compute_totals(std::vector<DocumentLine>{}).value();
    EXPECT_EQ(compute_deposit(empty, DepositRequest::of_percent(D("30"))).error().fields.at(0).code,
              "deposit.source_not_positive");
    const Totals mixed_signs = compute_totals(std::vector<DocumentLine>{item("Vente", "1", "100", vat("20")),
                                                                        item("Reprise", "-1", "10", vat("5.5"))})
                                   .value();
    EXPECT_EQ(compute_deposit(mixed_signs, DepositRequest::of_percent(D("30"))).error().fields.at(0).code,
              "deposit.negative_row");
}

}  // namespace
}  // namespace comptoir::sales
