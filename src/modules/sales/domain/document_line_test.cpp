#include "modules/sales/domain/document_line.hpp"

#include <gtest/gtest.h>

#include "modules/sales/domain/test_lines.hpp"

namespace comptoir::sales {
namespace {

using namespace test;

TEST(LineKind, RoundTripsThroughCodes) {
    for (const LineKind k : kAllLineKinds) EXPECT_EQ(parse_line_kind(to_code(k)).value(), k);
    EXPECT_EQ(to_code(LineKind::Subtotal), "subtotal");
    EXPECT_EQ(parse_line_kind(" SECTION ").value(), LineKind::Section);
    EXPECT_EQ(parse_line_kind("title").error().code, "line_kind.unknown");
}

TEST(NetUnitPrice, AppliesThePercentageOnceExactly) {
    EXPECT_EQ(net_unit_price(item("A", "1", "19.99", vat("20"), "12.5")), D("17.49125"));
    EXPECT_EQ(net_unit_price(item("A", "1", "9.99", vat("20"), "33.333333")), D("6.66"));  // 6.6600000333
    EXPECT_EQ(net_unit_price(item("A", "1", "0.000001", vat("20"), "50")), D("0.000001"));
    EXPECT_EQ(net_unit_price(item("A", "1", "100", vat("20"), "0")), D("100"));
    EXPECT_EQ(net_unit_price(item("A", "1", "100", vat("20"), "100")), D("0"));
}

TEST(CheckLines, AcceptsNegativeQuantitiesOnItems) {
    EXPECT_TRUE(check_lines(std::vector<DocumentLine>{item("Reprise ancien matériel", "-1", "150")}));
}

TEST(CheckLines, RefusesNegativePricesPointingToNegativeQuantities) {
    const auto r = check_lines(std::vector<DocumentLine>{item("Remise", "1", "-50")});
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().fields.size(), 1u);
    EXPECT_EQ(r.error().fields[0].field, "lines[0].unit_price");
    EXPECT_EQ(r.error().fields[0].code, "line.negative_price");
    EXPECT_NE(r.error().message_fr.find("quantité négative"), std::string::npos);
    EXPECT_EQ(r.error().message_fr.rfind("Ligne 1 : ", 0), 0u);
    EXPECT_EQ(r.error().message_en.rfind("Line 1: ", 0), 0u);
}

TEST(CheckLines, RequiresDesignationsTitlesAndTexts) {
    const std::vector<DocumentLine> lines{item(" \t", "1", "1"), section(""), note(" "), subtotal()};
    const auto r = check_lines(lines);
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().fields.size(), 3u);
    EXPECT_EQ(r.error().fields[0].field, "lines[0].description");
    EXPECT_EQ(r.error().fields[1].field, "lines[1].description");
    EXPECT_EQ(r.error().fields[2].field, "lines[2].description");
    for (const auto& f : r.error().fields) EXPECT_EQ(f.code, "line.description_required");
}

TEST(CheckLines, ChecksDiscountCostAndVat) {
    DocumentLine l = item("A", "1", "10", vat("0"), "-1");
    l.unit_cost = D("-0.01");
    const auto r = check_lines(std::vector<DocumentLine>{l});
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().fields.size(), 3u);
    EXPECT_EQ(r.error().fields[0].code, "line.discount_range");
    EXPECT_EQ(r.error().fields[1].code, "line.negative_cost");
    EXPECT_EQ(r.error().fields[2].field, "lines[0].vat");
    EXPECT_EQ(r.error().fields[2].code, "vat.zero_standard_rate");
    EXPECT_TRUE(check_lines(std::vector<DocumentLine>{item("A", "1", "10", vat("20"), "100")}));
}

}  // namespace
}  // namespace comptoir::sales
