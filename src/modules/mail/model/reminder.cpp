#include "modules/mail/model/reminder.hpp"

#include <algorithm>
#include <chrono>

#include "core/clock.hpp"

namespace comptoir::mail {
namespace {

std::chrono::sys_days day_of(const std::string& iso) {
    const std::chrono::year_month_day ymd{std::chrono::year{std::stoi(iso.substr(0, 4))},
                                          std::chrono::month{static_cast<unsigned>(std::stoi(iso.substr(5, 2)))},
                                          std::chrono::day{static_cast<unsigned>(std::stoi(iso.substr(8, 2)))}};
    return std::chrono::sys_days{ymd};
}

}  // namespace

int days_overdue(const std::string& due_date, const std::string& today) {
    if (!valid_iso_date(due_date) || !valid_iso_date(today)) return 0;
    const auto days = (day_of(today) - day_of(due_date)).count();
    return days > 0 ? static_cast<int>(days) : 0;
}

std::string_view age_bucket(int days) {
    if (days <= 0) return "";
    if (days <= 30) return "1_30";
    if (days <= 60) return "31_60";
    if (days <= 90) return "61_90";
    return "over_90";
}

int suggested_level(int last_level) { return std::clamp(last_level + 1, 1, 3); }

bool valid_level(int level) { return level >= 1 && level <= 3; }

}  // namespace comptoir::mail
