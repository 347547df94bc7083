#include "modules/sales/domain/margin.hpp"

#include <gtest/gtest.h>

#include "modules/sales/domain/test_lines.hpp"

namespace comptoir::sales {
namespace {

using namespace test;

MarginFigures figures(std::string_view revenue, std::string_view cost) { return margin_figures(M(revenue), M(cost)).value(); }

TEST(MarginFigures, GivesBothFrenchRates) {
    // Bought 60, sold 100: marge 40, taux de marque 40 %, taux de marge 66.67 %.
    const MarginFigures f = figures("100", "60");
    EXPECT_EQ(f.margin, M("40"));
    EXPECT_EQ(f.markup_rate, D("40"));
    EXPECT_EQ(f.margin_rate, D("66.666667"));
}

TEST(MarginFigures, LeavesARateAbsentWhenItsDenominatorIsZero) {
    const MarginFigures no_cost = figures("100", "0");
    EXPECT_EQ(no_cost.margin, M("100"));
    EXPECT_EQ(no_cost.markup_rate, D("100"));
    EXPECT_FALSE(no_cost.margin_rate);  // undefined, not infinite

    const MarginFigures free_item = figures("0", "50");
    EXPECT_EQ(free_item.margin, M("-50"));
    EXPECT_FALSE(free_item.markup_rate);
    EXPECT_EQ(free_item.margin_rate, D("-100"));

    const MarginFigures nothing = figures("0", "0");
    EXPECT_EQ(nothing.margin, M("0"));
    EXPECT_FALSE(nothing.markup_rate);
    EXPECT_FALSE(nothing.margin_rate);
}

TEST(MarginFigures, ReportsSellingBelowCost) {
    const MarginFigures f = figures("80", "100");
    EXPECT_EQ(f.margin, M("-20"));
    EXPECT_EQ(f.markup_rate, D("-25"));
    EXPECT_EQ(f.margin_rate, D("-20"));
}

TEST(DocumentMargins, ComputesPerLineAndForTheDocument) {
    const std::vector<DocumentLine> lines{
        section("Matériel"),
        with_cost(item("Poêle", "2", "150"), "90"),         // revenue 300, cost 180
        with_cost(item("Tubage", "3", "0.333"), "0.2"),     // revenue round2(0.999) = 1.00, cost 0.60
        note("Livraison comprise"),
        item("Main d'œuvre", "4", "45"),                     // no cost price: 180 revenue
    };
    const Totals t = compute_totals(lines).value();
    const DocumentMargin m = compute_margins(lines, t).value();
    ASSERT_EQ(m.lines.size(), 3u);
    EXPECT_EQ(m.lines[0].line_index, 1u);
    EXPECT_EQ(m.lines[0].figures->margin, M("120"));
    EXPECT_EQ(m.lines[0].figures->markup_rate, D("40"));
    EXPECT_EQ(m.lines[0].figures->margin_rate, D("66.666667"));
    EXPECT_EQ(m.lines[1].figures->revenue, M("1.00"));
    EXPECT_EQ(m.lines[1].figures->cost, M("0.60"));
    EXPECT_EQ(m.lines[2].line_index, 4u);
    EXPECT_FALSE(m.lines[2].figures);
    EXPECT_EQ(m.lines_without_cost, 1u);
    EXPECT_EQ(m.total.revenue, M("481"));
    EXPECT_EQ(m.total.cost, M("180.60"));
    EXPECT_EQ(m.total.margin, M("300.40"));
    EXPECT_EQ(m.total.markup_rate, D("62.453222"));  // 300.40 / 481
}

TEST(DocumentMargins, CountsTheDocumentDiscountInTheDocumentMargin) {
    const std::vector<DocumentLine> lines{with_cost(item("A", "1", "100"), "60")};
    const Totals t = compute_totals(lines, {.discount_percent = D("10")}).value();
    const DocumentMargin m = compute_margins(lines, t).value();
    EXPECT_EQ(m.lines[0].figures->margin, M("40"));  // the line before the global discount
    EXPECT_EQ(m.total.revenue, M("90"));
    EXPECT_EQ(m.total.margin, M("30"));
    EXPECT_EQ(m.total.markup_rate, D("33.333333"));
    EXPECT_EQ(m.total.margin_rate, D("50"));
}

TEST(DocumentMargins, GivesReturnLinesTheirMirrorRates) {
    const std::vector<DocumentLine> lines{with_cost(item("Retour", "-1", "100"), "60")};
    const DocumentMargin m = compute_margins(lines, compute_totals(lines).value()).value();
    EXPECT_EQ(m.lines[0].figures->revenue, M("-100"));
    EXPECT_EQ(m.lines[0].figures->cost, M("-60"));
    EXPECT_EQ(m.lines[0].figures->markup_rate, D("40"));
    EXPECT_EQ(m.lines[0].figures->margin_rate, D("66.666667"));
}

TEST(DocumentMargins, HandlesZeroCostAndZeroPriceLines) {
    const std::vector<DocumentLine> lines{with_cost(item("Conseil", "1", "500"), "0"),
                                          with_cost(item("Échantillon offert", "1", "0"), "12")};
    const DocumentMargin m = compute_margins(lines, compute_totals(lines).value()).value();
    EXPECT_FALSE(m.lines[0].figures->margin_rate);
    EXPECT_EQ(m.lines[0].figures->markup_rate, D("100"));
    EXPECT_FALSE(m.lines[1].figures->markup_rate);
    EXPECT_EQ(m.lines[1].figures->margin, M("-12"));
    EXPECT_EQ(m.lines_without_cost, 0u);
    EXPECT_EQ(m.total.margin, M("488"));
}

TEST(MarginThreshold, FlagsRatesBelowTheCompanyMinimum) {
    const MarginThreshold markup30{MarginBasis::MarkupRate, D("30")};
    const MarginThreshold margin50{MarginBasis::MarginRate, D("50")};
    EXPECT_FALSE(is_below_threshold(figures("100", "60"), markup30));  // 40 % ≥ 30 %
    EXPECT_TRUE(is_below_threshold(figures("100", "75"), markup30));   // 25 %
    EXPECT_FALSE(is_below_threshold(figures("100", "70"), markup30));  // exactly 30 %: not below
    EXPECT_FALSE(is_below_threshold(figures("100", "60"), margin50));  // 66.67 %
    EXPECT_TRUE(is_below_threshold(figures("100", "70"), margin50));   // 42.86 %
}

TEST(MarginThreshold, DecidesOnTheMarginWhenTheRateIsUndefined) {
    const MarginThreshold markup30{MarginBasis::MarkupRate, D("30")};
    const MarginThreshold margin50{MarginBasis::MarginRate, D("50")};
    EXPECT_TRUE(is_below_threshold(figures("0", "12"), markup30));    // given away at a cost
    EXPECT_FALSE(is_below_threshold(figures("0", "0"), markup30));    // nothing lost
    EXPECT_FALSE(is_below_threshold(figures("500", "0"), margin50));  // no cost: all margin
}

TEST(MarginThreshold, ListsTheLinesBelowIt) {
    const std::vector<DocumentLine> lines{
        with_cost(item("Bon", "1", "100"), "50"),     // 0: 50 %
        note("—"),                                    // 1
        with_cost(item("Juste", "1", "100"), "80"),   // 2: 20 %
        item("Sans coût", "1", "100"),                // 3: unknown cost, never flagged
        with_cost(item("Perte", "1", "100"), "120"),  // 4: -20 %
    };
    const DocumentMargin m = compute_margins(lines, compute_totals(lines).value()).value();
    EXPECT_EQ(lines_below_threshold(m, {MarginBasis::MarkupRate, D("25")}), (std::vector<std::size_t>{2, 4}));
    EXPECT_EQ(lines_below_threshold(m, {MarginBasis::MarkupRate, D("0")}), (std::vector<std::size_t>{4}));
}

TEST(DocumentMargins, ReportsOverflowOnTheLine) {
    const std::vector<DocumentLine> lines{with_cost(item("A", "9000000000000", "0"), "9000000000000")};
    const auto m = compute_margins(lines, compute_totals(lines).value());
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().fields.at(0).field, "lines[0]");
}

}  // namespace
}  // namespace comptoir::sales
