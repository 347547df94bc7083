// The dashboard's period: presets, custom dates and their errors, months, and the ages of due dates.
#include <gtest/gtest.h>

#include "modules/dashboard/model/period.hpp"

namespace comptoir::dashboard {
namespace {

std::vector<std::string> fields(const Result<Period>& r) {
    std::vector<std::string> out;
    if (!r) for (const auto& f : r.error().fields) out.push_back(f.field + ":" + f.code);
    return out;
}

TEST(DashboardPeriod, DefaultsToTheLastTwelveMonthsUpToToday) {
    auto p = resolve_period("", "", "", "2026-03-14");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->preset, PeriodPreset::Last12Months);
    EXPECT_EQ(p->from, "2025-04-01");
    EXPECT_EQ(p->to, "2026-03-14");
    auto months = months_of(*p);
    ASSERT_EQ(months.size(), 12u);
    EXPECT_EQ(months.front(), "2025-04");
    EXPECT_EQ(months.back(), "2026-03");
    EXPECT_EQ(resolve_period("last_12_months", "2020-01-01", "", "2026-12-31")->from, "2026-01-01");  // dates ignored
}

TEST(DashboardPeriod, ThisYearAndLastYear) {
    auto now = resolve_period("this_year", "", "", "2026-01-05");
    ASSERT_TRUE(now);
    EXPECT_EQ(now->from, "2026-01-01");
    EXPECT_EQ(now->to, "2026-01-05");
    EXPECT_EQ(months_of(*now), std::vector<std::string>{"2026-01"});
    auto last = resolve_period("last_year", "", "", "2026-01-05");
    ASSERT_TRUE(last);
    EXPECT_EQ(last->from, "2025-01-01");
    EXPECT_EQ(last->to, "2025-12-31");
    EXPECT_EQ(months_of(*last).size(), 12u);
}

TEST(DashboardPeriod, CustomDatesTouchTheirMonths) {
    auto p = resolve_period("custom", "2025-11-15", "2026-02-03", "2026-03-14");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->preset, PeriodPreset::Custom);
    EXPECT_EQ(months_of(*p), (std::vector<std::string>{"2025-11", "2025-12", "2026-01", "2026-02"}));
    // Dates without a preset are a custom period; a single day is one.
    auto day = resolve_period("", "2026-02-03", "2026-02-03", "2026-03-14");
    ASSERT_TRUE(day);
    EXPECT_EQ(day->preset, PeriodPreset::Custom);
    EXPECT_EQ(months_of(*day).size(), 1u);
}

TEST(DashboardPeriod, WrongPeriodsNameTheirField) {
    EXPECT_EQ(fields(resolve_period("forever", "", "", "2026-03-14")), std::vector<std::string>{"period:period.unknown"});
    EXPECT_EQ(fields(resolve_period("custom", "", "", "2026-03-14")),
              (std::vector<std::string>{"from:required", "to:required"}));
    EXPECT_EQ(fields(resolve_period("", "2026-02-30", "yesterday", "2026-03-14")),
              (std::vector<std::string>{"from:date.invalid", "to:date.invalid"}));
    EXPECT_EQ(fields(resolve_period("", "2026-03-01", "2026-02-01", "2026-03-14")),
              std::vector<std::string>{"to:period.reversed"});
    EXPECT_EQ(fields(resolve_period("", "2021-01-01", "2025-12-31", "2026-03-14")), std::vector<std::string>{});
    EXPECT_EQ(fields(resolve_period("", "2020-12-31", "2025-12-31", "2026-03-14")),
              std::vector<std::string>{"from:period.too_long"});
    auto r = resolve_period("custom", "2026-03-01", "", "2026-03-14");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().fields[0].message_fr, "Indiquez la fin de la période.");
}

TEST(DashboardPeriod, AgesOfDueDates) {
    const auto b = age_bounds("2026-03-31");
    EXPECT_EQ(b.overdue_30, "2026-03-01");
    EXPECT_EQ(b.overdue_90, "2025-12-31");
    EXPECT_EQ(age_of("", b), AgeBucket::NotDue);
    EXPECT_EQ(age_of("2026-03-31", b), AgeBucket::NotDue);  // due today: not late yet
    EXPECT_EQ(age_of("2026-03-30", b), AgeBucket::Days1To30);
    EXPECT_EQ(age_of("2026-03-01", b), AgeBucket::Days1To30);  // 30 days
    EXPECT_EQ(age_of("2026-02-28", b), AgeBucket::Days31To60);
    EXPECT_EQ(age_of("2026-01-30", b), AgeBucket::Days31To60);  // 60 days
    EXPECT_EQ(age_of("2026-01-29", b), AgeBucket::Days61To90);  // 61 days
    EXPECT_EQ(age_of("2025-12-31", b), AgeBucket::Days61To90);  // 90 days
    EXPECT_EQ(age_of("2025-12-30", b), AgeBucket::Over90);
    EXPECT_EQ(add_days("2024-03-01", -1), "2024-02-29");
    EXPECT_EQ(to_code(AgeBucket::Over90), "over_90");
}

}  // namespace
}  // namespace comptoir::dashboard
