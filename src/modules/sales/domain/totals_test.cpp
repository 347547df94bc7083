#include "modules/sales/domain/totals.hpp"

#include <random>

#include <gtest/gtest.h>

#include "core/money/rounding.hpp"
#include "modules/sales/domain/test_lines.hpp"

namespace comptoir::sales {
namespace {

using namespace test;

std::vector<std::string> codes(const Error& e) {
    std::vector<std::string> out;
    for (const auto& f : e.fields) out.push_back(f.field + ":" + f.code);
    return out;
}

TEST(Totals, RoundsEachLineThenComputesVatOnTheSumPerRate) {
    // EN 16931 textbook case: three lines of 0.333 × 10.00 at 20 %.
    const std::vector<DocumentLine> lines{item("A", "0.333", "10.00"), item("B", "0.333", "10.00"),
                                          item("C", "0.333", "10.00")};
    const Totals t = compute_totals(lines).value();
    for (const auto& l : t.lines) EXPECT_EQ(l.net, M("3.33"));  // round2(3.33)
    EXPECT_EQ(t.lines_net, M("9.99"));                          // Σ rounded lines, not round2(9.99 exact)
    ASSERT_EQ(t.vat.size(), 1u);
    EXPECT_EQ(t.vat[0].basis, M("9.99"));
    EXPECT_EQ(t.vat[0].vat_amount, M("2.00"));  // round2(1.998); per line it would be 3 × 0.67 = 2.01
    EXPECT_EQ(t.total_vat, M("2.00"));
    EXPECT_EQ(t.total_excl_vat, M("9.99"));
    EXPECT_EQ(t.total_incl_vat, M("11.99"));
    EXPECT_EQ(t.amount_due, M("11.99"));
}

TEST(Totals, VatPerRateDiffersFromSummingPerLineVat) {
    // 3 × 1.05 at 5.5 %: per line 0.05775 → 0.06, summed 0.18; per rate round2(3.15 × 5.5 %) = 0.17.
    const std::vector<DocumentLine> lines{item("A", "1", "1.05", vat("5.5")), item("B", "1", "1.05", vat("5.5")),
                                          item("C", "1", "1.05", vat("5.5"))};
    const Totals t = compute_totals(lines).value();
    EXPECT_EQ(t.total_vat, M("0.17"));
    EXPECT_EQ(t.total_incl_vat, M("3.32"));
}

TEST(Totals, BreaksDownMixedRatesHighestFirst) {
    const std::vector<DocumentLine> lines{
        item("Débroussaillage", "10", "0.95", vat("2.1")),  // 9.50
        item("Repas", "1", "12.99", vat("5.5")),              // 12.99
        item("Pose", "3.5", "42.80", vat("10")),              // 149.80
        item("Poêle", "2", "150.00", vat("20")),              // 300.00
    };
    const Totals t = compute_totals(lines).value();
    ASSERT_EQ(t.vat.size(), 4u);
    EXPECT_EQ(t.vat[0].vat, vat("20"));
    EXPECT_EQ(t.vat[0].basis, M("300.00"));
    EXPECT_EQ(t.vat[0].vat_amount, M("60.00"));
    EXPECT_EQ(t.vat[1].vat, vat("10"));
    EXPECT_EQ(t.vat[1].vat_amount, M("14.98"));
    EXPECT_EQ(t.vat[2].vat, vat("5.5"));
    EXPECT_EQ(t.vat[2].vat_amount, M("0.71"));  // 0.71445
    EXPECT_EQ(t.vat[3].vat, vat("2.1"));
    EXPECT_EQ(t.vat[3].vat_amount, M("0.20"));  // 0.1995
    EXPECT_EQ(t.total_excl_vat, M("472.29"));
    EXPECT_EQ(t.total_vat, M("75.89"));
    EXPECT_EQ(t.total_incl_vat, M("548.18"));
}

TEST(Totals, KeepsAnExemptLineInItsOwnRowWithItsReason) {
    const std::vector<DocumentLine> lines{item("Honoraires", "1", "100", vat("20")),
                                          item("Timbre fiscal (débours)", "1", "55", exempt_rate(VatExemption::Disbursement))};
    const Totals t = compute_totals(lines).value();
    ASSERT_EQ(t.vat.size(), 2u);
    EXPECT_EQ(t.vat[0].vat.category, VatCategory::Standard);
    EXPECT_EQ(t.vat[1].vat.category, VatCategory::Exempt);
    EXPECT_EQ(t.vat[1].vat.exemption, VatExemption::Disbursement);
    EXPECT_EQ(t.vat[1].basis, M("55"));
    EXPECT_EQ(t.vat[1].vat_amount, M("0"));
    EXPECT_EQ(t.total_excl_vat, M("155"));
    EXPECT_EQ(t.total_vat, M("20"));
    EXPECT_EQ(t.total_incl_vat, M("175"));
}

TEST(Totals, SeparatesRowsWithTheSameRateButDifferentReasons) {
    const std::vector<DocumentLine> lines{item("Formation", "1", "800", exempt_rate(VatExemption::GeneralInterest)),
                                          item("Frais de dossier", "1", "20", exempt_rate(VatExemption::Disbursement)),
                                          item("Matériel", "1", "50", exempt_rate(VatExemption::Export))};
    const Totals t = compute_totals(lines).value();
    ASSERT_EQ(t.vat.size(), 3u);
    EXPECT_EQ(t.vat[0].vat.exemption, VatExemption::Disbursement);  // E rows by reason, then G
    EXPECT_EQ(t.vat[1].vat.exemption, VatExemption::GeneralInterest);
    EXPECT_EQ(t.vat[2].vat.category, VatCategory::Export);
    EXPECT_EQ(t.total_vat, M("0"));
}

TEST(Totals, ComputesAFranchiseEnBaseInvoiceWithoutVat) {
    const VatRate franchise = exempt_rate(VatExemption::FranchiseEnBase);
    const std::vector<DocumentLine> lines{item("Site vitrine", "1", "1200", franchise), item("Hébergement", "12", "9.90", franchise)};
    const Totals t = compute_totals(lines).value();
    ASSERT_EQ(t.vat.size(), 1u);
    EXPECT_EQ(mention_fr(t.vat[0].vat.exemption), "TVA non applicable, art. 293 B du CGI");
    EXPECT_EQ(t.total_incl_vat, M("1318.80"));
    EXPECT_EQ(t.total_vat, M("0"));
}

TEST(Totals, RefusesAZeroPercentStandardLine) {
    const std::vector<DocumentLine> lines{item("Ok", "1", "10"), item("Sans TVA ?", "1", "10", vat("0"))};
    const auto r = compute_totals(lines);
    ASSERT_FALSE(r);
    EXPECT_EQ(codes(r.error()), std::vector<std::string>{"lines[1].vat:vat.zero_standard_rate"});
    EXPECT_EQ(r.error().message_fr.rfind("Ligne 2 : ", 0), 0u);
}

TEST(Totals, AppliesTheLineDiscountToTheUnitPrice) {
    const std::vector<DocumentLine> lines{item("Remisé", "3", "19.99", vat("20"), "12.5"),
                                          item("Offert", "2", "9.99", vat("20"), "100")};
    const Totals t = compute_totals(lines).value();
    EXPECT_EQ(t.lines[0].net_unit_price, D("17.49125"));
    EXPECT_EQ(t.lines[0].net, M("52.47"));  // round2(52.47375)
    EXPECT_EQ(t.lines[1].net_unit_price, D("0"));
    EXPECT_EQ(t.lines[1].net, M("0"));
    EXPECT_EQ(t.total_vat, M("10.49"));  // round2(10.494)
}

TEST(Totals, AppliesTheDocumentDiscountPerVatRow) {
    const std::vector<DocumentLine> lines{item("A", "1", "100", vat("20")), item("B", "1", "33.33", vat("5.5"))};
    const Totals t = compute_totals(lines, {.discount_percent = D("10")}).value();
    ASSERT_EQ(t.vat.size(), 2u);
    EXPECT_EQ(t.vat[0].lines_net, M("100"));
    EXPECT_EQ(t.vat[0].allowance, M("10"));
    EXPECT_EQ(t.vat[0].basis, M("90"));
    EXPECT_EQ(t.vat[0].vat_amount, M("18"));
    EXPECT_EQ(t.vat[1].allowance, M("3.33"));  // 3.333
    EXPECT_EQ(t.vat[1].basis, M("30"));
    EXPECT_EQ(t.vat[1].vat_amount, M("1.65"));
    EXPECT_EQ(t.lines_net, M("133.33"));
    EXPECT_EQ(t.allowances, M("13.33"));
    EXPECT_EQ(t.total_excl_vat, M("120"));
    EXPECT_EQ(t.total_vat, M("19.65"));
    EXPECT_EQ(t.total_incl_vat, M("139.65"));
    // Line nets are unchanged: the discount is a document-level allowance, not a line change.
    EXPECT_EQ(t.lines[1].net, M("33.33"));
}

TEST(Totals, RoundsTheDocumentDiscountHalfAwayFromZero) {
    const std::vector<DocumentLine> lines{item("A", "1", "0.05")};
    const Totals t = compute_totals(lines, {.discount_percent = D("10")}).value();
    EXPECT_EQ(t.allowances, M("0.01"));  // 0.005 → 0.01
    EXPECT_EQ(t.total_excl_vat, M("0.04"));
}

TEST(Totals, RoundsNegativeLinesHalfAwayFromZeroLikeTheirMirror) {
    // A take-back line: -1 × 0.25 at 10 %. VAT -0.025 → -0.03 (half toward zero or to even gives -0.02).
    const std::vector<DocumentLine> negative{item("Reprise", "-1", "0.25", vat("10"))};
    const std::vector<DocumentLine> positive{item("Vente", "1", "0.25", vat("10"))};
    const Totals n = compute_totals(negative).value();
    const Totals p = compute_totals(positive).value();
    EXPECT_EQ(n.total_vat, M("-0.03"));
    EXPECT_EQ(p.total_vat, M("0.03"));
    EXPECT_EQ(n.total_incl_vat, -p.total_incl_vat);
    // A line net at exactly half a cent: -1 × 10.025 → -10.03.
    const Totals h = compute_totals(std::vector<DocumentLine>{item("Reprise", "-1", "10.025")}).value();
    EXPECT_EQ(h.lines_net, M("-10.03"));
    EXPECT_EQ(h.total_vat, M("-2.01"));  // -2.006
}

TEST(Totals, CreditNotesAreComputedLikeInvoicesOnPositiveQuantities) {
    // A credit note for the 3 × 0.333 case gives exactly the invoice's figures (type 381, positive amounts).
    const std::vector<DocumentLine> lines{item("A", "0.999", "10.00")};
    const Totals t = compute_totals(lines).value();
    EXPECT_EQ(t.total_incl_vat, M("11.99"));
}

TEST(Totals, DeductsPrepaidAmountsAndTheRetentionGuarantee) {
    const std::vector<DocumentLine> lines{item("Travaux", "1", "1000", vat("10")), item("Fournitures", "1", "250", vat("20"))};
    const Totals t = compute_totals(lines, {.prepaid = M("300"), .retention_percent = D("5")}).value();
    EXPECT_EQ(t.total_excl_vat, M("1250"));
    EXPECT_EQ(t.total_vat, M("150"));
    EXPECT_EQ(t.total_incl_vat, M("1400"));
    EXPECT_EQ(t.prepaid, M("300"));
    EXPECT_EQ(t.amount_due, M("1100"));
    EXPECT_EQ(t.retention, M("70"));  // 5 % of the total including VAT
    EXPECT_EQ(t.payable, M("1030"));
    // The retention changes neither the VAT nor the amount due.
    const Totals without = compute_totals(lines, {.prepaid = M("300")}).value();
    EXPECT_EQ(without.total_vat, t.total_vat);
    EXPECT_EQ(without.amount_due, t.amount_due);
    EXPECT_EQ(without.payable, without.amount_due);
}

TEST(Totals, RoundsTheRetentionHalfAwayFromZero) {
    const Totals t = compute_totals(std::vector<DocumentLine>{item("X", "1", "456.81", vat("20"))},
                                    {.retention_percent = D("5")}).value();
    EXPECT_EQ(t.total_incl_vat, M("548.17"));  // 456.81 + 91.362 → 91.36
    EXPECT_EQ(t.retention, M("27.41"));        // 27.4085
    EXPECT_EQ(t.payable, M("520.76"));
}

TEST(Totals, AllowsAnAmountDueBelowZeroWhenOverpaid) {
    const Totals t = compute_totals(std::vector<DocumentLine>{item("X", "1", "100")}, {.prepaid = M("150")}).value();
    EXPECT_EQ(t.amount_due, M("-30"));
}

TEST(Totals, SumsSectionsAndSubtotals) {
    const std::vector<DocumentLine> lines{
        section("Lot 1 — Gros œuvre"),                 // 0
        item("Fondations", "1", "100"),                // 1
        item("Murs", "1", "50"),                       // 2
        subtotal(),                                    // 3: 150
        section("Lot 2 — Second œuvre"),               // 4
        item("Cloisons", "1", "30"),                   // 5
        note("Plaques de plâtre fournies par le client"),  // 6
        subtotal(),                                    // 7: 30
        item("Peinture", "1", "5"),                    // 8: still in lot 2
        subtotal(),                                    // 9: 5 (since the previous subtotal)
    };
    const Totals t = compute_totals(lines).value();
    ASSERT_EQ(t.sections.size(), 2u);
    EXPECT_EQ(t.sections[0].line_index, 0u);
    EXPECT_EQ(t.sections[0].net, M("150"));
    EXPECT_EQ(t.sections[1].line_index, 4u);
    EXPECT_EQ(t.sections[1].net, M("35"));
    EXPECT_EQ(t.lines[3].subtotal, M("150"));
    EXPECT_EQ(t.lines[7].subtotal, M("30"));
    EXPECT_EQ(t.lines[9].subtotal, M("5"));
    EXPECT_EQ(t.lines[0].net, M("0"));
    EXPECT_EQ(t.lines[6].net, M("0"));
    EXPECT_EQ(t.lines_net, M("185"));
}

TEST(Totals, StartsSubtotalsFromTheTopWithoutSections) {
    const std::vector<DocumentLine> lines{item("A", "1", "10"), item("B", "1", "20"), subtotal(), item("C", "1", "5"),
                                          subtotal()};
    const Totals t = compute_totals(lines).value();
    EXPECT_TRUE(t.sections.empty());
    EXPECT_EQ(t.lines[2].subtotal, M("30"));
    EXPECT_EQ(t.lines[4].subtotal, M("5"));
}

TEST(Totals, IgnoresAmountsOnNonItemLines) {
    DocumentLine title = section("Titre");
    title.quantity = D("5");
    title.unit_price = D("100");
    title.vat = vat("0");  // would be refused on an item
    const Totals t = compute_totals(std::vector<DocumentLine>{title, item("A", "1", "1")}).value();
    EXPECT_EQ(t.lines_net, M("1"));
    EXPECT_EQ(t.vat.size(), 1u);
}

TEST(Totals, IsZeroForAnEmptyDocument) {
    const Totals t = compute_totals(std::vector<DocumentLine>{}).value();
    EXPECT_TRUE(t.vat.empty());
    EXPECT_EQ(t.total_incl_vat, M("0"));
    EXPECT_EQ(t.amount_due, M("0"));
}

TEST(Totals, ReportsEveryProblemAtOnce) {
    DocumentLine bad = item("", "1", "-5", vat("20"), "150");
    bad.unit_cost = D("-1");
    const std::vector<DocumentLine> lines{item("Ok", "1", "1"), bad, section(" "), note("")};
    const auto r = compute_totals(lines, {.discount_percent = D("101"), .prepaid = M("-1"), .retention_percent = D("6")});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::Invalid);
    EXPECT_EQ(codes(r.error()), (std::vector<std::string>{
                                    "lines[1].description:line.description_required",
                                    "lines[1].unit_price:line.negative_price",
                                    "lines[1].discount_percent:line.discount_range",
                                    "lines[1].unit_cost:line.negative_cost",
                                    "lines[2].description:line.description_required",
                                    "lines[3].description:line.description_required",
                                    "discount_percent:totals.discount_range",
                                    "prepaid:totals.negative_prepaid",
                                    "retention_percent:totals.retention_range",
                                }));
    for (const auto& f : r.error().fields) {
        EXPECT_FALSE(f.message_fr.empty());
        EXPECT_FALSE(f.message_en.empty());
    }
}

TEST(Totals, HandlesAmountsNearTheLimitsWithoutOverflowing) {
    // 10 000 × 6 000 000 000 000.00 = 6 × 10^16 € (6 × 10^18 cents): computed exactly.
    const std::vector<DocumentLine> big{item("Très gros", "10000", "6000000000000", vat("20"))};
    const Totals t = compute_totals(big).value();
    EXPECT_EQ(t.total_excl_vat, Money::from_cents(6'000'000'000'000'000'000));
    EXPECT_EQ(t.total_vat, Money::from_cents(1'200'000'000'000'000'000));
    EXPECT_EQ(t.total_incl_vat, Money::from_cents(7'200'000'000'000'000'000));

    // Twice that overflows the sum: an error, not a wrapped total.
    const std::vector<DocumentLine> two{big[0], big[0]};
    const auto r = compute_totals(two);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().fields.at(0).code, "totals.too_large");

