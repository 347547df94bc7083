// The duplicates review folder's use cases: scan the client base, list and read the groups found,
// dismiss a group ("not duplicates", never proposed again for the same clients). Admins only; every
// query is scoped by the actor's company, and another company's group reads as not found.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/duplicates/model/grouping.hpp"
#include "modules/duplicates/model/review.hpp"
#include "store/database.hpp"

namespace comptoir::duplicates {

// Groups larger than this (a placeholder phone typed for hundreds of clients, a very common name in a
// big town) are not proposed: nobody merges them in one go.
inline constexpr std::size_t kMaxGroupMembers = 20;

struct FoundGroups {
    std::vector<Group> groups;
    std::size_t clients = 0;
    std::size_t too_large = 0;
};

// The scan itself, without saving: exact groups (read on a second connection, in parallel) and fuzzy
// groups over every active client of the company. Public for the benchmark.
FoundGroups find_groups(store::Database& db, std::int64_t company_id);

class DuplicateService {
public:
    explicit DuplicateService(store::Database& db) : db_(db) {}

    // Runs a scan and files its groups in the review folder. One scan per company at a time (409).
    Result<ScanSummary> scan(const Actor& actor);
    Result<std::optional<ScanSummary>> last_scan(const Actor& actor);
    // status: "open" (default), "dismissed" or "merged"; cursor from the previous page; limit 1-100.
    Result<ReviewPage> list(const Actor& actor, const std::string& status, const std::string& cursor, int limit);
    Result<ReviewGroup> get(const Actor& actor, std::int64_t id);
    Result<ReviewGroup> dismiss(const Actor& actor, std::int64_t id);

private:
    store::Database& db_;
    std::mutex running_mutex_;
    std::set<std::int64_t> running_;  // companies with a scan in progress on this server
};

}  // namespace comptoir::duplicates
