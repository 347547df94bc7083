#include "modules/duplicates/service/duplicate_service.hpp"

#include <chrono>
#include <future>

#include "core/clock.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/crm/model/client_json.hpp"
#include "modules/crm/model/client_validation.hpp"
#include "modules/crm/service/client_writer.hpp"
#include "modules/crm/storage/client_store.hpp"
#include "modules/duplicates/model/merge.hpp"
#include "modules/duplicates/storage/group_store.hpp"
#include "modules/duplicates/storage/merge_store.hpp"
#include "modules/duplicates/storage/scan_store.hpp"
#include "store/keyset_cursor.hpp"

namespace comptoir::duplicates {
namespace {

Error merge_not_found() {
    return Error::not_found("Cette fusion n'existe pas.", "This merge does not exist.");
}

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

Result<GroupCards> DuplicateService::compare(const Actor& actor, std::int64_t id) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    return store::with_transaction(db_, false, [&](store::Connection& conn) -> Result<GroupCards> {
        auto g = storage::find_group(conn, actor.company_id, id);
        if (!g) return fail(group_not_found());
        GroupCards out;
        std::vector<std::int64_t> ids;
        for (const auto& m : g->members) ids.push_back(m.client_id);
        out.cards = crm::storage::find_clients(conn, actor.company_id, ids);
        out.merge = storage::merge_of_group(conn, actor.company_id, id);
        out.group = std::move(*g);
        return out;
    });
}

Result<MergeRecord> DuplicateService::merge(const Actor& actor, std::int64_t group_id, std::int64_t survivor_id,
                                            const std::map<std::string, std::int64_t>& choices) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<MergeRecord> {
        auto g = storage::find_group(conn, actor.company_id, group_id);
        if (!g) return fail(group_not_found());
        if (g->status != "open")
            return fail(Error::conflict("group.decided", "Ce groupe a déjà été traité : il n'est plus à fusionner.",
                                        "This group has already been dealt with: it can no longer be merged."));
        std::vector<std::int64_t> ids;
        for (const auto& m : g->members) ids.push_back(m.client_id);
        auto in_group = [&](std::int64_t id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); };
        std::vector<FieldIssue> issues;
        if (!in_group(survivor_id))
            issues.push_back({"survivor_id", "not_member", "Le client conservé doit être l'un des clients du groupe.",
                              "The surviving client must be one of the group's clients."});
        for (const auto& [field, member] : choices) {
            if (!is_merge_field(field))
                issues.push_back({"fields." + field, "unknown", "Champ inconnu : " + field + ".", "Unknown field: " + field + "."});
            else if (!in_group(member))
                issues.push_back({"fields." + field, "not_member",
                                  "La valeur retenue doit venir de l'un des clients du groupe.",
                                  "The value kept must come from one of the group's clients."});
        }
        if (!issues.empty()) return fail(Error::invalid(std::move(issues)));

        if (ids.size() < 2)
            return fail(Error::conflict("group.too_small", "Ce groupe n'a plus qu'un client : rien à fusionner.",
                                        "This group has only one client left: nothing to merge."));
        auto cards = crm::storage::find_clients(conn, actor.company_id, ids);
        if (cards.size() != ids.size()) return fail(group_not_found());
        for (const auto& c : cards)
            if (c.merged_into_id)
                return fail(Error::conflict("client.merged",
                                            c.display_name() + " a déjà été fusionné dans un autre client.",
                                            c.display_name() + " has already been merged into another client."));
        const std::string now = now_iso();
        crm::Client merged = merged_card(cards, survivor_id, choices);
        // The surviving card must be one that could be saved by hand.
        {
            crm::Client check = merged;
            check.contacts.clear();
            auto card_issues = crm::normalise_client(check, today_iso());
            if (!card_issues.empty()) {
                for (auto& i : card_issues) i.field = "fields." + merge_field_of(i.field);
                return fail(Error::invalid(std::move(card_issues)));
            }
            check.contacts = merged.contacts;
            merged = std::move(check);
        }

        MergeRecord record;
        record.group_id = group_id;
        record.survivor_id = survivor_id;
        record.merged_at = now;
        record.merged_by = actor.user_id;
        for (const auto& [field, member] : choices) record.choices[field] = member;
        const crm::Client* survivor_before = nullptr;
        for (const auto& c : cards) {
            record.before[std::to_string(c.id)] = card_image(c);
            if (c.id == survivor_id) survivor_before = &c;
            else record.absorbed.push_back(c.id);
        }

        // Rows move: crm's contacts, then every table another module registered.
        std::vector<crm::ClientReference> tables{{"contacts", "contacts", "contacts"}};
        if (clients_)
            for (const auto& r : clients_->client_references())
                if (!r.table.starts_with("duplicate_")) tables.push_back(r);  // the folder's own rows stay
        for (auto from : record.absorbed)
            for (const auto& t : tables) {
                MovedRows mv;
                mv.table = t.table;
                mv.from = from;
                if (t.one_per_client) {
                    mv.whole = storage::move_whole(conn, t.table, actor.company_id, from, survivor_id);
                    if (mv.whole) record.moved.push_back(std::move(mv));
                } else {
                    mv.ids = storage::move_rows(conn, t.table, actor.company_id, from, survivor_id);
                    if (!mv.ids.empty()) record.moved.push_back(std::move(mv));
                }
            }
        for (auto from : record.absorbed)
            storage::absorb_client(conn, actor.company_id, from, survivor_id, merged.accounting_code, actor.user_id, now);
        // The surviving card, with all the contacts now its own; crm's writer rebuilds its duplicate
        // channels and search terms.
        merged.contacts = crm::storage::load_contacts(conn, actor.company_id, survivor_id);
        crm::writer::write_update(conn, actor, merged, now);
        if (auto after = crm::storage::find_client(conn, actor.company_id, survivor_id)) record.survivor_after = card_image(*after);

