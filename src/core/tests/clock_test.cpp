#include "core/clock.hpp"

#include <gtest/gtest.h>

using namespace comptoir;

TEST(Clock, IsoRoundTrips) {
    auto t = from_iso("2026-11-26T15:04:05Z");
    EXPECT_EQ(to_iso(t), "2026-11-26T15:04:05Z");
}

TEST(Clock, ShowsParisWinterTimeInFrench) {
    EXPECT_EQ(display_datetime("2026-11-26T15:04:05Z", "fr"), "26/11/2026 16:04");
}

TEST(Clock, ShowsParisSummerTimeInEnglish) {
    EXPECT_EQ(display_datetime("2026-07-14T10:00:00Z", "en"), "2026-07-14 12:00");
}

TEST(Clock, SwitchesToSummerTimeOnLastSundayOfMarch) {
    EXPECT_EQ(display_datetime("2026-03-29T00:59:00Z", "en"), "2026-03-29 01:59");
    EXPECT_EQ(display_datetime("2026-03-29T01:00:00Z", "en"), "2026-03-29 03:00");
}

TEST(Clock, RefusesDatesThatDoNotExist) {
    EXPECT_TRUE(valid_iso_date("2024-02-29"));
    EXPECT_FALSE(valid_iso_date("2026-02-29"));
    EXPECT_FALSE(valid_iso_date("2026-13-01"));
    EXPECT_FALSE(valid_iso_date("26/11/2026"));
    EXPECT_FALSE(valid_iso_date(""));
}
