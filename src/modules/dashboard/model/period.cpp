#include "modules/dashboard/model/period.hpp"

#include <chrono>
#include <cstdio>

#include "core/clock.hpp"

namespace comptoir::dashboard {
namespace {

using std::chrono::year_month_day;

year_month_day ymd(const std::string& iso) {
    return year_month_day{std::chrono::year{std::stoi(iso.substr(0, 4))},
                          std::chrono::month{static_cast<unsigned>(std::stoi(iso.substr(5, 2)))},
                          std::chrono::day{static_cast<unsigned>(std::stoi(iso.substr(8, 2)))}};
}

std::string iso(const year_month_day& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
}

// Months from January of year 0, so two months subtract.
int month_index(const std::string& date) { return std::stoi(date.substr(0, 4)) * 12 + std::stoi(date.substr(5, 2)) - 1; }

std::string month_code(int index) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04d-%02d", index / 12, index % 12 + 1);
    return buf;
}

FieldIssue invalid_date(const char* field) {
    return {field, "date.invalid", "Date invalide : attendu AAAA-MM-JJ.", "Invalid date: expected YYYY-MM-DD."};
}

}  // namespace

std::string_view to_code(PeriodPreset preset) {
    switch (preset) {
        case PeriodPreset::Last12Months: return "last_12_months";
        case PeriodPreset::ThisYear: return "this_year";
        case PeriodPreset::LastYear: return "last_year";
        case PeriodPreset::Custom: return "custom";
    }
    return "custom";
}

Result<Period> resolve_period(std::string_view preset, const std::string& from, const std::string& to,
                              const std::string& today) {
    const int year = std::stoi(today.substr(0, 4));
    char buf[16];
    if (preset.empty()) preset = from.empty() && to.empty() ? "last_12_months" : "custom";
    if (preset == "last_12_months") {
        return Period{PeriodPreset::Last12Months, month_code(month_index(today) - 11) + "-01", today};
    }
    if (preset == "this_year") {
        std::snprintf(buf, sizeof buf, "%04d-01-01", year);
        return Period{PeriodPreset::ThisYear, buf, today};
    }
    if (preset == "last_year") {
        std::snprintf(buf, sizeof buf, "%04d", year - 1);
        return Period{PeriodPreset::LastYear, std::string(buf) + "-01-01", std::string(buf) + "-12-31"};
    }
    if (preset != "custom")
        return fail(Error::invalid_field("period", "period.unknown",
                                         "Période inconnue : choisissez les 12 derniers mois, cette année, l'année "
                                         "dernière ou des dates.",
                                         "Unknown period: choose the last 12 months, this year, last year or dates."));
    std::vector<FieldIssue> issues;
    for (auto [field, value] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
        if (value->empty())
            issues.push_back({field, "required",
                              std::string(field) == "from" ? "Indiquez le début de la période." : "Indiquez la fin de la période.",
                              std::string(field) == "from" ? "Give the start of the period." : "Give the end of the period."});
        else if (!valid_iso_date(*value))
            issues.push_back(invalid_date(field));
    }
    if (issues.empty() && from > to)
        issues.push_back({"to", "period.reversed", "La fin de la période précède son début.", "The period ends before it starts."});
    if (issues.empty() && month_index(to) - month_index(from) + 1 > kMaxMonths)
        issues.push_back({"from", "period.too_long",
                          "La période couvre au plus " + std::to_string(kMaxMonths / 12) + " ans (" +
                              std::to_string(kMaxMonths) + " mois).",
                          "The period covers at most " + std::to_string(kMaxMonths / 12) + " years (" +
                              std::to_string(kMaxMonths) + " months)."});
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    return Period{PeriodPreset::Custom, from, to};
}

std::vector<std::string> months_of(const Period& period) {
    std::vector<std::string> out;
    for (int m = month_index(period.from); m <= month_index(period.to); ++m) out.push_back(month_code(m));
    return out;
}

std::string add_days(const std::string& date, int days) {
    return iso(year_month_day{std::chrono::sys_days{ymd(date)} + std::chrono::days{days}});
}

std::string_view to_code(AgeBucket bucket) {
    switch (bucket) {
        case AgeBucket::NotDue: return "not_due";
        case AgeBucket::Days1To30: return "1_30";
        case AgeBucket::Days31To60: return "31_60";
        case AgeBucket::Days61To90: return "61_90";
        case AgeBucket::Over90: return "over_90";
    }
    return "not_due";
}

AgeBounds age_bounds(const std::string& today) {
    return {today, add_days(today, -30), add_days(today, -60), add_days(today, -90)};
}

AgeBucket age_of(const std::string& due_date, const AgeBounds& b) {
    if (due_date.empty() || due_date >= b.today) return AgeBucket::NotDue;
    if (due_date >= b.overdue_30) return AgeBucket::Days1To30;
    if (due_date >= b.overdue_60) return AgeBucket::Days31To60;
    if (due_date >= b.overdue_90) return AgeBucket::Days61To90;
    return AgeBucket::Over90;
}

}  // namespace comptoir::dashboard
