#include "modules/sales/domain/numbering.hpp"

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "modules/sales/domain/document_type.hpp"

namespace comptoir::sales {
namespace {

using namespace std::chrono;

NumberPattern P(std::string_view s) { return validate_pattern(s).value(); }
std::string number(std::string_view pattern, year_month_day date, std::int64_t counter) {
    return format_number(P(pattern), date, counter).value();
}
std::string code_of(std::string_view pattern) { return validate_pattern(pattern, "series.pattern").error().fields.at(0).code; }

TEST(NumberPattern, FormatsDateTokensAndAZeroPaddedCounter) {
    EXPECT_EQ(number("FA-{YYYY}-{#####}", 2025y / March / 14, 42), "FA-2025-00042");
    EXPECT_EQ(number("DE{YY}{MM}-{####}", 2025y / March / 14, 7), "DE2503-0007");
    EXPECT_EQ(number("T{YYYY}{MM}{DD}-{###}", 2025y / March / 4, 1), "T20250304-001");
    EXPECT_EQ(number("{#}", 2025y / March / 14, 5), "5");
    EXPECT_EQ(number("AV/{YYYY}/{######}", 2009y / January / 1, 123), "AV/2009/000123");
    EXPECT_EQ(number("x+{YY}_{####}", 2000y / December / 31, 9999), "x+00_9999");
}

TEST(NumberPattern, WidensACounterThatOutgrowsItsPaddingRatherThanCutIt) {
    EXPECT_EQ(number("FA-{YYYY}-{###}", 2025y / March / 14, 1000), "FA-2025-1000");
    EXPECT_EQ(number("{##}", 2025y / March / 14, 123456), "123456");
}

TEST(NumberPattern, CanonicalisesTokenCaseAndKeepsLiterals) {
    EXPECT_EQ(P("fa-{yyyy}-{####}").pattern, "fa-{YYYY}-{####}");
    EXPECT_EQ(P("De{Yy}{mM}{dd}{#}").pattern, "De{YY}{MM}{DD}{#}");
    EXPECT_EQ(number("fa-{yyyy}-{####}", 2025y / May / 1, 3), "fa-2025-0003");
}

TEST(NumberPattern, RequiresExactlyOneCounter) {
    EXPECT_EQ(code_of("FA-{YYYY}"), "number_pattern.counter_count");
    EXPECT_EQ(code_of("FA-{###}-{###}"), "number_pattern.counter_count");
    EXPECT_EQ(code_of("{###########}"), "number_pattern.counter_width");  // 11 digits
    EXPECT_TRUE(validate_pattern("{##########}"));
}

TEST(NumberPattern, RefusesUnknownTokensAndBrokenBraces) {
    EXPECT_EQ(code_of("FA-{YYY}-{###}"), "number_pattern.unknown_token");
    EXPECT_EQ(code_of("FA-{SEQ}"), "number_pattern.unknown_token");
    EXPECT_EQ(code_of("FA-{}-{###}"), "number_pattern.unknown_token");
    EXPECT_EQ(code_of("FA-{#a#}"), "number_pattern.unknown_token");
    EXPECT_EQ(code_of("FA-{YYYY-{###}"), "number_pattern.syntax");
    EXPECT_EQ(code_of("FA-{###"), "number_pattern.syntax");
    EXPECT_EQ(code_of("FA}-{###}"), "number_pattern.syntax");
}

TEST(NumberPattern, AllowsOnlyEInvoicingCharacters) {
    for (const char* bad : {"FA {###}", "FÉ-{###}", "FA.{###}", "FA#{###}", "FA:{###}", "FA\t{###}", "FA\xff{###}"}) {
        const auto r = validate_pattern(bad, "series.pattern");
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().fields.at(0).code, "number_pattern.invalid_char") << bad;
        EXPECT_EQ(r.error().fields.at(0).field, "series.pattern");
    }
    EXPECT_NE(validate_pattern("FÉ-{###}").error().message_fr.find("« É »"), std::string::npos);
}

TEST(NumberPattern, KeepsThePeriodVisibleInTheNumber) {
    EXPECT_EQ(code_of("F{MM}-{###}"), "number_pattern.incomplete_date");      // months repeat every year
    EXPECT_EQ(code_of("F{YYYY}{DD}-{###}"), "number_pattern.incomplete_date");
    EXPECT_EQ(code_of("F{YYYY}{YY}-{###}"), "number_pattern.duplicate_token");
    EXPECT_EQ(code_of("F{YYYY}{MM}{MM}-{###}"), "number_pattern.duplicate_token");
}

TEST(NumberPattern, FitsTheThirtyFiveCharactersOfAnEInvoiceNumber) {
    EXPECT_TRUE(validate_pattern("ABCDEFGHIJKLMNOPQRSTUVWXYZ-{YYYY}{####}"));  // 27 + 4 + 4 = 35
    const auto r = validate_pattern("ABCDEFGHIJKLMNOPQRSTUVWXYZ-{YYYY}{#####}");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().fields.at(0).code, "number_pattern.too_long");
    EXPECT_NE(r.error().message_fr.find("36"), std::string::npos);
    EXPECT_EQ(code_of(""), "number_pattern.empty");
    EXPECT_EQ(code_of("   "), "number_pattern.empty");
}

