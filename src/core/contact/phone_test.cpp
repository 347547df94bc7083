#include "core/contact/phone.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace comptoir {
namespace {

using Keys = std::vector<std::string>;

class FrenchMobileFormats : public ::testing::TestWithParam<const char*> {};

TEST_P(FrenchMobileFormats, ParseToTheSameNumber) {
    const auto r = parse_phone(GetParam());
    ASSERT_TRUE(r) << GetParam() << ": " << r.error().message_fr;
    EXPECT_EQ(r->e164, "+33612345678");
    EXPECT_EQ(r->display, "06 12 34 56 78");
    EXPECT_EQ(r->region, "FR");
}

INSTANTIATE_TEST_SUITE_P(Phone, FrenchMobileFormats,
                         ::testing::Values("06 12 34 56 78", "0612345678", "06.12.34.56.78", "06-12-34-56-78",
                                           "+33 6 12 34 56 78", "+33612345678", "0033612345678", "00 33 6 12 34 56 78",
                                           "+33 (0)6 12 34 56 78", "+33(0)612345678", "(+33) 612345678",
                                           "  06 12 34 56 78  ", "06\u00A012\u00A034\u00A056\u00A078",
                                           "06\u202F12\u202F34\u202F56\u202F78", "06/12/34/56/78"));

// French numbers in their usual shapes are answered from what the full parse said for their 5-digit
// prefix (french_prefixes.hpp). For every prefix, two numbers in those shapes must give exactly what
// libphonenumber gives for the same number typed in a shape that is always parsed in full.
TEST(Phone, EveryFrenchPrefixAnswersAsTheFullParse) {
    std::uint32_t seed = 12345;
    auto four_digits = [&] {
        seed = seed * 1664525u + 1013904223u;
        std::string out = std::to_string((seed >> 8) % 10000);
        return std::string(4 - out.size(), '0') + out;
    };
    int valid = 0;
    for (int prefix = 10000; prefix <= 99999; ++prefix) {
        for (int round = 0; round < 2; ++round) {
            const std::string nsn = std::to_string(prefix) + four_digits();
            const std::string usual = round == 0 ? "0" + nsn.substr(0, 1) + " " + nsn.substr(1) : "+33 " + nsn;
            // The same shape with brackets, which only the full parse reads ("06 39…" may be Mayotte's,
            // "+33 6 39…" may not).
            const std::string in_full = (round == 0 ? "(0" : "+33 (") + nsn.substr(0, 1) + ") " + nsn.substr(1);
            const auto quick = parse_phone(usual);
            const auto full = parse_phone(in_full);
            ASSERT_EQ(quick.has_value(), full.has_value()) << usual;
            if (!full) {
                ASSERT_EQ(quick.error().code, full.error().code) << usual;
                continue;
            }
            ++valid;
            ASSERT_EQ(quick->e164, full->e164) << usual;
            ASSERT_EQ(quick->display, full->display) << usual;
            ASSERT_EQ(quick->region, full->region) << usual;
        }
    }
    EXPECT_GT(valid, 50000) << "most prefixes are assigned";
}

TEST(Phone, ParsesFrenchLandlinesAndSpecialNumbers) {
    EXPECT_EQ(parse_phone("01 42 68 53 00")->e164, "+33142685300");
    EXPECT_EQ(parse_phone("01 42 68 53 00")->display, "01 42 68 53 00");
    EXPECT_EQ(parse_phone("04.72.00.00.00")->e164, "+33472000000");
    EXPECT_EQ(parse_phone("09 70 80 90 00")->e164, "+33970809000");
    EXPECT_EQ(parse_phone("0800 123 456")->e164, "+33800123456");
}

TEST(Phone, ParsesBelgianNumbersInInternationalForm) {
    const auto r = parse_phone("+32 470 12 34 56");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->e164, "+32470123456");
    EXPECT_EQ(r->display, "+32 470 12 34 56");
    EXPECT_EQ(r->region, "BE");
    EXPECT_EQ(parse_phone("0032 2 555 12 12")->e164, "+3225551212");
}

