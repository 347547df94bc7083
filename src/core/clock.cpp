#include "core/clock.hpp"

#include <cstdio>
#include <ctime>

namespace comptoir {

TimePoint now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

std::string to_iso(TimePoint t) {
    std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string now_iso() { return to_iso(now()); }
std::string today_iso() { return now_iso().substr(0, 10); }

TimePoint from_iso(const std::string& s) {
    std::tm tm{};
    if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                    &tm.tm_sec) < 3)
        return TimePoint{};
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return TimePoint{std::chrono::seconds(timegm(&tm))};
}

// Europe/Paris without a tz database dependency: CET (UTC+1), CEST (UTC+2) from the last Sunday of
// March 01:00 UTC to the last Sunday of October 01:00 UTC (EU rule since 1996).
static std::chrono::seconds paris_offset(TimePoint t) {
    using namespace std::chrono;
    auto day = floor<days>(t);
    year y = year_month_day{day}.year();
    auto last_sunday = [&](month m) {
        sys_days d{y / m / last};
        return d - (weekday{d} - Sunday);
    };
    auto start = sys_seconds{last_sunday(March)} + hours{1};
    auto end = sys_seconds{last_sunday(October)} + hours{1};
    return (t >= start && t < end) ? hours{2} : hours{1};
}

std::string display_datetime(const std::string& iso, const std::string& locale) {
    if (iso.empty()) return {};
    TimePoint utc = from_iso(iso);
    TimePoint local = utc + paris_offset(utc);
    std::string s = to_iso(local);  // shifted, so fields are Paris wall-clock time
    if (locale == "en") return s.substr(0, 10) + " " + s.substr(11, 5);
    return s.substr(8, 2) + "/" + s.substr(5, 2) + "/" + s.substr(0, 4) + " " + s.substr(11, 5);
}

std::string today_paris() {
    TimePoint t = now();
    return to_iso(t + paris_offset(t)).substr(0, 10);
}

std::string paris_date(const std::string& iso) {
    if (iso.size() < 20) return iso.substr(0, 10);  // already a date
    TimePoint t = from_iso(iso);
    return to_iso(t + paris_offset(t)).substr(0, 10);
}

std::string display_date(const std::string& d, const std::string& locale) {
    if (d.size() < 10) return d;
    if (locale == "en") return d.substr(0, 10);
    return d.substr(8, 2) + "/" + d.substr(5, 2) + "/" + d.substr(0, 4);
}

bool valid_iso_date(const std::string& s) {
    using namespace std::chrono;
    int y, m, d;
    char tail;
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
    if (s[4] != '-' || s[7] != '-') return false;
    return year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}}.ok();
}

}  // namespace comptoir
