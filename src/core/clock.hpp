// Time is stored in UTC as ISO 8601 text ("2026-11-26T15:04:05Z") and shown in Europe/Paris.
// Domain code takes "now" as a parameter; only the edges call these functions.
#pragma once

#include <chrono>
#include <string>

namespace comptoir {

using TimePoint = std::chrono::sys_seconds;

TimePoint now();
std::string to_iso(TimePoint t);                  // 2026-11-26T15:04:05Z
std::string now_iso();
std::string today_iso();                          // 2026-11-26 (UTC)
// The calendar date in France: what an invoice issued now is dated (00:30 in Paris on the 1st is
// still the 31st in UTC).
std::string today_paris();
// The calendar date in France of a stored UTC time ("2026-11-26T23:30:00Z" is the 27th in Paris).
std::string paris_date(const std::string& iso);
// Parses what to_iso writes; returns epoch on garbage (stored values are always ours).
TimePoint from_iso(const std::string& s);
// "26/11/2026 16:04" in Europe/Paris for fr, "2026-11-26 16:04" for en.
std::string display_datetime(const std::string& iso, const std::string& locale);
std::string display_date(const std::string& iso_date, const std::string& locale);
// Validates a calendar date "YYYY-MM-DD"; true if it exists.
bool valid_iso_date(const std::string& s);

}  // namespace comptoir
