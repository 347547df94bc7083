// Overdue invoices as a reminder list sees them: how late each one is, which age group it falls in,
// and the reminder level to send next. Pure: today is a parameter.
#pragma once

#include <string>
#include <string_view>

namespace comptoir::mail {

// Days from `due_date` to `today` (ISO dates); 0 when either is not a date or when not past due.
int days_overdue(const std::string& due_date, const std::string& today);

// The age groups of the list: "1_30", "31_60", "61_90", "over_90" ("" when not overdue).
std::string_view age_bucket(int days);

// The level to send next: one more than the last one sent (1 when none was), never above 3.
int suggested_level(int last_level);

bool valid_level(int level);  // 1, 2 or 3

}  // namespace comptoir::mail