    // A single line whose product overflows names its line.
    const std::vector<DocumentLine> huge{item("A", "1", "1"), item("Énorme", "9223372036854", "9223372036854")};
    const auto h = compute_totals(huge);
    ASSERT_FALSE(h);
    EXPECT_EQ(h.error().fields.at(0).field, "lines[1]");
    EXPECT_EQ(h.error().fields.at(0).code, "totals.too_large");

    // The VAT of a total near the top overflows the total including VAT: an error too.
    const auto v = compute_totals(std::vector<DocumentLine>{item("A", "10000", "9000000000000", vat("20"))});
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().fields.at(0).code, "totals.too_large");
}

TEST(Totals, KeepsItsInvariantsOnRandomDocuments) {
    std::mt19937_64 rng(7);
    const std::vector<VatRate> rates{vat("20"), vat("10"), vat("5.5"), vat("2.1"), exempt_rate(VatExemption::Export),
                                     zero_rated()};
    for (int doc = 0; doc < 2000; ++doc) {
        std::vector<DocumentLine> lines;
        const std::size_t n = rng() % 12;
        for (std::size_t k = 0; k < n; ++k) {
            DocumentLine l;
            l.kind = (rng() % 7 == 0) ? LineKind::Subtotal : LineKind::Item;
            l.description = "x";
            l.quantity = Decimal::from_mantissa(static_cast<std::int64_t>(rng() % 200'000'000) - 50'000'000);
            l.unit_price = Decimal::from_mantissa(static_cast<std::int64_t>(rng() % 5'000'000'000));
            l.discount_percent = Decimal::from_mantissa(static_cast<std::int64_t>(rng() % 4 == 0 ? rng() % 100'000'000 : 0));
            l.vat = rates[rng() % rates.size()];
            lines.push_back(l);
        }
        const DocumentAdjustments adj{Decimal::from_mantissa(static_cast<std::int64_t>(rng() % 3 == 0 ? rng() % 30'000'000 : 0)),
                                      Money::from_cents(static_cast<std::int64_t>(rng() % 10000)), D("5")};
        const Totals t = compute_totals(lines, adj).value();
        Money lines_net, basis, vat_sum, allowances;
        for (std::size_t k = 0; k < lines.size(); ++k) {
            if (lines[k].kind != LineKind::Item) continue;
            EXPECT_EQ(t.lines[k].net, *multiply_to_cents(lines[k].quantity, t.lines[k].net_unit_price));
            lines_net += t.lines[k].net;
        }
        for (const auto& row : t.vat) {
            EXPECT_EQ(row.allowance, *percent_of(row.lines_net, adj.discount_percent));
            EXPECT_EQ(row.basis, row.lines_net - row.allowance);
            EXPECT_EQ(row.vat_amount, *percent_of(row.basis, row.vat.percent));
            basis += row.basis;
            vat_sum += row.vat_amount;
            allowances += row.allowance;
        }
        EXPECT_EQ(t.lines_net, lines_net);                               // BR-CO-10
        EXPECT_EQ(t.allowances, allowances);                             // BR-CO-11
        EXPECT_EQ(t.total_excl_vat, t.lines_net - t.allowances);         // BR-CO-13
        EXPECT_EQ(t.total_excl_vat, basis);                              // Σ BT-116
        EXPECT_EQ(t.total_vat, vat_sum);                                 // BR-CO-14
        EXPECT_EQ(t.total_incl_vat, t.total_excl_vat + t.total_vat);     // BR-CO-15
        EXPECT_EQ(t.amount_due, t.total_incl_vat - t.prepaid);           // BR-CO-16
        EXPECT_EQ(t.payable, t.amount_due - t.retention);
    }
}

}  // namespace
}  // namespace comptoir::sales
