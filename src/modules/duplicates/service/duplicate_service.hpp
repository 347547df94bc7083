// The duplicates review folder's use cases: scan the client base, list and read the groups found,
// dismiss a group ("not duplicates", never proposed again for the same clients). Admins only; every
// query is scoped by the actor's company, and another company's group reads as not found.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "modules/crm/service/client_service.hpp"
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

// A group and its members' whole cards, side by side for the merge form.
struct GroupCards {
    ReviewGroup group;
    std::vector<crm::Client> cards;  // in the group's order (by id)
    std::optional<MergeRecord> merge;  // the merge that closed it, if any
};

class DuplicateService {
public:
    // `clients`: crm's registry of the tables whose rows belong to a client (moved by a merge); the
    // benchmark, which only scans, passes none.
    explicit DuplicateService(store::Database& db, const crm::ClientService* clients = nullptr)
        : db_(db), clients_(clients) {}

    // Runs a scan and files its groups in the review folder. One scan per company at a time (409).
    Result<ScanSummary> scan(const Actor& actor);
    Result<std::optional<ScanSummary>> last_scan(const Actor& actor);
    // status: "open" (default), "dismissed" or "merged"; cursor from the previous page; limit 1-100.
    Result<ReviewPage> list(const Actor& actor, const std::string& status, const std::string& cursor, int limit);
    Result<ReviewGroup> get(const Actor& actor, std::int64_t id);
    Result<ReviewGroup> dismiss(const Actor& actor, std::int64_t id);
    Result<GroupCards> compare(const Actor& actor, std::int64_t id);

    // Merges an open group into `survivor_id` (one of its members) in one transaction, audited: the
    // surviving card takes, field by field, the value of the member `choices` names (merge_fields();
    // a field not named keeps the survivor's value, or the first non-empty one), categories are the
    // union unless chosen; contacts and every registered table's rows of the other members move to the
    // survivor; the others are kept, archived and marked merged into it. The group becomes "merged".
    Result<MergeRecord> merge(const Actor& actor, std::int64_t group_id, std::int64_t survivor_id,
                              const std::map<std::string, std::int64_t>& choices);
    // Undoes a merge exactly: the survivor's card as it was, the moved rows back, the absorbed
    // clients restored, the group open again. Refused (409) once undone, when the survivor has since
    // been merged into another client, or when its card (fields, categories, the set of its contacts)
    // was changed after the merge: the undo would silently drop that change.
    Result<MergeRecord> undo_merge(const Actor& actor, std::int64_t merge_id);
    Result<MergeRecord> get_merge(const Actor& actor, std::int64_t merge_id);

private:
    store::Database& db_;
    const crm::ClientService* clients_;
    std::mutex running_mutex_;
    std::set<std::int64_t> running_;  // companies with a scan in progress on this server
};

}  // namespace comptoir::duplicates
