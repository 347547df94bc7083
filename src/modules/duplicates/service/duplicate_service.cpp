#include "modules/duplicates/service/duplicate_service.hpp"

#include <chrono>
#include <future>

#include "core/clock.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/duplicates/storage/group_store.hpp"
#include "modules/duplicates/storage/scan_store.hpp"
#include "store/keyset_cursor.hpp"

namespace comptoir::duplicates {
namespace {

Error group_not_found() {
    return Error::not_found("Ce groupe de doublons n'existe pas.", "This duplicate group does not exist.");
}

std::vector<Group> exact(store::Database& db, std::int64_t company_id, std::size_t& too_large) {
    return store::with_transaction(db, false, [&](store::Connection& conn) {
        std::vector<Group> out;
        const std::pair<Reason, const char*> kinds[] = {
            {Reason::Siret, "siret"}, {Reason::Email, "email"}, {Reason::Phone, "phone"}, {Reason::Siren, "siren"}};
        for (const auto& [reason, kind] : kinds) {
            auto groups = exact_groups(reason, kind, storage::shared_values(conn, company_id, kind), kMaxGroupMembers,
                                       &too_large);
            for (auto& g : groups) out.push_back(std::move(g));
        }
        return out;
    });
}

}  // namespace

FoundGroups find_groups(store::Database& db, std::int64_t company_id) {
    FoundGroups found;
    std::size_t exact_too_large = 0;
    // The exact values are grouped by the database (an index walk) while this thread folds names.
    auto exact_future = std::async(std::launch::async, [&] { return exact(db, company_id, exact_too_large); });
    NameMatcher matcher;
    try {
        found.clients = store::with_transaction(db, false, [&](store::Connection& conn) {
            return storage::each_active_client(conn, company_id, 20000, [&](const NameRecord& r) { matcher.add(r); });
        });
    } catch (...) {
        exact_future.wait();
        throw;
    }
    auto groups = matcher.groups(kMaxGroupMembers, &found.too_large);
    for (auto& g : exact_future.get()) groups.push_back(std::move(g));
    found.too_large += exact_too_large;
    found.groups = combine(std::move(groups));
    return found;
}

Result<ScanSummary> DuplicateService::scan(const Actor& actor) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    {
        std::lock_guard lock(running_mutex_);
        if (!running_.insert(actor.company_id).second)
            return fail(Error::conflict("scan.running", "Une recherche de doublons est déjà en cours.",
                                        "A duplicates scan is already running."));
    }
    struct Release {
        DuplicateService* s;
        std::int64_t company;
        ~Release() {
            std::lock_guard lock(s->running_mutex_);
            s->running_.erase(company);
        }
    } release{this, actor.company_id};

    const auto t0 = std::chrono::steady_clock::now();
    ScanSummary summary;
    summary.started_at = now_iso();
    FoundGroups found = find_groups(db_, actor.company_id);
    summary.clients = static_cast<std::int64_t>(found.clients);
    summary.too_large = static_cast<std::int64_t>(found.too_large);
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<ScanSummary> {
        storage::save_scan_groups(conn, actor.company_id, found.groups, now_iso(), summary);
        summary.finished_at = now_iso();
        summary.duration_ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
        summary.id = storage::insert_scan(conn, actor.company_id, actor.user_id, summary);
        return summary;
    });
}

Result<std::optional<ScanSummary>> DuplicateService::last_scan(const Actor& actor) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    auto conn = db_.acquire();
    return storage::last_scan(*conn, actor.company_id);
}

Result<ReviewPage> DuplicateService::list(const Actor& actor, const std::string& status, const std::string& cursor,
                                          int limit) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    const std::string s = status.empty() ? "open" : status;
    if (s != "open" && s != "dismissed" && s != "merged")
        return fail(Error::invalid_field("status", "status.unknown", "Statut attendu : open, dismissed ou merged.",
                                         "Expected status: open, dismissed or merged."));
    if (limit < 1 || limit > 100)
        return fail(Error::invalid_field("limit", "limit.range", "La taille de page doit être comprise entre 1 et 100.",
                                         "The page size must be between 1 and 100."));
    std::optional<std::pair<int, std::int64_t>> after;
    if (!cursor.empty()) {
        auto c = store::decode_cursor(cursor);
        int score = -1;
        if (c && c->second.size() <= 3 && !c->second.empty() &&
            c->second.find_first_not_of("0123456789") == std::string::npos)
            score = std::stoi(c->second);
        if (score < 0)
            return fail(Error::invalid_field("cursor", "cursor.invalid", "Curseur de pagination invalide.",
                                             "Invalid pagination cursor."));
        after = std::make_pair(score, c->first);
    }
    auto conn = db_.acquire();
    ReviewPage page;
    page.items = storage::list_groups(*conn, actor.company_id, s, after, limit + 1);
    if (page.items.size() > static_cast<std::size_t>(limit)) {
        page.items.resize(static_cast<std::size_t>(limit));
        page.next_cursor = store::encode_cursor(page.items.back().id, std::to_string(page.items.back().score));
    }
    return page;
}

Result<ReviewGroup> DuplicateService::get(const Actor& actor, std::int64_t id) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    auto conn = db_.acquire();
    auto g = storage::find_group(*conn, actor.company_id, id);
    if (!g) return fail(group_not_found());
    return *g;
}

Result<ReviewGroup> DuplicateService::dismiss(const Actor& actor, std::int64_t id) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<ReviewGroup> {
        auto g = storage::find_group(conn, actor.company_id, id);
        if (!g) return fail(group_not_found());
        if (g->status != "open")
            return fail(Error::conflict("group.decided", "Ce groupe a déjà été traité.",
                                        "This group has already been dealt with."));
        storage::set_status(conn, actor.company_id, id, "dismissed", actor.user_id, now_iso());
        std::vector<std::int64_t> ids;
        for (const auto& m : g->members) ids.push_back(m.client_id);
        audit::record(conn, actor, "duplicate_group", id, "dismiss", {{"clients", ids}, {"reason", g->reason}});
        return *storage::find_group(conn, actor.company_id, id);
    });
}

}  // namespace comptoir::duplicates
