#include "core/money/allocate.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include <gtest/gtest.h>

namespace comptoir {
namespace {

Money C(std::int64_t cents) { return Money::from_cents(cents); }

std::int64_t sum(const std::vector<Money>& parts) {
    std::int64_t s = 0;
    for (const Money m : parts) s += m.cents();
    return s;
}

TEST(Allocate, SplitsEvenlyGivingLeftoverCentsToTheLargestRemainders) {
    const std::vector<Money> w{C(1), C(1), C(1)};
    EXPECT_EQ(allocate(C(10000), w), (std::vector<Money>{C(3334), C(3333), C(3333)}));
    EXPECT_EQ(allocate(C(-10000), w), (std::vector<Money>{C(-3334), C(-3333), C(-3333)}));
    EXPECT_EQ(allocate(C(2), w), (std::vector<Money>{C(1), C(1), C(0)}));
}

TEST(Allocate, FollowsTheWeights) {
    // 100 over 120 / 55 / 25 (sum 200): exact 60, 27.5, 12.5 → remainders tie, earlier part first.
    EXPECT_EQ(allocate(C(100), std::vector<Money>{C(120), C(55), C(25)}), (std::vector<Money>{C(60), C(28), C(12)}));
    // Largest remainder, not the earliest: 10 over 1/2/7 of 10 → 1, 2, 7 exactly.
    EXPECT_EQ(allocate(C(10), std::vector<Money>{C(1), C(2), C(7)}), (std::vector<Money>{C(1), C(2), C(7)}));
    // 1 cent over 1 / 3: exact 0.25 / 0.75 → the second gets it.
    EXPECT_EQ(allocate(C(1), std::vector<Money>{C(1), C(3)}), (std::vector<Money>{C(0), C(1)}));
}

TEST(Allocate, GivesNothingToZeroWeights) {
    EXPECT_EQ(allocate(C(101), std::vector<Money>{C(0), C(1), C(0), C(1)}),
              (std::vector<Money>{C(0), C(51), C(0), C(50)}));
}

TEST(Allocate, RefusesNegativeOrAllZeroWeights) {
    EXPECT_FALSE(allocate(C(100), std::vector<Money>{C(1), C(-1)}));
    EXPECT_FALSE(allocate(C(100), std::vector<Money>{C(0), C(0)}));
    EXPECT_FALSE(allocate(C(100), std::vector<Money>{}));
}

TEST(Allocate, AlwaysSumsExactlyAndStaysWithinACentOfTheExactShare) {
    std::mt19937_64 rng(23);
    for (int i = 0; i < 5000; ++i) {
        const std::size_t n = 1 + rng() % 6;
        std::vector<Money> w;
        for (std::size_t k = 0; k < n; ++k) w.push_back(C(static_cast<std::int64_t>(rng() % (i % 2 ? 1'000'000'000'000 : 1000))));
        if (std::all_of(w.begin(), w.end(), [](Money m) { return m.is_zero(); })) continue;
        const auto total = C(static_cast<std::int64_t>(rng() % 100'000'000'000) - 50'000'000'000);
        const auto parts = allocate(total, w).value();
        ASSERT_EQ(parts.size(), n);
        EXPECT_EQ(sum(parts), total.cents());
        long double wsum = 0;
        for (const Money m : w) wsum += static_cast<long double>(m.cents());
        for (std::size_t k = 0; k < n; ++k) {
            const long double exact = static_cast<long double>(total.cents()) * static_cast<long double>(w[k].cents()) / wsum;
            EXPECT_LT(std::abs(static_cast<long double>(parts[k].cents()) - exact), 1.0001L);
        }
    }
}

TEST(Allocate, HandlesTheLargestAmounts) {
    const Money max = Money::from_cents(std::numeric_limits<std::int64_t>::max());
    const auto parts = allocate(max, std::vector<Money>{max, max, C(1)}).value();
    EXPECT_EQ(static_cast<__int128>(parts[0].cents()) + parts[1].cents() + parts[2].cents(), max.cents());
}

}  // namespace
}  // namespace comptoir
