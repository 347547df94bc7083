// A catalog item's rules, without a database: what is normalised, what is refused and how it is named.
#include <gtest/gtest.h>

#include <algorithm>

#include "modules/catalog/model/item_json.hpp"
#include "modules/catalog/model/item_validation.hpp"

namespace comptoir::catalog {
namespace {

using nlohmann::json;
using sales::VatCategory;
using sales::VatExemption;

bool has_issue(const std::vector<FieldIssue>& issues, const std::string& field, const std::string& code = "") {
    return std::any_of(issues.begin(), issues.end(),
                       [&](const FieldIssue& i) { return i.field == field && (code.empty() || i.code == code); });
}

CatalogItem valid_item() {
    CatalogItem i;
    i.reference = "PLB-001";
    i.label = "Chauffe-eau électrique 200 L";
    i.unit_price = Decimal::from_scaled(45900, 2);
    return i;
}

Decimal dec(const char* text) { return *Decimal::parse(text, "x"); }

TEST(ItemValidation, AValidItemKeepsItsValuesAndDefaults) {
    auto i = valid_item();
    EXPECT_TRUE(normalise_item(i).empty());
    EXPECT_EQ(i.unit, "u");
    EXPECT_EQ(i.kind, ItemKind::Goods);
    EXPECT_EQ(i.vat, sales::standard_rate(Decimal::from_int(20)));
    EXPECT_FALSE(i.cost_price.has_value());
}

TEST(ItemValidation, OneLineFieldsAreTrimmedAndCollapsed) {
    auto i = valid_item();
    i.reference = "  PLB   001 ";
    i.label = " Chauffe-eau\n  200 L\t";
    i.unit = " m² ";
    i.category = "  Main d'œuvre ";
    i.description = "Ligne 1  \r\nLigne 2\r\n\r\n";
    ASSERT_TRUE(normalise_item(i).empty());
    EXPECT_EQ(i.reference, "PLB 001");
    EXPECT_EQ(i.label, "Chauffe-eau 200 L");
    EXPECT_EQ(i.unit, "m²");
    EXPECT_EQ(i.category, "Main d'œuvre");
    EXPECT_EQ(i.description, "Ligne 1\nLigne 2");
}

TEST(ItemValidation, NamesEveryWrongField) {
    CatalogItem i;
    i.reference = " ";
    i.label = "";
    i.unit = "";
    i.category = std::string(61, 'x');
    i.description = std::string(5001, 'y');
    i.unit_price = dec("-1");
    i.cost_price = dec("-0.5");
    i.vat = sales::standard_rate(Decimal{});
    auto issues = normalise_item(i);
    EXPECT_TRUE(has_issue(issues, "reference", "required"));
    EXPECT_TRUE(has_issue(issues, "label", "required"));
    EXPECT_TRUE(has_issue(issues, "unit", "required"));
    EXPECT_TRUE(has_issue(issues, "category", "too_long"));
    EXPECT_TRUE(has_issue(issues, "description", "too_long"));
    EXPECT_TRUE(has_issue(issues, "unit_price", "unit_price.negative"));
    EXPECT_TRUE(has_issue(issues, "cost_price", "cost_price.negative"));
    EXPECT_TRUE(has_issue(issues, "vat.exemption", "vat.zero_standard_rate"));
    for (const auto& issue : issues) {
        EXPECT_FALSE(issue.message_fr.empty()) << issue.field;
        EXPECT_FALSE(issue.message_en.empty()) << issue.field;
    }
}

TEST(ItemValidation, LengthsCountCharactersNotBytes) {
    auto i = valid_item();
    i.reference = std::string(20, 'a');
    for (int n = 0; n < 20; ++n) i.reference += "é";  // 40 characters, 60 bytes
    EXPECT_TRUE(normalise_item(i).empty());
    i.reference += "x";
    EXPECT_TRUE(has_issue(normalise_item(i), "reference", "too_long"));
}

TEST(ItemValidation, RefusesBrokenTextAndControlCharacters) {
    auto i = valid_item();
    i.label = "Bad \xC3";
    i.reference = "A\x01" "B";
    auto issues = normalise_item(i);
    EXPECT_TRUE(has_issue(issues, "label", "encoding"));
    EXPECT_TRUE(has_issue(issues, "reference", "control_character"));
    i = valid_item();
    i.description = "Tabs\tand\nnewlines are fine";
    EXPECT_TRUE(normalise_item(i).empty());
}

TEST(ItemValidation, PricesHaveAnUpperBound) {
    auto i = valid_item();
    i.unit_price = dec("999999999.999999");
    EXPECT_TRUE(normalise_item(i).empty());
    i.unit_price = dec("1000000000");
    EXPECT_TRUE(has_issue(normalise_item(i), "unit_price", "unit_price.too_large"));
}

TEST(ItemValidation, AZeroRateItemMustSayWhy) {
    auto i = valid_item();
    i.vat = sales::exempt_rate(VatExemption::FranchiseEnBase);
    EXPECT_TRUE(normalise_item(i).empty());
    i.vat = sales::zero_rated();
    EXPECT_TRUE(normalise_item(i).empty());
    i.vat = {VatCategory::Exempt, Decimal{}, VatExemption::None};
    EXPECT_TRUE(has_issue(normalise_item(i), "vat.exemption", "vat.exemption_required"));
    i.vat = {VatCategory::Exempt, Decimal::from_int(20), VatExemption::FranchiseEnBase};
    EXPECT_TRUE(has_issue(normalise_item(i), "vat.rate", "vat.rate_must_be_zero"));
    i.vat = {VatCategory::Export, Decimal{}, VatExemption::FranchiseEnBase};
    EXPECT_TRUE(has_issue(normalise_item(i), "vat.exemption", "vat.exemption_mismatch"));
    i.vat = sales::standard_rate(Decimal::from_int(100));
    EXPECT_TRUE(has_issue(normalise_item(i), "vat.rate", "vat.rate_range"));
}

TEST(ReferenceKey, IgnoresCaseAndSpacingButNotAccents) {
    EXPECT_EQ(reference_key("PLB-001"), reference_key("plb-001"));
    EXPECT_EQ(reference_key(" Plb  001 "), "plb 001");
    EXPECT_EQ(reference_key("STRASSE"), reference_key("straße"));  // full case folding
    EXPECT_NE(reference_key("RÉF-1"), reference_key("REF-1"));
    EXPECT_EQ(reference_key("RÉF-1"), reference_key("réf-1"));
}

TEST(ItemKindCode, RoundTrips) {
    EXPECT_EQ(*parse_item_kind("goods"), ItemKind::Goods);
    EXPECT_EQ(*parse_item_kind(" Service "), ItemKind::Service);
    EXPECT_FALSE(parse_item_kind("bien").has_value());
    EXPECT_EQ(to_code(ItemKind::Service), "service");
}

TEST(VatInput, FillsInWhatTheGivenPartsImply) {
    auto vat = sales::standard_rate(Decimal::from_int(20));
    EXPECT_TRUE(apply_vat_input(vat, {std::nullopt, std::nullopt, "franchise_en_base"}).empty());
    EXPECT_EQ(vat, sales::exempt_rate(VatExemption::FranchiseEnBase));

    EXPECT_TRUE(apply_vat_input(vat, {std::nullopt, "5,5 %", std::nullopt}).empty());
    EXPECT_EQ(vat, sales::standard_rate(dec("5.5")));

    EXPECT_TRUE(apply_vat_input(vat, {"AE", std::nullopt, "reverse_charge_construction"}).empty());
    EXPECT_EQ(vat, sales::exempt_rate(VatExemption::ReverseChargeConstruction));

    EXPECT_TRUE(apply_vat_input(vat, {"Z", std::nullopt, std::nullopt}).empty());
    EXPECT_EQ(vat, sales::zero_rated());

    EXPECT_TRUE(apply_vat_input(vat, {"S", "10", std::nullopt}).empty());
    EXPECT_EQ(vat, sales::standard_rate(Decimal::from_int(10)));
}

TEST(VatInput, ReportsUnreadablePartsByName) {
    auto vat = sales::standard_rate(Decimal::from_int(20));
    auto issues = apply_vat_input(vat, {"X", "vingt", "whim"});
    EXPECT_TRUE(has_issue(issues, "vat.category", "vat_category.unknown"));
    EXPECT_TRUE(has_issue(issues, "vat.rate", "decimal.invalid"));
    EXPECT_TRUE(has_issue(issues, "vat.exemption", "vat_exemption.unknown"));
    EXPECT_EQ(vat, sales::standard_rate(Decimal::from_int(20)));  // unchanged
}

TEST(ItemJson, ReadsFrenchDecimalsAndRoundTripsExactly) {
    auto item = item_from_json(json{{"reference", "PLB-001"},
                                    {"label", "Raccord"},
                                    {"unit_price", "1 234,567891"},
                                    {"cost_price", 12},
                                    {"kind", "service"},
                                    {"vat", {{"rate", "10"}}}},
                               CatalogItem{});
    ASSERT_TRUE(item) << item.error().message_en;
    EXPECT_EQ(item->unit_price, dec("1234.567891"));
    EXPECT_EQ(item->cost_price, dec("12"));
    EXPECT_EQ(item->kind, ItemKind::Service);
    auto out = to_json(*item);
    EXPECT_EQ(out["unit_price"], "1234.567891");
    EXPECT_EQ(out["cost_price"], "12");
    EXPECT_EQ(out["vat"], (json{{"category", "S"}, {"rate", "10"}, {"exemption", nullptr}}));
    auto again = item_from_json(out, CatalogItem{});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->unit_price, item->unit_price);
}

TEST(ItemJson, RefusesFloatsWrongTypesUnknownFieldsAndTooManyDecimals) {
    auto r = item_from_json(json{{"reference", 5},
                                 {"unit_price", 12.5},
                                 {"cost_price", "0.1234567"},
                                 {"kind", "robot"},
                                 {"colour", "red"},
                                 {"vat", {{"rate", "20"}, {"code", "S"}}}},
                            CatalogItem{});
    ASSERT_FALSE(r);
    const auto& issues = r.error().fields;
    EXPECT_TRUE(has_issue(issues, "reference", "type"));
    EXPECT_TRUE(has_issue(issues, "unit_price", "type"));
    EXPECT_TRUE(has_issue(issues, "cost_price", "decimal.too_many_decimals"));
    EXPECT_TRUE(has_issue(issues, "kind", "kind.invalid"));
    EXPECT_TRUE(has_issue(issues, "colour", "unknown_field"));
    EXPECT_TRUE(has_issue(issues, "vat.code", "unknown_field"));
}

TEST(ItemJson, HidesTheCostPriceEntirelyWhenNotVisible) {
    auto item = valid_item();
    item.cost_price = dec("10");
    EXPECT_EQ(to_json(item)["cost_price"], "10");
    item.cost_price.reset();
    EXPECT_TRUE(to_json(item)["cost_price"].is_null());
    item.cost_visible = false;
    EXPECT_FALSE(to_json(item).contains("cost_price"));
}

TEST(ItemJson, NullCostPriceClearsIt) {
    auto base = valid_item();
    base.cost_price = dec("3");
    auto r = item_from_json(json{{"cost_price", nullptr}}, base);
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->cost_price.has_value());
}

}  // namespace
}  // namespace comptoir::catalog