TEST(NumberPattern, RefusesANumberThatWouldOutgrowThirtyFiveCharacters) {
    const NumberPattern p = P("ABCDEFGHIJKLMNOPQRSTUVWXYZ-{YYYY}{####}");
    EXPECT_EQ(format_number(p, 2025y / March / 14, 9999).value().size(), 35u);
    const auto r = format_number(p, 2025y / March / 14, 10000);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().fields.at(0).code, "number.too_long");
}

TEST(NumberPattern, RefusesInvalidDatesAndCounters) {
    const NumberPattern p = P("FA-{YYYY}-{#####}");
    EXPECT_EQ(format_number(p, 2025y / February / 29, 1).error().fields.at(0).code, "number.invalid_date");
    EXPECT_EQ(format_number(p, year{10000} / January / 1, 1).error().fields.at(0).code, "number.invalid_date");
    EXPECT_EQ(format_number(p, 2025y / March / 1, 0).error().fields.at(0).code, "number.invalid_counter");
    EXPECT_EQ(format_number(p, 2025y / March / 1, -3).error().fields.at(0).code, "number.invalid_counter");
    EXPECT_TRUE(format_number(p, 2024y / February / 29, 1));
}

TEST(NumberPattern, DerivesTheResetPeriodFromTheFinestDateToken) {
    EXPECT_EQ(reset_period(P("FA-{#####}")), ResetPeriod::Never);
    EXPECT_EQ(reset_period(P("FA-{YYYY}-{#####}")), ResetPeriod::Yearly);
    EXPECT_EQ(reset_period(P("FA-{YY}-{#####}")), ResetPeriod::Yearly);
    EXPECT_EQ(reset_period(P("DE{YY}{MM}-{####}")), ResetPeriod::Monthly);
    EXPECT_EQ(reset_period(P("T{DD}{MM}{YYYY}-{###}")), ResetPeriod::Daily);
}

TEST(NumberPattern, GivesTheStorageOneCounterKeyPerPeriod) {
    const auto date = 2025y / March / 4;
    EXPECT_EQ(period_key(P("FA-{#####}"), date), "");
    EXPECT_EQ(period_key(P("FA-{YYYY}-{#####}"), date), "2025");
    EXPECT_EQ(period_key(P("FA-{YY}-{#####}"), date), "2025");  // full year: switching YY ↔ YYYY keeps counting
    EXPECT_EQ(period_key(P("DE{YY}{MM}-{####}"), date), "2025-03");
    EXPECT_EQ(period_key(P("T{YYYY}{MM}{DD}-{###}"), date), "2025-03-04");
    EXPECT_EQ(period_key(P("FA-{YYYY}-{#####}"), 2025y / December / 31), period_key(P("FA-{YYYY}-{#####}"), 2025y / January / 1));
    EXPECT_NE(period_key(P("FA-{YYYY}-{#####}"), 2025y / December / 31), period_key(P("FA-{YYYY}-{#####}"), 2026y / January / 1));
}

TEST(InvoiceNumbering, RestartingEachPeriodNeverRepeatsANumber) {
    // Simulates the storage: one counter per period key, numbers issued day after day for three years.
    for (const char* pattern : {"FA-{YYYY}-{###}", "DE{YY}{MM}-{##}", "T{YYYY}{MM}{DD}{#}", "FA{####}"}) {
        const NumberPattern p = P(pattern);
        std::map<std::string, std::int64_t> counters;
        std::set<std::string> issued;
        for (sys_days day = sys_days{2024y / January / 1}; day < sys_days{2027y / January / 1}; day += days{1}) {
            for (int k = 0; k < 2; ++k) {
                const std::int64_t n = ++counters[period_key(p, year_month_day{day})];
                EXPECT_TRUE(issued.insert(format_number(p, year_month_day{day}, n).value()).second) << pattern;
            }
        }
    }
}

TEST(NumberPattern, AcceptsEveryDefaultSeriesPattern) {
    for (const NumberSeries s : kAllNumberSeries) {
        const auto p = validate_pattern(default_pattern(s));
        ASSERT_TRUE(p) << to_code(s);
        EXPECT_EQ(reset_period(*p), ResetPeriod::Yearly);
    }
}

}  // namespace
}  // namespace comptoir::sales
