#include "modules/sales/domain/vat.hpp"

#include <set>

#include <gtest/gtest.h>

#include "modules/sales/domain/test_lines.hpp"

namespace comptoir::sales {
namespace {

using namespace test;

TEST(VatCategory, UsesTheEn16931Codes) {
    const std::vector<std::string_view> expected{"S", "Z", "E", "AE", "K", "G", "O"};
    std::vector<std::string_view> got;
    for (const VatCategory c : kAllVatCategories) got.push_back(to_code(c));
    EXPECT_EQ(got, expected);
    for (const VatCategory c : kAllVatCategories) {
        EXPECT_EQ(parse_vat_category(to_code(c)).value(), c);
        EXPECT_FALSE(label_fr(c).empty());
        EXPECT_FALSE(label_en(c).empty());
    }
    EXPECT_EQ(parse_vat_category(" ae ").value(), VatCategory::ReverseCharge);
    EXPECT_EQ(parse_vat_category("X").error().code, "vat_category.unknown");
    EXPECT_EQ(parse_vat_category("").error().code, "vat_category.unknown");
}

TEST(VatExemption, CarriesVatexCodesAndTheLegalMentions) {
    EXPECT_EQ(vatex_code(VatExemption::FranchiseEnBase), "VATEX-FR-FRANCHISE");
    EXPECT_EQ(mention_fr(VatExemption::FranchiseEnBase), "TVA non applicable, art. 293 B du CGI");
    EXPECT_EQ(category_of(VatExemption::FranchiseEnBase), VatCategory::Exempt);
    EXPECT_EQ(vatex_code(VatExemption::Disbursement), "VATEX-EU-79-C");
    EXPECT_EQ(vatex_code(VatExemption::GeneralInterest), "VATEX-EU-132");
    EXPECT_EQ(vatex_code(VatExemption::ReverseCharge), "VATEX-EU-AE");
    EXPECT_EQ(mention_fr(VatExemption::ReverseCharge), "Autoliquidation");
    EXPECT_EQ(vatex_code(VatExemption::ReverseChargeConstruction), "VATEX-EU-AE");
    EXPECT_EQ(category_of(VatExemption::ReverseChargeConstruction), VatCategory::ReverseCharge);
    EXPECT_EQ(vatex_code(VatExemption::IntraCommunitySupply), "VATEX-EU-IC");
    EXPECT_EQ(category_of(VatExemption::IntraCommunitySupply), VatCategory::IntraCommunity);
    EXPECT_EQ(mention_fr(VatExemption::IntraCommunitySupply), "Exonération de TVA, art. 262 ter, I du CGI");
    EXPECT_EQ(vatex_code(VatExemption::Export), "VATEX-EU-G");
    EXPECT_EQ(category_of(VatExemption::Export), VatCategory::Export);
    EXPECT_EQ(vatex_code(VatExemption::OutsideScope), "VATEX-EU-O");
    EXPECT_EQ(category_of(VatExemption::OutsideScope), VatCategory::OutsideScope);
    EXPECT_EQ(vatex_code(VatExemption::None), "");
    EXPECT_EQ(category_of(VatExemption::None), VatCategory::Standard);
}

TEST(VatExemption, RoundTripsThroughStableCodes) {
    std::set<std::string_view> seen;
    for (const VatExemption e : kAllVatExemptions) {
        EXPECT_TRUE(seen.insert(to_code(e)).second) << to_code(e);
        EXPECT_EQ(parse_vat_exemption(to_code(e)).value(), e);
        EXPECT_FALSE(mention_fr(e).empty());
        EXPECT_FALSE(mention_en(e).empty());
        EXPECT_NE(category_of(e), VatCategory::Standard);
        EXPECT_NE(category_of(e), VatCategory::ZeroRated);  // BR-Z-10: zero rated takes no reason
    }
    EXPECT_EQ(parse_vat_exemption("").value(), VatExemption::None);
    EXPECT_EQ(parse_vat_exemption("NONE").value(), VatExemption::None);
    EXPECT_EQ(parse_vat_exemption(" Franchise_En_Base ").value(), VatExemption::FranchiseEnBase);
    EXPECT_EQ(parse_vat_exemption("VATEX-EU-AE").error().code, "vat_exemption.unknown");  // ambiguous, not a key
}

TEST(VatRate, OffersTheFourMetropolitanRates) {
    EXPECT_EQ(french_standard_rates(), (std::vector<Decimal>{D("20"), D("10"), D("5.5"), D("2.1")}));
    for (const Decimal r : french_standard_rates()) EXPECT_TRUE(check_vat_rate(standard_rate(r)));
}

TEST(VatRate, AcceptsOtherPositiveStandardRates) {
    EXPECT_TRUE(check_vat_rate(vat("8.5")));   // Guadeloupe, Martinique, La Réunion
    EXPECT_TRUE(check_vat_rate(vat("0.9")));   // Corsica
    EXPECT_TRUE(check_vat_rate(vat("21")));    // another member state's rate (OSS)
}

TEST(VatRate, RequiresAZeroPercentLineToSayWhy) {
    const auto r = check_vat_rate(vat("0"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "vat.zero_standard_rate");
    EXPECT_NE(r.error().message_fr.find("0 %"), std::string::npos);
    EXPECT_EQ(check_vat_rate({VatCategory::Exempt, D("0"), VatExemption::None}).error().code, "vat.exemption_required");
    EXPECT_EQ(check_vat_rate({VatCategory::ReverseCharge, D("0"), VatExemption::None}).error().code, "vat.exemption_required");
    EXPECT_EQ(check_vat_rate({VatCategory::IntraCommunity, D("0"), VatExemption::None}).error().code, "vat.exemption_required");
    EXPECT_EQ(check_vat_rate({VatCategory::Export, D("0"), VatExemption::None}).error().code, "vat.exemption_required");
    EXPECT_EQ(check_vat_rate({VatCategory::OutsideScope, D("0"), VatExemption::None}).error().code, "vat.exemption_required");
}

TEST(VatRate, AcceptsEveryExemptionInItsOwnCategory) {
    for (const VatExemption e : kAllVatExemptions) {
        EXPECT_TRUE(check_vat_rate(exempt_rate(e))) << to_code(e);
    }
    EXPECT_TRUE(check_vat_rate(zero_rated()));
}

TEST(VatRate, RefusesAReasonOfAnotherCategory) {
    const auto r = check_vat_rate({VatCategory::IntraCommunity, D("0"), VatExemption::Export});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "vat.exemption_mismatch");
    EXPECT_EQ(check_vat_rate({VatCategory::Exempt, D("0"), VatExemption::ReverseCharge}).error().code,
              "vat.exemption_mismatch");
}

TEST(VatRate, RefusesAReasonWhereEn16931ForbidsOne) {
    EXPECT_EQ(check_vat_rate({VatCategory::Standard, D("20"), VatExemption::FranchiseEnBase}).error().code,
              "vat.unexpected_exemption");
    EXPECT_EQ(check_vat_rate({VatCategory::ZeroRated, D("0"), VatExemption::FranchiseEnBase}).error().code,
              "vat.unexpected_exemption");  // BR-Z-10
}

TEST(VatRate, RefusesARateOnAZeroCategory) {
    EXPECT_EQ(check_vat_rate({VatCategory::Exempt, D("20"), VatExemption::FranchiseEnBase}).error().code,
              "vat.rate_must_be_zero");
    EXPECT_EQ(check_vat_rate({VatCategory::ZeroRated, D("5.5"), VatExemption::None}).error().code, "vat.rate_must_be_zero");
}

TEST(VatRate, RefusesRatesOutOfRange) {
    EXPECT_EQ(check_vat_rate(vat("-5.5")).error().code, "vat.rate_range");
    EXPECT_EQ(check_vat_rate(vat("100")).error().code, "vat.rate_range");
    EXPECT_TRUE(check_vat_rate(vat("99.999999")));
}

}  // namespace
}  // namespace comptoir::sales
