#include "core/money/decimal.hpp"

#include <random>

#include <gtest/gtest.h>

namespace comptoir {
namespace {

Decimal D(std::string_view s) { return Decimal::parse(s, "test").value(); }
constexpr std::int64_t kMax = Decimal::kMaxMantissa;

TEST(DecimalParse, ReadsPointAndFrenchComma) {
    EXPECT_EQ(D("12.5").mantissa(), 12'500'000);
    EXPECT_EQ(D("12,5").mantissa(), 12'500'000);
    EXPECT_EQ(D("0,333").mantissa(), 333'000);
    EXPECT_EQ(D("-3").mantissa(), -3'000'000);
    EXPECT_EQ(D("+7").mantissa(), 7'000'000);
    EXPECT_EQ(D("007").mantissa(), 7'000'000);
    EXPECT_EQ(D("0.000001").mantissa(), 1);
    EXPECT_EQ(D(",5").mantissa(), 500'000);
    EXPECT_EQ(D("5.").mantissa(), 5'000'000);
    EXPECT_EQ(D("  2.1\t").mantissa(), 2'100'000);
}

TEST(DecimalParse, ReadsThousandsSeparatedBySpaces) {
    EXPECT_EQ(D("1 234,56").mantissa(), 1'234'560'000);
    EXPECT_EQ(D("1\xC2\xA0" "234,56").mantissa(), 1'234'560'000);      // no-break space
    EXPECT_EQ(D("1\xE2\x80\xAF" "234,56").mantissa(), 1'234'560'000);  // narrow no-break space
    EXPECT_EQ(D("12 345 678").mantissa(), 12'345'678'000'000);
    EXPECT_EQ(D("-1 000").mantissa(), -1'000'000'000);
}

TEST(DecimalParse, ReadsTheTypographicMinus) { EXPECT_EQ(D("\xE2\x88\x92" "4,5").mantissa(), -4'500'000); }

TEST(DecimalParse, AcceptsExtraTrailingZerosButNotASeventhDecimal) {
    EXPECT_EQ(D("1.50000000").mantissa(), 1'500'000);
    const auto r = Decimal::parse("0.1234567", "lines[2].quantity");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::Invalid);
    ASSERT_EQ(r.error().fields.size(), 1u);
    EXPECT_EQ(r.error().fields[0].field, "lines[2].quantity");
    EXPECT_EQ(r.error().fields[0].code, "decimal.too_many_decimals");
}

TEST(DecimalParse, RefusesGarbageNamingTheField) {
    for (const char* bad : {"abc", "12a", "1e5", "1.2.3", "1,2,3", "1.234,56", "1,234.56", "12 5", "1234 567",
                            "1 23", "- 3", "+", "-", ".", ",", "inf", "nan", "0x10", "1_000", "--1", "1-",
                            "٣", "1 234 ,5", "1.2345678,5", " 1 ", "12\xC2\xA0"}) {
        const auto r = Decimal::parse(bad, "unit_price");
        if (std::string_view(bad) == " 1 ") {
            EXPECT_TRUE(r) << bad;  // surrounding spaces are trimmed
            continue;
        }
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().fields.at(0).field, "unit_price") << bad;
        EXPECT_EQ(r.error().fields.at(0).code, "decimal.invalid") << bad;
        EXPECT_NE(r.error().message_fr.find("n'est pas un nombre valide"), std::string::npos) << bad;
        EXPECT_FALSE(r.error().message_en.empty());
    }
}

TEST(DecimalParse, RefusesEmptyInput) {
    EXPECT_EQ(Decimal::parse("", "quantity").error().fields[0].code, "decimal.empty");
    EXPECT_EQ(Decimal::parse("   ", "quantity").error().fields[0].code, "decimal.empty");
}

TEST(DecimalParse, KeepsTheWholeSymmetricInt64Range) {
    EXPECT_EQ(D("9223372036854.775807").mantissa(), kMax);
    EXPECT_EQ(D("-9223372036854.775807").mantissa(), -kMax);
    EXPECT_EQ(D("9 223 372 036 854,775807").mantissa(), kMax);
    for (const char* big : {"9223372036854.775808", "-9223372036854.775808", "10000000000000",
                            "99999999999999999999999999999999999999999"}) {
        const auto r = Decimal::parse(big, "quantity");
        ASSERT_FALSE(r) << big;
        EXPECT_EQ(r.error().fields[0].code, "decimal.too_large") << big;
    }
}

TEST(DecimalParse, QuotesLongOrBinaryInputSafely) {
    const std::string junk = std::string(200, 'x') + "\x01\xff";
    const auto r = Decimal::parse(junk, "quantity");
    ASSERT_FALSE(r);
    EXPECT_LT(r.error().message_fr.size(), 200u);
}

TEST(DecimalFormat, WritesTheCanonicalForm) {
    EXPECT_EQ(D("12.50").to_string(), "12.5");
    EXPECT_EQ(D("-3").to_string(), "-3");
    EXPECT_EQ(D("0.333").to_string(), "0.333");
    EXPECT_EQ(D("-0").to_string(), "0");
    EXPECT_EQ(D("0.000001").to_string(), "0.000001");
    EXPECT_EQ(D("-0.000001").to_string(), "-0.000001");
    EXPECT_EQ(D("1 234 567,89").to_string(), "1234567.89");
    EXPECT_EQ(Decimal::from_mantissa(kMax).to_string(), "9223372036854.775807");
    EXPECT_EQ(Decimal::from_mantissa(-kMax).to_string(), "-9223372036854.775807");
}

TEST(DecimalFormat, WritesFrenchDisplay) {
    EXPECT_EQ(D("1234.5").to_string_fr(), "1\xE2\x80\xAF" "234,5");
    EXPECT_EQ(D("1234.5").to_string_fr(2), "1\xE2\x80\xAF" "234,50");
    EXPECT_EQ(D("-0.5").to_string_fr(2), "-0,50");
    EXPECT_EQ(D("5.5").to_string_fr(), "5,5");
    EXPECT_EQ(D("20").to_string_fr(), "20");
    EXPECT_EQ(D("0.123456").to_string_fr(2), "0,123456");
    EXPECT_EQ(D("999").to_string_fr(), "999");
    EXPECT_EQ(D("1000000").to_string_fr(), "1\xE2\x80\xAF" "000\xE2\x80\xAF" "000");
}

TEST(DecimalFormat, RoundTripsThroughTheCanonicalForm) {
    std::mt19937_64 rng(11);
    for (int i = 0; i < 20000; ++i) {
        std::int64_t m = static_cast<std::int64_t>(rng() >> (rng() % 63));
        if (i % 2) m = -m;
        if (m == std::numeric_limits<std::int64_t>::min()) continue;
        const Decimal d = Decimal::from_mantissa(m);
        EXPECT_EQ(D(d.to_string()), d) << m;
        EXPECT_EQ(D(d.to_string_fr()), d) << m;  // what we display, we read back
    }
}

TEST(DecimalArithmetic, IsExactWhereDoublesAreNot) {
    EXPECT_EQ(D("0.1") + D("0.2"), D("0.3"));
    EXPECT_EQ(D("1") - D("0.9"), D("0.1"));
    EXPECT_EQ(D("0.333") * D("3"), D("0.999"));
    EXPECT_EQ(D("1.5") * D("-2"), D("-3"));
    EXPECT_EQ(-D("2.5"), D("-2.5"));
    EXPECT_EQ(Decimal::from_int(20), D("20"));
    EXPECT_EQ(Decimal::from_scaled(55, 1), D("5.5"));
    EXPECT_EQ(Decimal::from_scaled(-125, 2), D("-1.25"));
    EXPECT_EQ(Decimal::from_scaled(7, 0), D("7"));
}

TEST(DecimalArithmetic, RoundsProductsHalfAwayFromZero) {
    EXPECT_EQ(D("0.000001") * D("0.5"), D("0.000001"));    // 0.0000005 → up
    EXPECT_EQ(D("-0.000001") * D("0.5"), D("-0.000001"));  // -0.0000005 → down, not toward zero
    EXPECT_EQ(D("0.000001") * D("0.4"), D("0"));
    EXPECT_EQ(D("12.345678") * D("0.1"), D("1.234568"));
}

TEST(DecimalArithmetic, ComparesByValue) {
    EXPECT_LT(D("-1"), D("0"));
    EXPECT_LT(D("0.333333"), D("0.333334"));
    EXPECT_EQ(D("1.50"), D("1.5"));
    EXPECT_GT(D("100"), D("99.999999"));
}

TEST(DecimalArithmetic, NeverOverflowsSilently) {
    const Decimal max = Decimal::from_mantissa(kMax);
    const Decimal tiny = Decimal::from_mantissa(1);
    EXPECT_FALSE(checked_add(max, tiny));
    EXPECT_FALSE(checked_sub(-max, tiny));
    EXPECT_FALSE(checked_mul(max, D("1.000001")));
    EXPECT_FALSE(checked_mul(max, max));
    EXPECT_EQ(checked_mul(max, D("1")), max);
    EXPECT_EQ(checked_mul(max, D("-1")), -max);
    EXPECT_EQ(checked_add(max, -tiny), Decimal::from_mantissa(kMax - 1));
    EXPECT_THROW(max + tiny, std::overflow_error);
    EXPECT_THROW(-max - tiny, std::overflow_error);
    EXPECT_THROW(max * D("2"), std::overflow_error);
    EXPECT_THROW(Decimal::from_mantissa(std::numeric_limits<std::int64_t>::min()), std::overflow_error);
    EXPECT_THROW(Decimal::from_int(9'223'372'036'855), std::overflow_error);
    EXPECT_EQ(Decimal::from_int(9'223'372'036'854).to_string(), "9223372036854");
    // A product far beyond int64 in its intermediate form, brought back into range by a small factor.
    EXPECT_EQ(checked_mul(D("3000000000000"), D("3")), D("9000000000000"));
}

TEST(DecimalArithmetic, Divides) {
    EXPECT_EQ(checked_div(D("1"), D("3")), D("0.333333"));
    EXPECT_EQ(checked_div(D("2"), D("3")), D("0.666667"));
    EXPECT_EQ(checked_div(D("-2"), D("3")), D("-0.666667"));
    EXPECT_EQ(checked_div(D("10"), D("0.5")), D("20"));
    EXPECT_FALSE(checked_div(D("1"), D("0")));
    EXPECT_FALSE(checked_div(Decimal::from_mantissa(kMax), D("0.5")));
}

TEST(DecimalArithmetic, TakesAPercentageRoundingOnce) {
    EXPECT_EQ(checked_percent(D("10"), D("87.5")), D("8.75"));
    EXPECT_EQ(checked_percent(D("9.99"), D("66.666667")), D("6.66"));         // 6.6600000333 → 6.66
    EXPECT_EQ(checked_percent(D("0.000001"), D("50")), D("0.000001"));        // half → away from zero
    EXPECT_EQ(checked_percent(D("-0.000001"), D("50")), D("-0.000001"));
    EXPECT_EQ(checked_percent(D("1.234567"), D("100")), D("1.234567"));
    // Two roundings (× 0.666667 then nothing) would not equal one: 0.000003 × 66.666667 % = 0.000002.
    EXPECT_EQ(checked_percent(D("0.000003"), D("66.666667")), D("0.000002"));
    EXPECT_FALSE(checked_percent(Decimal::from_mantissa(Decimal::kMaxMantissa), D("200")));
}

TEST(DecimalArithmetic, RoundsToFewerPlaces) {
    EXPECT_EQ(D("33.333333").rounded(2), D("33.33"));
    EXPECT_EQ(D("2.675").rounded(2), D("2.68"));
    EXPECT_EQ(D("-2.675").rounded(2), D("-2.68"));
    EXPECT_EQ(D("2.5").rounded(0), D("3"));
    EXPECT_EQ(D("-2.5").rounded(0), D("-3"));
    EXPECT_EQ(D("1.234567").rounded(6), D("1.234567"));
    EXPECT_LE(Decimal::from_mantissa(kMax).rounded(0), Decimal::from_mantissa(kMax));  // no overflow at the edge
}

TEST(DecimalParse, SurvivesRandomBytes) {
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> byte(0, 255), len(0, 24);
    for (int i = 0; i < 20000; ++i) {
        std::string s(static_cast<std::size_t>(len(rng)), '\0');
        for (char& c : s) c = static_cast<char>(i % 2 ? byte(rng) : "0123456789 .,-+\xC2\xA0"[byte(rng) % 17]);
        EXPECT_NO_THROW({
            const auto r = Decimal::parse(s, "x");
            if (r) {
                EXPECT_EQ(D(r->to_string()), *r);
            } else {
                EXPECT_EQ(r.error().fields.at(0).field, "x");
            }
        });
    }
}

}  // namespace
}  // namespace comptoir
