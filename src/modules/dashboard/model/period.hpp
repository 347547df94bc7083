// The period a dashboard covers and the calendar arithmetic it needs: pure functions of their
// arguments (today is a parameter), so every rule is unit-tested without a clock or a database.
//
// A period is a closed range of ISO dates [from, to] (documents and payments store ISO dates, in
// Europe/Paris: an invoice issued at 00:30 on the 1st in Paris is dated the 1st). Its months are the
// calendar months it touches, so a custom period from the 15th shows its first month partly.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace comptoir::dashboard {

enum class PeriodPreset { Last12Months, ThisYear, LastYear, Custom };

// "last_12_months", "this_year", "last_year", "custom".
std::string_view to_code(PeriodPreset preset);

struct Period {
    PeriodPreset preset = PeriodPreset::Last12Months;
    std::string from;  // first day included, YYYY-MM-DD
    std::string to;    // last day included, YYYY-MM-DD
};

// At most this many months in a custom period (five years): beyond, a month-by-month chart is
// unreadable and the question is an accounting export's, not a dashboard's.
inline constexpr int kMaxMonths = 60;

// The period asked for, with `today` the date in Paris:
// - no preset and no dates: the last 12 months (the first day of the month eleven months ago to today);
// - "this_year": 1 January to today; "last_year": the whole previous calendar year;
// - "custom", or no preset with a date: `from` and `to` both required.
// Issues name the field: period (period.unknown), from / to (required, date.invalid),
// to (period.reversed: ends before it starts), from (period.too_long: more than kMaxMonths months).
Result<Period> resolve_period(std::string_view preset, const std::string& from, const std::string& to,
                              const std::string& today);

// "YYYY-MM" of every month the period touches, in order.
std::vector<std::string> months_of(const Period& period);

// `date` moved by `days` (negative: earlier). `date` must be a valid ISO date.
std::string add_days(const std::string& date, int days);

// Overdue receivables by age, in days past their due date: not yet due (or no due date), 1–30,
// 31–60, 61–90 and more than 90 days.
enum class AgeBucket { NotDue = 0, Days1To30 = 1, Days31To60 = 2, Days61To90 = 3, Over90 = 4 };
inline constexpr int kAgeBuckets = 5;
// "not_due", "1_30", "31_60", "61_90", "over_90".
std::string_view to_code(AgeBucket bucket);

// The due dates where buckets change, for a SQL CASE on ISO strings: a due date on or after
// `today` is not due; on or after `overdue_30` (today − 30) is 1–30 days late; and so on.
struct AgeBounds {
    std::string today, overdue_30, overdue_60, overdue_90;
};
AgeBounds age_bounds(const std::string& today);
// The bucket of one due date ("" = no due date: never overdue), the same rule as the SQL.
AgeBucket age_of(const std::string& due_date, const AgeBounds& bounds);

}  // namespace comptoir::dashboard
