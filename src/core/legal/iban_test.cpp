#include "core/legal/iban.hpp"

#include <gtest/gtest.h>

namespace comptoir {
namespace {

TEST(Iban, AcceptsFrenchIbans) {
    EXPECT_EQ(normalise_iban("FR76 3000 6000 0112 3456 7890 189").value(), "FR7630006000011234567890189");
    EXPECT_EQ(normalise_iban("fr14 2004 1010 0505 0001 3m02 606").value(), "FR1420041010050500013M02606");
}

TEST(Iban, AcceptsOtherCountriesFromTheRegistryExamples) {
    for (const char* iban : {"DE89370400440532013000", "GB29NWBK60161331926819", "BE68539007547034",
                             "NL91ABNA0417164300", "CH9300762011623852957", "IT60X0542811101000000123456",
                             "ES9121000418450200051332", "MC5811222000010123456789030", "NO9386011117947",
                             "MT84MALT011000012345MTLCAST001S", "LU280019400644750000", "AT611904300234573201",
                             "PT50000201231234567890154", "IE29AIBK93115212345678", "PL61109010140000071219812874"}) {
        const auto r = normalise_iban(iban);
        EXPECT_TRUE(r) << iban << ": " << (r ? "" : r.error().message_en);
    }
}

TEST(Iban, StripsNoBreakSpacesAndDashes) {
    EXPECT_EQ(normalise_iban("FR76\u00A03000-6000-0112-3456-7890-189").value(), "FR7630006000011234567890189");
}

TEST(Iban, RefusesWrongCheckDigits) {
    const auto r = normalise_iban("FR7730006000011234567890189");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "iban.checksum");
    EXPECT_FALSE(normalise_iban("DE88370400440532013000"));
    EXPECT_FALSE(normalise_iban("DE89370400440532013001"));
}

TEST(Iban, RefusesImpossibleCheckDigitsEvenIfModuloMatches) {
    // 99 ≡ 02 (mod 97), so "DE99…" passes mod-97 whenever "DE02…" would; 99 never occurs.
    EXPECT_EQ(normalise_iban("GB99NWBK60161331926819").error().code, "iban.checksum");
}

TEST(Iban, RefusesFrenchIbanWhoseRibKeyIsWrong) {
    // RIB 30006 00001 12345678900 has key 89; with key 88 and check digits recomputed so that
    // mod-97 passes, only the RIB key check can catch it.
    const std::string bban = "30006000011234567890088";
    std::string iban;
    for (int check = 2; check <= 98 && iban.empty(); ++check) {
        const std::string candidate = "FR" + std::string(check < 10 ? "0" : "") + std::to_string(check) + bban;
        const auto r = normalise_iban(candidate);
        if (!r && r.error().code == "iban.rib_key") iban = candidate;
    }
    ASSERT_FALSE(iban.empty());
    EXPECT_NE(normalise_iban(iban).error().message_fr.find("clé RIB"), std::string::npos);
}

TEST(Iban, RefusesWrongLengthNamingTheCountry) {
    const auto r = normalise_iban("FR76300060000112345678901");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "iban.length");
    EXPECT_EQ(r.error().message_fr, "Un IBAN français comporte 27 caractères (25 saisis).");
    EXPECT_EQ(normalise_iban("DE8937040044053201300").error().message_en,
              "An IBAN starting with DE has 22 characters (21 given).");
}

TEST(Iban, RefusesUnknownCountryAndMissingCountry) {
    EXPECT_EQ(normalise_iban("US12345678901234567890").error().code, "iban.country_unknown");
    EXPECT_EQ(normalise_iban("7630006000011234567890189").error().code, "iban.country_missing");
    EXPECT_EQ(normalise_iban("F").error().code, "iban.country_missing");
}

TEST(Iban, RefusesPunctuationAndAccents) {
    EXPECT_EQ(normalise_iban("FR76_3000").error().code, "iban.format");
    EXPECT_EQ(normalise_iban("FR76é3000").error().code, "iban.format");
    EXPECT_EQ(normalise_iban("FRAB30006000011234567890189").error().code, "iban.checksum");
}

TEST(Iban, RefusesEmpty) { EXPECT_EQ(normalise_iban("  ").error().code, "iban.empty"); }

TEST(FormatIban, GroupsByFour) {
    EXPECT_EQ(format_iban("FR7630006000011234567890189"), "FR76 3000 6000 0112 3456 7890 189");
    EXPECT_EQ(format_iban("de89 3704 0044 0532 0130 00"), "DE89 3704 0044 0532 0130 00");
    EXPECT_EQ(format_iban(""), "");
    EXPECT_EQ(format_iban("FR76"), "FR76");
}

TEST(Bic, AcceptsEightAndElevenCharacters) {
    EXPECT_EQ(normalise_bic("BNPAFRPP").value(), "BNPAFRPP");
    EXPECT_EQ(normalise_bic("bnpa fr pp xxx").value(), "BNPAFRPPXXX");
    EXPECT_EQ(normalise_bic("AGRIFRPP882").value(), "AGRIFRPP882");
    EXPECT_EQ(normalise_bic("DEUTDEFF500").value(), "DEUTDEFF500");
}

TEST(Bic, RefusesWrongLength) {
    const auto r = normalise_bic("BNPAFRP");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "bic.length");
    EXPECT_EQ(r.error().message_fr, "Un BIC comporte 8 ou 11 caractères (7 saisis).");
    EXPECT_EQ(normalise_bic("BNPAFRPPXX").error().code, "bic.length");
}

TEST(Bic, RefusesWrongShape) {
    EXPECT_EQ(normalise_bic("BNP1FRPP").error().code, "bic.format");
    EXPECT_EQ(normalise_bic("BNPAF1PP").error().code, "bic.format");
    EXPECT_EQ(normalise_bic("BNPAFRP_").error().code, "bic.format");
    EXPECT_EQ(normalise_bic("").error().code, "bic.empty");
}

}  // namespace
}  // namespace comptoir
