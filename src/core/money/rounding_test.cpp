#include "core/money/rounding.hpp"

#include <gtest/gtest.h>

namespace comptoir {
namespace {

Decimal D(std::string_view s) { return Decimal::parse(s, "test").value(); }
Money M(std::string_view s) { return Money::parse(s, "test").value(); }

TEST(RoundToCents, RoundsHalfAwayFromZero) {
    EXPECT_EQ(round_to_cents(D("0.005")), M("0.01"));
    EXPECT_EQ(round_to_cents(D("0.004999")), M("0"));
    EXPECT_EQ(round_to_cents(D("-0.005")), M("-0.01"));  // not toward zero, not to even
    EXPECT_EQ(round_to_cents(D("-0.004999")), M("0"));
    EXPECT_EQ(round_to_cents(D("2.675")), M("2.68"));    // the classic double failure (2.67499999…)
    EXPECT_EQ(round_to_cents(D("1.125")), M("1.13"));    // half-even would give 1.12
    EXPECT_EQ(round_to_cents(D("-1.125")), M("-1.13"));
    EXPECT_EQ(round_to_cents(D("9223372036854.775807")), Money::from_cents(922337203685478));
}

TEST(MultiplyToCents, MultipliesExactlyThenRoundsOnce) {
    EXPECT_EQ(multiply_to_cents(D("0.333"), D("10")), M("3.33"));
    EXPECT_EQ(multiply_to_cents(D("3"), D("19.99")), M("59.97"));
    EXPECT_EQ(multiply_to_cents(D("1.5"), D("0.03")), M("0.05"));     // 0.045 → 0.05
    EXPECT_EQ(multiply_to_cents(D("-1.5"), D("0.03")), M("-0.05"));   // -0.045 → -0.05
    EXPECT_EQ(multiply_to_cents(D("0.333333"), D("0.015")), M("0"));     // 0.004999995: just under half a cent
    EXPECT_EQ(multiply_to_cents(D("0.333334"), D("0.015")), M("0.01"));  // 0.00500001
    // Rounding the unit price first (to 0.33) would give 0.33 × 3 = 0.99; exact gives 1.00.
    EXPECT_EQ(multiply_to_cents(D("3"), D("0.333333")), M("1"));
}

TEST(MultiplyToCents, HandlesAmountsNearTheLimits) {
    // The largest Decimal times 10 000 is exactly the largest Money; anything more overflows.
    const Decimal max = Decimal::from_mantissa(Decimal::kMaxMantissa);
    EXPECT_EQ(multiply_to_cents(max, D("1")), Money::from_cents(922337203685478));
    EXPECT_EQ(multiply_to_cents(max, D("10000")), Money::from_cents(std::numeric_limits<std::int64_t>::max()));
    EXPECT_FALSE(multiply_to_cents(max, D("10000.000001")));
    EXPECT_FALSE(multiply_to_cents(max, max));
    EXPECT_FALSE(multiply_to_cents(max, D("100000")));
    EXPECT_EQ(multiply_to_cents(D("1000000"), D("1000000")), Money::from_cents(100'000'000'000'000));
}

TEST(PercentOf, AppliesARateToABasis) {
    EXPECT_EQ(percent_of(M("100"), D("20")), M("20"));
    EXPECT_EQ(percent_of(M("9.99"), D("5.5")), M("0.55"));    // 0.54945
    EXPECT_EQ(percent_of(M("0.10"), D("5.5")), M("0.01"));    // 0.0055
    EXPECT_EQ(percent_of(M("0.09"), D("5.5")), M("0"));       // 0.00495
    EXPECT_EQ(percent_of(M("-0.10"), D("5.5")), M("-0.01"));
    EXPECT_EQ(percent_of(M("12.50"), D("2.1")), M("0.26"));   // 0.2625
    EXPECT_EQ(percent_of(M("1000"), D("33.333333")), M("333.33"));
    EXPECT_EQ(percent_of(M("1"), D("0")), M("0"));
    EXPECT_FALSE(percent_of(Money::from_cents(std::numeric_limits<std::int64_t>::max()), D("200")));
    EXPECT_EQ(percent_of(Money::from_cents(std::numeric_limits<std::int64_t>::max()), D("100")),
              Money::from_cents(std::numeric_limits<std::int64_t>::max()));
}

TEST(PercentRatio, GivesARateOrNothing) {
    EXPECT_EQ(percent_ratio(M("25"), M("100")), D("25"));
    EXPECT_EQ(percent_ratio(M("1"), M("3")), D("33.333333"));
    EXPECT_EQ(percent_ratio(M("2"), M("3")), D("66.666667"));
    EXPECT_EQ(percent_ratio(M("-40"), M("-100")), D("40"));
    EXPECT_EQ(percent_ratio(M("-1"), M("3")), D("-33.333333"));
    EXPECT_FALSE(percent_ratio(M("5"), M("0")));
    EXPECT_FALSE(percent_ratio(Money::from_cents(std::numeric_limits<std::int64_t>::max()), M("0.01")));
}

}  // namespace
}  // namespace comptoir
