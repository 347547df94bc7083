#include "core/legal/siren.hpp"

#include <gtest/gtest.h>

namespace comptoir {
namespace {

TEST(Luhn, AcceptsValidNumbers) {
    EXPECT_TRUE(luhn_valid("732829320"));
    EXPECT_TRUE(luhn_valid("552100554"));
    EXPECT_TRUE(luhn_valid("443061841"));
    EXPECT_TRUE(luhn_valid("44306184100047"));
    EXPECT_TRUE(luhn_valid("0"));
}

TEST(Luhn, RefusesWrongKeysEmptyAndNonDigits) {
    EXPECT_FALSE(luhn_valid("732829321"));
    EXPECT_FALSE(luhn_valid(""));
    EXPECT_FALSE(luhn_valid("73282932a"));
    EXPECT_FALSE(luhn_valid("732 829 320"));
}

TEST(Siren, AcceptsRealCompanies) {
    EXPECT_EQ(normalise_siren("732829320").value(), "732829320");
    EXPECT_EQ(normalise_siren("552100554").value(), "552100554");
    EXPECT_EQ(normalise_siren("443061841").value(), "443061841");
    EXPECT_EQ(normalise_siren("542107651").value(), "542107651");
}

TEST(Siren, StripsSpacesDotsDashesAndNoBreakSpaces) {
    EXPECT_EQ(normalise_siren("732 829 320").value(), "732829320");
    EXPECT_EQ(normalise_siren(" 732.829.320 ").value(), "732829320");
    EXPECT_EQ(normalise_siren("732-829-320").value(), "732829320");
    EXPECT_EQ(normalise_siren("732\u00A0829\u00A0320").value(), "732829320");
    EXPECT_EQ(normalise_siren("732\u202F829\u202F320").value(), "732829320");
}

TEST(Siren, RefusesEmptyInput) {
    EXPECT_EQ(normalise_siren("").error().code, "siren.empty");
    EXPECT_EQ(normalise_siren("  . - ").error().code, "siren.empty");
}

TEST(Siren, RefusesLettersAndQuotesTheCulprit) {
    const auto r = normalise_siren("73282932O");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "siren.format");
    EXPECT_NE(r.error().message_fr.find("« O »"), std::string::npos) << r.error().message_fr;
    EXPECT_EQ(normalise_siren("７３２８２９３２０").error().code, "siren.format");  // full-width digits
}

TEST(Siren, RefusesWrongLengthSayingHowManyDigitsWereTyped) {
    const auto r = normalise_siren("73282932");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "siren.length");
    EXPECT_EQ(r.error().message_fr, "Le SIREN doit comporter 9 chiffres (8 saisis).");
    EXPECT_EQ(r.error().message_en, "A SIREN has 9 digits (8 given).");
    EXPECT_EQ(normalise_siren("1").error().message_fr, "Le SIREN doit comporter 9 chiffres (1 saisi).");
}

TEST(Siren, HintsWhenASiretWasTyped) {
    const auto r = normalise_siren("44306184100047");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message_fr.find("SIRET"), std::string::npos);
}

TEST(Siren, RefusesWrongCheckDigit) {
    const auto r = normalise_siren("732829321");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "siren.checksum");
    EXPECT_EQ(r.error().message_fr,
              "Ce SIREN n'existe pas : la clé de contrôle ne correspond pas. Vérifiez la saisie.");
}

TEST(Siren, RefusesSwappedDigits) { EXPECT_FALSE(normalise_siren("738229320")); }

TEST(Siren, RefusesAllZeros) { EXPECT_EQ(normalise_siren("000 000 000").error().code, "siren.invalid"); }

TEST(Siren, LeavesFieldEmptyAndFillsBothLanguages) {
    const auto r = normalise_siren("abc");
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().field.empty());
    EXPECT_FALSE(r.error().message_fr.empty());
    EXPECT_FALSE(r.error().message_en.empty());
}

TEST(Siret, AcceptsRealEstablishments) {
    EXPECT_EQ(normalise_siret("44306184100047").value(), "44306184100047");
    EXPECT_EQ(normalise_siret("732 829 320 00074").value(), "73282932000074");
    EXPECT_EQ(normalise_siret("552 100 554 00013").value(), "55210055400013");
    EXPECT_EQ(normalise_siret("542.107.651.13030").value(), "54210765113030");
}

TEST(Siret, AcceptsLaPosteEstablishments) {
    // Sum of digits is a multiple of 5 although the Luhn check fails.
    ASSERT_FALSE(luhn_valid("35600000049837"));
    EXPECT_EQ(normalise_siret("356 000 000 49837").value(), "35600000049837");
    EXPECT_EQ(normalise_siret("35600000000010").value(), "35600000000010");
}

TEST(Siret, AcceptsLaPosteHeadOfficeByLuhn) {
    EXPECT_EQ(normalise_siret("35600000000048").value(), "35600000000048");
}

TEST(Siret, RefusesLaPosteEstablishmentWhoseDigitSumIsNotAMultipleOfFive) {
    const auto r = normalise_siret("35600000049838");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "siret.checksum");
    EXPECT_NE(r.error().message_fr.find("La Poste"), std::string::npos);
}

TEST(Siret, RefusesWrongLengthWithTheSpecMessage) {
    const auto r = normalise_siret("443061841000");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "siret.length");
    EXPECT_EQ(r.error().message_fr, "Le SIRET doit comporter 14 chiffres (12 saisis).");
    EXPECT_EQ(r.error().message_en, "A SIRET has 14 digits (12 given).");
}

TEST(Siret, HintsWhenOnlyTheSirenWasTyped) {
    const auto r = normalise_siret("443061841");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "siret.length");
    EXPECT_NE(r.error().message_fr.find("NIC"), std::string::npos);
}

TEST(Siret, RefusesWrongCheckDigit) {
    const auto r = normalise_siret("44306184100048");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "siret.checksum");
    EXPECT_EQ(r.error().message_fr, "Ce SIRET n'existe pas : la clé de contrôle ne correspond pas. Vérifiez la saisie.");
}

TEST(Siret, RefusesNumberWhoseSirenPartIsInvalid) {
    // Luhn-valid over 14 digits, but 443061842 is not a SIREN.
    std::string s = "4430618420004";
    for (char last = '0'; last <= '9'; ++last) {
        if (luhn_valid(s + last)) {
            s += last;
            break;
        }
    }
    ASSERT_TRUE(luhn_valid(s));
    EXPECT_EQ(normalise_siret(s).error().code, "siret.siren_checksum");
}

TEST(Siret, RefusesEmptyLettersAndZeros) {
    EXPECT_EQ(normalise_siret("").error().code, "siret.empty");
    EXPECT_EQ(normalise_siret("4430618410004X").error().code, "siret.format");
    EXPECT_EQ(normalise_siret("00000000000000").error().code, "siret.invalid");
}

TEST(FormatSiren, GroupsByThree) {
    EXPECT_EQ(format_siren("732829320"), "732 829 320");
    EXPECT_EQ(format_siren("732.829.320"), "732 829 320");
}

TEST(FormatSiret, GroupsSirenAndNic) {
    EXPECT_EQ(format_siret("12345678900012"), "123 456 789 00012");
    EXPECT_EQ(format_siret("443 061 841 00047"), "443 061 841 00047");
}

TEST(FormatSiren, ReturnsUnusableInputUnchanged) {
    EXPECT_EQ(format_siren("12345"), "12345");
    EXPECT_EQ(format_siret("abc"), "abc");
    EXPECT_EQ(format_siren(""), "");
}

}  // namespace
}  // namespace comptoir
