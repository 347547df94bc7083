#include "core/money/money.hpp"

#include <random>

#include <gtest/gtest.h>

namespace comptoir {
namespace {

Money M(std::string_view s) { return Money::parse(s, "test").value(); }
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
const std::string kNnbsp = "\xE2\x80\xAF";
const std::string kNbsp = "\xC2\xA0";

TEST(MoneyParse, ReadsAmountsAsTypedInFrance) {
    EXPECT_EQ(M("1234.56").cents(), 123456);
    EXPECT_EQ(M("1 234,56").cents(), 123456);
    EXPECT_EQ(M("12,5").cents(), 1250);
    EXPECT_EQ(M("-12").cents(), -1200);
    EXPECT_EQ(M("12,50 €").cents(), 1250);
    EXPECT_EQ(M("12,50\xC2\xA0€").cents(), 1250);
    EXPECT_EQ(M("12.50 EUR").cents(), 1250);
    EXPECT_EQ(M("12.50eur").cents(), 1250);
    EXPECT_EQ(M("0.10").cents(), 10);
    EXPECT_EQ(M("3.000").cents(), 300);  // trailing zeros are not decimals that matter
}

TEST(MoneyParse, RefusesAThirdDecimalAndGarbageNamingTheField) {
    auto r = Money::parse("12.345", "deposit.amount");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().fields[0].field, "deposit.amount");
    EXPECT_EQ(r.error().fields[0].code, "money.too_many_decimals");
    for (const char* bad : {"abc", "12 €€", "€12", "1.234,56", "12,5 $", "12.345,6"}) {
        r = Money::parse(bad, "prepaid");
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().fields[0].field, "prepaid") << bad;
        EXPECT_EQ(r.error().fields[0].code, "money.invalid") << bad;
    }
    EXPECT_EQ(Money::parse("", "prepaid").error().fields[0].code, "money.empty");
    EXPECT_EQ(Money::parse("€", "prepaid").error().fields[0].code, "money.empty");  // a currency alone is no amount
    EXPECT_EQ(Money::parse(" EUR ", "prepaid").error().fields[0].code, "money.empty");
    EXPECT_EQ(Money::parse("92233720368547758.08", "prepaid").error().fields[0].code, "money.too_large");
    EXPECT_EQ(M("92233720368547758.07").cents(), kMax);
}

TEST(MoneyFormat, WritesMachineForm) {
    EXPECT_EQ(Money::from_cents(123456).to_string(), "1234.56");
    EXPECT_EQ(Money::from_cents(-5).to_string(), "-0.05");
    EXPECT_EQ(Money::from_cents(0).to_string(), "0.00");
    EXPECT_EQ(Money::from_cents(100).to_string(), "1.00");
    EXPECT_EQ(Money::from_cents(kMax).to_string(), "92233720368547758.07");
    EXPECT_EQ(Money::from_cents(-kMax).to_string(), "-92233720368547758.07");
}

TEST(MoneyFormat, WritesFrenchDisplayWithNarrowNoBreakSpaces) {
    EXPECT_EQ(Money::from_cents(123456).to_display_fr(), "1" + kNnbsp + "234,56" + kNbsp + "€");
    EXPECT_EQ(Money::from_cents(5).to_display_fr(), "0,05" + kNbsp + "€");
    EXPECT_EQ(Money::from_cents(-123456789).to_display_fr(), "-1" + kNnbsp + "234" + kNnbsp + "567,89" + kNbsp + "€");
    EXPECT_EQ(Money::from_cents(99999).to_display_fr(), "999,99" + kNbsp + "€");
    EXPECT_EQ(Money::from_cents(100000).to_display_fr(), "1" + kNnbsp + "000,00" + kNbsp + "€");
}

TEST(MoneyFormat, WritesEnglishDisplay) {
    EXPECT_EQ(Money::from_cents(123456).to_display_en(), "€1,234.56");
    EXPECT_EQ(Money::from_cents(-50).to_display_en(), "-€0.50");
}

TEST(MoneyFormat, ReadsBackWhatItWrites) {
    std::mt19937_64 rng(17);
    for (int i = 0; i < 10000; ++i) {
        std::int64_t c = static_cast<std::int64_t>(rng() >> (rng() % 63));
        if (i % 2) c = -c;
        if (c == std::numeric_limits<std::int64_t>::min()) continue;
        const Money m = Money::from_cents(c);
        EXPECT_EQ(M(m.to_string()), m);
        EXPECT_EQ(M(m.to_display_fr()), m);
    }
}

TEST(MoneyArithmetic, AddsSubtractsNegatesCompares) {
    EXPECT_EQ(M("0.10") + M("0.20"), M("0.30"));
    EXPECT_EQ(M("10") - M("10.01"), M("-0.01"));
    EXPECT_EQ(-M("5"), M("-5"));
    Money total;
    total += M("1.10");
    total += M("2.20");
    total -= M("0.30");
    EXPECT_EQ(total, M("3"));
    EXPECT_LT(M("-0.01"), Money{});
    EXPECT_GT(M("1000"), M("999.99"));
}

TEST(MoneyArithmetic, NeverOverflowsSilently) {
    const Money max = Money::from_cents(kMax);
    const Money cent = Money::from_cents(1);
    EXPECT_FALSE(checked_add(max, cent));
    EXPECT_FALSE(checked_sub(-max, cent));
    EXPECT_EQ(checked_add(max, -cent), Money::from_cents(kMax - 1));
    EXPECT_THROW(max + cent, std::overflow_error);
    EXPECT_THROW(-max - cent, std::overflow_error);
    EXPECT_THROW(Money::from_cents(std::numeric_limits<std::int64_t>::min()), std::overflow_error);
    EXPECT_EQ(-(-max), max);
}

TEST(MoneyConversion, BecomesADecimalWhenInRange) {
    EXPECT_EQ(M("1234.56").to_decimal(), Decimal::parse("1234.56", "x").value());
    EXPECT_EQ(M("-0.01").to_decimal(), Decimal::parse("-0.01", "x").value());
    EXPECT_FALSE(Money::from_cents(kMax).to_decimal());
}

}  // namespace
}  // namespace comptoir