        storage::set_status(conn, actor.company_id, group_id, "merged", actor.user_id, now);
        storage::drop_open_groups_with(conn, actor.company_id, record.absorbed, group_id);
        record.id = storage::insert_merge(conn, actor.company_id, record);

        nlohmann::json moved_counts = nlohmann::json::object();
        for (const auto& m : record.moved) {
            auto& n = moved_counts[m.table];
            n = (n.is_number() ? n.get<std::int64_t>() : 0) + (m.whole ? 1 : static_cast<std::int64_t>(m.ids.size()));
        }
        auto changes = audit::diff(crm::audit_snapshot(*survivor_before), crm::audit_snapshot(merged));
        audit::record(conn, actor, "client", survivor_id, "merge",
                      {{"merge_id", record.id}, {"group_id", group_id}, {"absorbed", record.absorbed},
                       {"moved", moved_counts}, {"changes", changes}});
        audit::record_each(conn, actor, "client", record.absorbed, "merged_into",
                           {{"merge_id", record.id}, {"survivor_id", survivor_id}});
        audit::record(conn, actor, "duplicate_group", group_id, "merge",
                      {{"merge_id", record.id}, {"survivor_id", survivor_id}, {"absorbed", record.absorbed}});
        return *storage::find_merge(conn, actor.company_id, record.id);
    });
}

Result<MergeRecord> DuplicateService::undo_merge(const Actor& actor, std::int64_t merge_id) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<MergeRecord> {
        auto m = storage::find_merge(conn, actor.company_id, merge_id);
        if (!m) return fail(merge_not_found());
        if (m->status != "done")
            return fail(Error::conflict("merge.undone", "Cette fusion a déjà été annulée.", "This merge has already been undone."));
        auto survivor = crm::storage::find_client(conn, actor.company_id, m->survivor_id);
        if (!survivor) return fail(merge_not_found());
        if (survivor->merged_into_id)
            return fail(Error::conflict(
                "merge.survivor_merged",
                survivor->display_name() + " a depuis été fusionné dans " + survivor->merged_into_name +
                    " : annulez d'abord cette fusion-là.",
                survivor->display_name() + " has since been merged into " + survivor->merged_into_name +
                    ": undo that merge first."));
        if (card_image(*survivor) != m->survivor_after)
            return fail(Error::conflict(
                "merge.survivor_changed",
                "La fiche de " + survivor->display_name() +
                    " a été modifiée depuis la fusion : l'annuler effacerait ces modifications.",
                "The card of " + survivor->display_name() +
                    " was changed after the merge: undoing it would drop those changes."));
        auto absorbed = crm::storage::find_clients(conn, actor.company_id, m->absorbed);
        for (const auto& a : absorbed)
            if (a.merged_into_id != m->survivor_id)
                return fail(Error::conflict("merge.absorbed_changed",
                                            a.display_name() + " n'est plus fusionné dans ce client.",
                                            a.display_name() + " is no longer merged into this client."));
        // The table names of the record go into SQL: only tables this server knows are moved back.
        std::set<std::string> known{"contacts"};
        if (clients_)
            for (const auto& r : clients_->client_references()) known.insert(r.table);
        for (const auto& mv : m->moved)
            if (!known.count(mv.table))
                return fail(Error::conflict("merge.unknown_table",
                                            "Cette fusion a déplacé des lignes d'une table que ce serveur ne connaît plus (" +
                                                mv.table + ") : elle ne peut pas être annulée.",
                                            "This merge moved rows of a table this server no longer knows (" + mv.table +
                                                "): it cannot be undone."));
        const std::string now = now_iso();
        for (const auto& mv : m->moved) storage::move_back(conn, actor.company_id, mv, m->survivor_id);
        for (auto id : m->absorbed) {
            auto image = m->before.find(std::to_string(id));
            if (image == m->before.end()) continue;
            crm::Client card = card_from_image(*image);
            storage::release_client(conn, actor.company_id, id, card.archived);
            crm::storage::update_client(conn, actor.company_id, card, actor.user_id, now);
            crm::storage::save_categories(conn, actor.company_id, id, card.category_ids);
            if (auto fresh = crm::storage::find_client(conn, actor.company_id, id))
                crm::storage::reindex_client(conn, actor.company_id, *fresh);
        }
        if (auto image = m->before.find(std::to_string(m->survivor_id)); image != m->before.end()) {
            crm::Client card = card_from_image(*image);
            card.contacts = crm::storage::load_contacts(conn, actor.company_id, m->survivor_id);
            crm::writer::write_update(conn, actor, card, now);
        }
        storage::reopen_group(conn, actor.company_id, m->group_id);
        storage::mark_undone(conn, actor.company_id, merge_id, actor.user_id, now);
        audit::record(conn, actor, "client", m->survivor_id, "unmerge",
                      {{"merge_id", merge_id}, {"group_id", m->group_id}, {"absorbed", m->absorbed}});
        audit::record_each(conn, actor, "client", m->absorbed, "unmerge",
                           {{"merge_id", merge_id}, {"survivor_id", m->survivor_id}});
        audit::record(conn, actor, "duplicate_group", m->group_id, "unmerge", {{"merge_id", merge_id}});
        return *storage::find_merge(conn, actor.company_id, merge_id);
    });
}

Result<MergeRecord> DuplicateService::get_merge(const Actor& actor, std::int64_t merge_id) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    auto conn = db_.acquire();
    auto m = storage::find_merge(*conn, actor.company_id, merge_id);
    if (!m) return fail(merge_not_found());
    return *m;
}

}  // namespace comptoir::duplicates