TEST(Phone, ParsesSwissAndBritishNumbers) {
    const auto ch = parse_phone("+41 79 123 45 67");
    ASSERT_TRUE(ch);
    EXPECT_EQ(ch->e164, "+41791234567");
    EXPECT_EQ(ch->display, "+41 79 123 45 67");
    EXPECT_EQ(ch->region, "CH");
    const auto uk = parse_phone("+44 20 7946 0958");
    ASSERT_TRUE(uk);
    EXPECT_EQ(uk->e164, "+442079460958");
    EXPECT_EQ(uk->display, "+44 20 7946 0958");
    EXPECT_EQ(uk->region, "GB");
    EXPECT_TRUE(parse_phone("+44 7911 123456"));
}

TEST(Phone, ReadsNationalNumbersInTheDefaultRegion) {
    const auto be = parse_phone("0470 12 34 56", "BE");
    ASSERT_TRUE(be);
    EXPECT_EQ(be->e164, "+32470123456");
    EXPECT_EQ(be->display, "+32 470 12 34 56");
    EXPECT_EQ(parse_phone("079 123 45 67", "ch")->e164, "+41791234567");
    // A French number typed with its + is French whatever the default region.
    EXPECT_EQ(parse_phone("+33 6 12 34 56 78", "BE")->display, "06 12 34 56 78");
}

TEST(Phone, RecognisesOverseasDepartmentsFromAFrenchNationalNumber) {
    const auto r = parse_phone("0692 12 34 56");
    ASSERT_TRUE(r) << r.error().message_fr;
    EXPECT_EQ(r->e164, "+262692123456");
    EXPECT_EQ(r->region, "RE");
    EXPECT_EQ(r->display, "0692 12 34 56");
    EXPECT_EQ(parse_phone("+262 692 12 34 56")->display, "0692 12 34 56");
}

TEST(Phone, RefusesInvalidNumbersQuotingWhatWasTyped) {
    const auto r = parse_phone("06 12 34");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "phone.invalid");
    EXPECT_NE(r.error().message_fr.find("« 06 12 34 »"), std::string::npos) << r.error().message_fr;
    EXPECT_NE(r.error().message_fr.find("il manque des chiffres"), std::string::npos) << r.error().message_fr;
    EXPECT_TRUE(r.error().field.empty());
    EXPECT_FALSE(r.error().message_en.empty());
}

TEST(Phone, RefusesTooManyDigits) {
    const auto r = parse_phone("06 12 34 56 78 90 12 34 56 78 90");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "phone.invalid");
}

TEST(Phone, RefusesUnassignedRangesAndUnknownCountryCodes) {
    EXPECT_EQ(parse_phone("00 00 00 00 00").error().code, "phone.invalid");
    const auto unknown = parse_phone("+999 123 456 789");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, "phone.invalid");
    EXPECT_NE(unknown.error().message_fr.find("indicatif"), std::string::npos) << unknown.error().message_fr;
    EXPECT_EQ(parse_phone("+44 7700 900123").error().code, "phone.invalid");  // Ofcom drama range
}

TEST(Phone, RefusesLettersInsteadOfGuessing) {
    for (const char* s : {"06 12 34 56 78 (bureau)", "0612345678x", "O6 12 34 56 78", "1-800-FLOWERS", "tél : 06 12"}) {
        const auto r = parse_phone(s);
        ASSERT_FALSE(r) << s;
        EXPECT_EQ(r.error().code, "phone.invalid");
        EXPECT_NE(r.error().message_fr.find("seuls les chiffres"), std::string::npos);
    }
}

TEST(Phone, RefusesEmptyInput) {
    EXPECT_EQ(parse_phone("").error().code, "phone.empty");
    EXPECT_EQ(parse_phone("   ").error().code, "phone.empty");
}

TEST(Phone, AsksForTheCountryCodeWhenNoRegionIsKnown) {
    const auto r = parse_phone("06 12 34 56 78", "");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message_fr.find("+33"), std::string::npos);
    EXPECT_EQ(parse_phone("+33612345678", "XX")->e164, "+33612345678");
}

TEST(FormatPhone, ShowsFrenchNumbersNationallyAndOthersInternationally) {
    EXPECT_EQ(format_phone("+33612345678"), "06 12 34 56 78");
    EXPECT_EQ(format_phone("+33142685300"), "01 42 68 53 00");
    EXPECT_EQ(format_phone("+32470123456"), "+32 470 12 34 56");
    EXPECT_EQ(format_phone("+41791234567"), "+41 79 123 45 67");
}

