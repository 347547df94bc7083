// The review folder's tables: duplicate_groups (one row per member set and company, with its status),
// duplicate_members and duplicate_scans. Every statement is scoped by company.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/duplicates/model/grouping.hpp"
#include "modules/duplicates/model/review.hpp"
#include "store/database.hpp"

namespace comptoir::duplicates::storage {

// Writes a scan's groups: new member sets are inserted open; open ones found again get the new
// reason and score; dismissed and merged ones are left alone (counted in skipped_dismissed); open
// ones not found again are removed (the data changed). Fills the summary's group counts.
void save_scan_groups(store::Connection& conn, std::int64_t company_id, const std::vector<Group>& groups,
                      const std::string& now, ScanSummary& summary);

std::int64_t insert_scan(store::Connection& conn, std::int64_t company_id, std::int64_t user_id,
                         const ScanSummary& s);
std::optional<ScanSummary> last_scan(store::Connection& conn, std::int64_t company_id);

// Groups of one status by score (highest first), then id; `after` is the last (score, id) seen.
std::vector<ReviewGroup> list_groups(store::Connection& conn, std::int64_t company_id, const std::string& status,
                                     std::optional<std::pair<int, std::int64_t>> after, int limit);
std::optional<ReviewGroup> find_group(store::Connection& conn, std::int64_t company_id, std::int64_t id);
std::int64_t count_groups(store::Connection& conn, std::int64_t company_id, const std::string& status);
void set_status(store::Connection& conn, std::int64_t company_id, std::int64_t id, const std::string& status,
                std::int64_t user_id, const std::string& now);

}  // namespace comptoir::duplicates::storage
