#include "modules/sales/domain/situation.hpp"

#include <cstdlib>

#include <gtest/gtest.h>

#include "modules/sales/domain/test_lines.hpp"

namespace comptoir::sales {
namespace {

using namespace test;

// A small building contract: 16 652.72 € excluding VAT.
std::vector<DocumentLine> contract() {
    DocumentLine masonry = with_cost(item("Maçonnerie", "1", "10000.00", vat("20")), "6000");
    masonry.unit = "forfait";
    return {
        section("Gros œuvre"),                                 // 0
        masonry,                                               // 1: 10 000.00
        item("Enduit", "120.5", "33.33", vat("20")),           // 2: round2(4 016.265) = 4 016.27
        note("Échafaudage fourni par le maître d'ouvrage"),  // 3
        item("Menuiseries", "7", "412.35", vat("10")),         // 4: 2 886.45
        item("Reprise de l'existant", "-1", "250", vat("20")),  // 5: -250.00
    };
}

std::vector<LineProgress> progress(std::initializer_list<std::pair<const char*, const char*>> entries) {
    std::vector<LineProgress> out;
    for (const auto& [previous, current] : entries) out.push_back({D(previous), D(current)});
    return out;
}

// Situation 1: masonry a third, windows 10 %. Situation 2: masonry two thirds, render half, take-back
// half. Situation 3: everything finished.
const auto kFirst = [] { return progress({{"0", "0"}, {"0", "33.333333"}, {"0", "0"}, {"0", "0"}, {"0", "10"}, {"0", "0"}}); };
const auto kSecond = [] {
    return progress({{"0", "0"}, {"33.333333", "66.666667"}, {"0", "50"}, {"0", "0"}, {"10", "10"}, {"0", "50"}});
};
const auto kThird = [] {
    return progress({{"0", "0"}, {"66.666667", "100"}, {"50", "100"}, {"0", "0"}, {"10", "100"}, {"50", "100"}});
};

TEST(Situation, BillsTheProgressSinceThePreviousSituation) {
    const auto lines = contract();
    const Situation s = compute_situation(lines, kFirst()).value();
    EXPECT_EQ(s.contract_net, M("16652.72"));
    ASSERT_EQ(s.lines.size(), 4u);  // one per item
    EXPECT_EQ(s.lines[0].line_index, 1u);
    EXPECT_EQ(s.lines[0].this_amount, M("3333.33"));  // round2(3 333.3333)
    EXPECT_EQ(s.lines[1].this_amount, M("0"));
    EXPECT_EQ(s.lines[2].this_amount, M("288.65"));   // round2(288.645)
    EXPECT_EQ(s.this_amount, M("3621.98"));
    EXPECT_EQ(s.previous_amount, M("0"));
    EXPECT_EQ(s.cumulative_amount, M("3621.98"));
    // The invoice's own VAT, per rate on what it bills.
    ASSERT_EQ(s.totals.vat.size(), 2u);
    EXPECT_EQ(s.totals.vat[0].basis, M("3333.33"));
    EXPECT_EQ(s.totals.vat[0].vat_amount, M("666.67"));
    EXPECT_EQ(s.totals.vat[1].basis, M("288.65"));
    EXPECT_EQ(s.totals.vat[1].vat_amount, M("28.87"));
    EXPECT_EQ(s.totals.total_excl_vat, M("3621.98"));
    EXPECT_EQ(s.totals.total_incl_vat, M("4317.52"));
}

TEST(Situation, DeductsPreviousSituationsLineByLine) {
    const auto lines = contract();
    const Situation s = compute_situation(lines, kSecond()).value();
    EXPECT_EQ(s.lines[0].previous_amount, M("3333.33"));
    EXPECT_EQ(s.lines[0].cumulative_amount, M("6666.67"));
    EXPECT_EQ(s.lines[0].this_amount, M("3333.34"));
    EXPECT_EQ(s.lines[1].this_amount, M("2008.14"));   // round2(2 008.135)
    EXPECT_EQ(s.lines[2].this_amount, M("0"));         // no progress on the windows
    EXPECT_EQ(s.lines[3].this_amount, M("-125"));      // half the take-back
    EXPECT_EQ(s.previous_amount, M("3621.98"));
    EXPECT_EQ(s.this_amount, M("5216.48"));
    EXPECT_EQ(s.cumulative_amount, s.previous_amount + s.this_amount);
}

TEST(Situation, ThreeSituationsAddUpToTheWholeContractExactly) {
    const auto lines = contract();
    const Situation s1 = compute_situation(lines, kFirst()).value();
    const Situation s2 = compute_situation(lines, kSecond()).value();
    const Situation s3 = compute_situation(lines, kThird()).value();
    EXPECT_EQ(s3.this_amount, M("7814.26"));
    EXPECT_EQ(s1.this_amount + s2.this_amount + s3.this_amount, s1.contract_net);
    EXPECT_EQ(s3.cumulative_amount, s3.contract_net);
    EXPECT_EQ(s2.previous_amount, s1.cumulative_amount);
    EXPECT_EQ(s3.previous_amount, s2.cumulative_amount);
    for (std::size_t k = 0; k < s1.lines.size(); ++k) {
        EXPECT_EQ(s1.lines[k].this_amount + s2.lines[k].this_amount + s3.lines[k].this_amount, s1.lines[k].contract_net) << k;
    }
    // Excluding VAT the sum is exact; including VAT each invoice rounds its own VAT per rate, so the
    // sum may differ from the contract's by at most a cent per rate per situation.
    const Totals whole = compute_totals(lines).value();
    const Money sum_incl = s1.totals.total_incl_vat + s2.totals.total_incl_vat + s3.totals.total_incl_vat;
    EXPECT_EQ(s1.totals.total_excl_vat + s2.totals.total_excl_vat + s3.totals.total_excl_vat, whole.total_excl_vat);
    EXPECT_LE(std::llabs(sum_incl.cents() - whole.total_incl_vat.cents()), 2 * 3);
}

TEST(Situation, TelescopesWhateverThePercentages) {
    // Ten situations of awkward percentages on a line whose net does not divide: still exact.
    const std::vector<DocumentLine> lines{item("Lot unique", "3", "33.33", vat("20"))};  // 99.99
    const char* steps[] = {"0", "7.5", "13.333333", "21", "33.333333", "41.7", "58.1", "66.666667", "80.05", "99.99", "100"};
    Money billed;
    for (std::size_t k = 1; k < std::size(steps); ++k) {
        const Situation s = compute_situation(lines, progress({{steps[k - 1], steps[k]}})).value();
        EXPECT_EQ(s.previous_amount, billed);
        billed += s.this_amount;
    }
    EXPECT_EQ(billed, M("99.99"));
}

TEST(Situation, ExpressesBilledLinesAsAmountsTheLineFormulaReproduces) {
    const auto lines = contract();
    const Situation s = compute_situation(lines, kSecond()).value();
    ASSERT_EQ(s.invoice_lines.size(), lines.size());
    EXPECT_EQ(s.invoice_lines[0].kind, LineKind::Section);
    EXPECT_EQ(s.invoice_lines[0].description, "Gros œuvre");
    EXPECT_EQ(s.invoice_lines[3].kind, LineKind::Text);
    EXPECT_EQ(s.invoice_lines[1].description, "Maçonnerie");
    EXPECT_EQ(s.invoice_lines[1].quantity, D("1"));
    EXPECT_EQ(s.invoice_lines[1].unit_price, D("3333.34"));
    EXPECT_EQ(s.invoice_lines[4].quantity, D("0"));   // nothing billed this time
    EXPECT_EQ(s.invoice_lines[5].quantity, D("-1"));  // negative contract line: negative quantity, positive price
    EXPECT_EQ(s.invoice_lines[5].unit_price, D("125"));
    EXPECT_EQ(s.totals.lines[1].net, M("3333.34"));
    EXPECT_EQ(s.totals.lines[5].net, M("-125"));
    // The cost follows the progress: 6 000 × (66.666667 − 33.333333) %.
    EXPECT_EQ(s.invoice_lines[1].unit_cost, D("2000.00004"));
}

TEST(Situation, DeductsDepositsAndTheRetentionGuaranteeFromWhatIsPaid) {
    const auto lines = contract();
    const Situation plain = compute_situation(lines, kSecond()).value();
    const Situation s = compute_situation(lines, kSecond(), {.prepaid = M("1000"), .retention_percent = D("5")}).value();
    EXPECT_EQ(s.totals.total_vat, plain.totals.total_vat);  // the retention is not a VAT reduction
    EXPECT_EQ(s.totals.total_incl_vat, plain.totals.total_incl_vat);
    EXPECT_EQ(s.totals.total_incl_vat, M("6259.78"));  // 5 216.48 at 20 %: + round2(1 043.296)
    EXPECT_EQ(s.totals.amount_due, M("5259.78"));
    EXPECT_EQ(s.totals.retention, M("312.99"));       // round2(312.989)
    EXPECT_EQ(s.totals.payable, M("4946.79"));
}

TEST(Situation, RefusesAProgressThatGoesBackNamingTheLine) {
    const auto lines = contract();
    auto p = kSecond();
    p[4] = {D("10"), D("5")};
    const auto r = compute_situation(lines, p);
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().fields.size(), 1u);
    EXPECT_EQ(r.error().fields[0].field, "lines[4].progress");
    EXPECT_EQ(r.error().fields[0].code, "situation.progress_decreasing");
    EXPECT_EQ(r.error().message_fr,
              "Ligne 5 (« Menuiseries ») : l'avancement cumulé (5 %) ne peut pas être inférieur à celui de la situation "
              "précédente (10 %) ; pour revenir sur une situation, émettez un avoir.");
    EXPECT_EQ(r.error().message_en.rfind("Line 5 (\"Menuiseries\"): ", 0), 0u);
}

TEST(Situation, RefusesPercentagesOutsideZeroToAHundred) {
    const auto lines = contract();
    auto p = kThird();
    p[1] = {D("66.666667"), D("100.5")};
    p[2] = {D("-1"), D("50")};
    const auto r = compute_situation(lines, p);
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().fields.size(), 2u);
    EXPECT_EQ(r.error().fields[0].field, "lines[1].progress");
    EXPECT_EQ(r.error().fields[0].code, "situation.percent_range");
    EXPECT_NE(r.error().fields[0].message_fr.find("100,5 %"), std::string::npos);
    EXPECT_EQ(r.error().fields[1].field, "lines[2].progress");
    EXPECT_EQ(r.error().fields[1].code, "situation.percent_range");
}

TEST(Situation, IgnoresProgressOnTitlesAndNotes) {
    const auto lines = contract();
    auto p = kFirst();
    p[0] = {D("80"), D("10")};  // on the section title: meaningless, ignored
    EXPECT_TRUE(compute_situation(lines, p));
}

TEST(Situation, NeedsOneProgressPerContractLine) {
    const auto lines = contract();
    const auto r = compute_situation(lines, progress({{"0", "10"}}));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().fields.at(0).field, "progress");
    EXPECT_EQ(r.error().fields.at(0).code, "situation.progress_count");
}

TEST(Situation, ReportsContractProblemsWithProgressProblems) {
    auto lines = contract();
    lines[2].unit_price = D("-1");
    auto p = kSecond();
    p[4] = {D("10"), D("5")};
    const auto r = compute_situation(lines, p);
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().fields.size(), 2u);
    EXPECT_EQ(r.error().fields[0].field, "lines[2].unit_price");
    EXPECT_EQ(r.error().fields[1].field, "lines[4].progress");
}

}  // namespace
}  // namespace comptoir::sales