TEST(FormatPhone, ReturnsUnparsableInputUnchanged) {
    EXPECT_EQ(format_phone("not a phone"), "not a phone");
    EXPECT_EQ(format_phone(""), "");
}

TEST(PhoneIndexTerms, StoresInternationalAndNationalDigitsForFrenchNumbers) {
    EXPECT_EQ(phone_index_terms("+33612345678"), (Keys{"33612345678", "0612345678"}));
    EXPECT_EQ(phone_index_terms("+262692123456"), (Keys{"262692123456", "0692123456"}));
}

TEST(PhoneIndexTerms, StoresOnlyInternationalDigitsForForeignNumbers) {
    EXPECT_EQ(phone_index_terms("+32470123456"), (Keys{"32470123456"}));
}

TEST(PhoneIndexTerms, FallsBackToDigitsForLegacyValues) {
    EXPECT_EQ(phone_index_terms("06 12 34"), (Keys{"061234"}));
    EXPECT_TRUE(phone_index_terms("").empty());
    EXPECT_TRUE(phone_index_terms("abc").empty());
}

TEST(PhoneSearchKeys, ReturnsE164DigitsForACompleteNumber) {
    EXPECT_EQ(phone_search_keys("06 12 34 56 78"), (Keys{"33612345678"}));
    EXPECT_EQ(phone_search_keys("+33 6 12 34 56 78"), (Keys{"33612345678"}));
    EXPECT_EQ(phone_search_keys("0033612345678"), (Keys{"33612345678"}));
    EXPECT_EQ(phone_search_keys("+32 470 12 34 56"), (Keys{"32470123456"}));
}

TEST(PhoneSearchKeys, AddsTheInternationalVariantForPartialNationalInput) {
    EXPECT_EQ(phone_search_keys("06 12"), (Keys{"0612", "33612"}));
    EXPECT_EQ(phone_search_keys("06.12.34"), (Keys{"061234", "3361234"}));
}

TEST(PhoneSearchKeys, AddsTheNationalVariantForPartialInternationalInput) {
    EXPECT_EQ(phone_search_keys("+33 6 12"), (Keys{"33612", "0612"}));
    EXPECT_EQ(phone_search_keys("0033 6 12"), (Keys{"0033612", "33612", "0612"}));
    EXPECT_EQ(phone_search_keys("+33 (0)6 12"), (Keys{"330612", "33612", "0612"}));
    EXPECT_EQ(phone_search_keys("(+33) 6 12"), (Keys{"33612", "0612"}));
}

TEST(PhoneSearchKeys, KeepsOtherDigitsAsTyped) {
    EXPECT_EQ(phone_search_keys("+32 470"), (Keys{"32470"}));
    EXPECT_EQ(phone_search_keys("1234"), (Keys{"1234"}));
}

TEST(PhoneSearchKeys, IgnoresQueriesThatAreNotPhoneLike) {
    EXPECT_TRUE(phone_search_keys("Dupont").empty());
    EXPECT_TRUE(phone_search_keys("Dupont 0612").empty());
    EXPECT_TRUE(phone_search_keys("75001 Paris").empty());
    EXPECT_TRUE(phone_search_keys("061").empty());  // fewer than 4 digits
    EXPECT_TRUE(phone_search_keys("+33 6").empty());
    EXPECT_TRUE(phone_search_keys("").empty());
    EXPECT_TRUE(phone_search_keys("-- ..").empty());
}

TEST(PhoneSearchKeys, MatchTheStoredIndexTermsByPrefix) {
    const Keys terms = phone_index_terms("+33612345678");
    for (const char* query : {"06 12", "0612 34", "+33 6 12", "+33 (0)6 12 3", "0033 612", "06 12 34 56 78"}) {
        bool matched = false;
        for (const auto& key : phone_search_keys(query)) {
            for (const auto& term : terms) matched = matched || term.starts_with(key);
        }
        EXPECT_TRUE(matched) << query;
    }
}

}  // namespace
}  // namespace comptoir
