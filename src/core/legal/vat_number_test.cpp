#include "core/legal/vat_number.hpp"

#include <gtest/gtest.h>

namespace comptoir {
namespace {

TEST(VatNumber, AcceptsFrenchNumbersWithTheRightKey) {
    EXPECT_EQ(normalise_vat_number("FR44732829320").value(), "FR44732829320");
    EXPECT_EQ(normalise_vat_number("FR64443061841").value(), "FR64443061841");
    EXPECT_EQ(normalise_vat_number("FR96552100554").value(), "FR96552100554");
}

TEST(VatNumber, NormalisesCaseSpacesDotsAndDashes) {
    EXPECT_EQ(normalise_vat_number("fr 64 443 061 841").value(), "FR64443061841");
    EXPECT_EQ(normalise_vat_number(" Fr-64.443.061.841 ").value(), "FR64443061841");
    EXPECT_EQ(normalise_vat_number("FR\u00A064\u00A0443061841").value(), "FR64443061841");
}

TEST(VatNumber, RefusesFrenchNumberWithWrongKeyAndGivesTheRightOne) {
    const auto r = normalise_vat_number("FR65443061841");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "vat.key");
    EXPECT_NE(r.error().message_fr.find("FR64443061841"), std::string::npos) << r.error().message_fr;
}

TEST(VatNumber, RefusesFrenchNumberWithInvalidSiren) {
    EXPECT_EQ(normalise_vat_number("FR00443061842").error().code, "vat.siren_checksum");
}

TEST(VatNumber, AcceptsFrenchAlphanumericKeysByFormatOnly) {
    EXPECT_EQ(normalise_vat_number("FRA1443061841").value(), "FRA1443061841");
    EXPECT_EQ(normalise_vat_number("FR1B123456789").value(), "FR1B123456789");
}

TEST(VatNumber, RefusesFrenchKeysWithIOrO) {
    EXPECT_EQ(normalise_vat_number("FRO1443061841").error().code, "vat.format");
    EXPECT_EQ(normalise_vat_number("FR1I443061841").error().code, "vat.format");
}

TEST(VatNumber, RefusesFrenchNumberOfWrongLength) {
    EXPECT_EQ(normalise_vat_number("FR6444306184").error().code, "vat.format");
    EXPECT_EQ(normalise_vat_number("FR644430618411").error().code, "vat.format");
    EXPECT_EQ(normalise_vat_number("FR").error().code, "vat.format");
}

TEST(VatNumber, AcceptsOtherMemberStatesByFormat) {
    for (const char* n : {"ATU12345678", "BE0123456789", "BE1234567890", "BG123456789", "BG1234567890", "CY12345678X",
                          "CZ12345678", "CZ1234567890", "DE123456789", "DK12345678", "EE123456789", "EL123456789",
                          "ESA1234567B", "ESX1234567L", "ES12345678Z", "FI12345678", "HR12345678901", "HU12345678",
                          "IE1234567T", "IE1234567WA", "IE1S23456T", "IT12345678901", "LT123456789",
                          "LT123456789012", "LU12345678", "LV12345678901", "MT12345678", "NL123456789B01",
                          "PL1234567890", "PT123456789", "RO12", "RO1234567890", "SE123456789001", "SI12345678",
                          "SK1234567890", "XI123456789", "XI123456789012", "XIGD123", "XIHA123"}) {
        const auto r = normalise_vat_number(n);
        EXPECT_TRUE(r) << n << ": " << (r ? "" : r.error().message_en);
    }
}

TEST(VatNumber, RefusesOtherMemberStatesWithWrongFormatAndDescribesIt) {
    const auto r = normalise_vat_number("DE12345678");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "vat.format");
    EXPECT_NE(r.error().message_fr.find("DE suivi de 9 chiffres"), std::string::npos);
    for (const char* n : {"AT12345678", "BE2123456789", "NL123456789A01", "SE123456789012", "ES123456789",
                          "CY123456789", "IE12345678", "XI12345", "RO1", "EL12345678"}) {
        EXPECT_FALSE(normalise_vat_number(n)) << n;
    }
}

TEST(VatNumber, AcceptsGreekGrPrefixAsEl) {
    EXPECT_EQ(normalise_vat_number("GR123456789").value(), "EL123456789");
}

TEST(VatNumber, RefusesMissingCountryCode) {
    EXPECT_EQ(normalise_vat_number("64443061841").error().code, "vat.country_missing");
    EXPECT_EQ(normalise_vat_number("443061841").error().code, "vat.country_missing");
}

TEST(VatNumber, RefusesNonEuCountries) {
    EXPECT_EQ(normalise_vat_number("US123456789").error().code, "vat.country_unknown");
    EXPECT_EQ(normalise_vat_number("CHE123456789").error().code, "vat.country_unknown");
    const auto gb = normalise_vat_number("GB123456789");
    ASSERT_FALSE(gb);
    EXPECT_EQ(gb.error().code, "vat.country_unknown");
    EXPECT_NE(gb.error().message_fr.find("XI"), std::string::npos);
}

TEST(VatNumber, RefusesEmptyAndGarbage) {
    EXPECT_EQ(normalise_vat_number("").error().code, "vat.empty");
    EXPECT_EQ(normalise_vat_number(" - ").error().code, "vat.empty");
    EXPECT_FALSE(normalise_vat_number("FR44732829320FR44732829320"));
    EXPECT_FALSE(normalise_vat_number("é"));
    EXPECT_FALSE(normalise_vat_number("DE12345678\xFF"));
}

TEST(VatNumberForSiren, ComputesTheFrenchNumber) {
    EXPECT_EQ(vat_number_for_siren("732829320"), "FR44732829320");
    EXPECT_EQ(vat_number_for_siren("443 061 841"), "FR64443061841");
    EXPECT_EQ(vat_number_for_siren("552100554"), "FR96552100554");
}

TEST(VatNumberForSiren, PadsSmallKeysWithZero) {
    // Find a SIREN whose key is below 10 and check the number stays 13 characters long.
    for (int n = 100000000; n < 100100000; ++n) {
        const std::string siren = std::to_string(n);
        const std::string vat = vat_number_for_siren(siren);
        if (!vat.empty() && vat[2] == '0') {
            EXPECT_EQ(vat.size(), 13u);
            EXPECT_TRUE(normalise_vat_number(vat)) << vat;
            return;
        }
    }
    FAIL() << "no SIREN with a one-digit key found";
}

TEST(VatNumberForSiren, ReturnsEmptyForInvalidSiren) {
    EXPECT_EQ(vat_number_for_siren("732829321"), "");
    EXPECT_EQ(vat_number_for_siren(""), "");
}

TEST(VatNumberForSiren, ProducesNumbersThatValidate) {
    for (const char* s : {"732829320", "443061841", "552100554", "542107651", "120027016"}) {
        EXPECT_TRUE(normalise_vat_number(vat_number_for_siren(s))) << s;
    }
}

}  // namespace
}  // namespace comptoir
