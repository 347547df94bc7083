#include "modules/duplicates/storage/group_store.hpp"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "store/bulk_insert.hpp"

namespace comptoir::duplicates::storage {
namespace {

using store::Value;

constexpr const char* kGroupColumns =
    "g.id, g.reason, g.score, g.status, g.evidence, g.found_at, g.decided_at, g.decided_by";

ReviewGroup group_from_row(const store::Row& r) {
    ReviewGroup g;
    g.id = r.int64(0);
    g.reason = r.text(1);
    g.score = static_cast<int>(r.int64(2));
    g.status = r.text(3);
    auto ev = nlohmann::json::parse(r.text(4), nullptr, false);
    if (ev.is_array())
        for (const auto& e : ev)
            if (e.is_string()) g.evidence.push_back(e.get<std::string>());
    g.found_at = r.text(5);
    g.decided_at = r.text(6);
    g.decided_by = r.opt_int64(7);
    return g;
}

// The members of several groups at once, as the clients are now.
void load_members(store::Connection& conn, std::int64_t company_id, std::vector<ReviewGroup>& groups) {
    if (groups.empty()) return;
    std::map<std::int64_t, ReviewGroup*> by_id;
    std::string list = conn.dialect() == store::Dialect::Sqlite ? "[" : "{";
    for (std::size_t i = 0; i < groups.size(); ++i) {
        by_id[groups[i].id] = &groups[i];
        list += (i ? "," : "") + std::to_string(groups[i].id);
    }
    list += conn.dialect() == store::Dialect::Sqlite ? "]" : "}";
    const std::string in = conn.dialect() == store::Dialect::Sqlite ? "IN (SELECT value FROM json_each(?))"
                                                                   : "= ANY(CAST(? AS BIGINT[]))";
    for (const auto& r : conn.query(R"SQL(
SELECT m.group_id, c.id, c.display_name, c.kind, c.siret, c.email, c.phone, c.billing_postal_code, c.billing_city,
  c.created_at, c.archived
FROM duplicate_members m JOIN clients c ON c.company_id = m.company_id AND c.id = m.client_id
WHERE m.company_id = ? AND m.group_id )SQL" + in + " ORDER BY m.group_id, c.id",
                                    {company_id, list})) {
        auto it = by_id.find(r.int64(0));
        if (it == by_id.end()) continue;
        it->second->members.push_back({r.int64(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7),
                                       r.text(8), r.text(9), r.boolean(10)});
    }
}

}  // namespace

void save_scan_groups(store::Connection& conn, std::int64_t company_id, const std::vector<Group>& groups,
                      const std::string& now, ScanSummary& summary) {
    struct Known {
        std::int64_t id;
        std::string status;
        bool seen = false;
    };
    std::map<std::string, Known> known;
    for (const auto& r : conn.query("SELECT id, member_key, status FROM duplicate_groups WHERE company_id = ?",
                                    {company_id}))
        known.emplace(r.text(1), Known{r.int64(0), r.text(2)});
    std::vector<std::vector<Value>> member_rows;
    for (const auto& g : groups) {
        const std::string key = g.member_key();
        const std::string evidence = nlohmann::json(g.evidence).dump();
        ++summary.groups_found;
        if (auto it = known.find(key); it != known.end()) {
            it->second.seen = true;
            if (it->second.status != "open") {
                ++summary.skipped_dismissed;
                continue;
            }
            conn.execute("UPDATE duplicate_groups SET reason = ?, score = ?, evidence = ?, last_seen_at = ? "
                         "WHERE company_id = ? AND id = ?",
                         {std::string(to_code(g.reason)), std::int64_t{g.score}, evidence, now, company_id, it->second.id});
            continue;
        }
        auto id = conn.insert(R"SQL(
INSERT INTO duplicate_groups (company_id, member_key, reason, score, evidence, status, found_at, last_seen_at)
VALUES (?, ?, ?, ?, ?, 'open', ?, ?))SQL",
                              {company_id, key, std::string(to_code(g.reason)), std::int64_t{g.score}, evidence, now, now});
        for (auto m : g.members) member_rows.push_back({company_id, id, m});
        ++summary.groups_new;
    }
    store::insert_rows(conn, "duplicate_members", {"company_id", "group_id", "client_id"}, member_rows);
    for (const auto& [key, k] : known) {
        if (k.seen || k.status != "open") continue;
        conn.execute("DELETE FROM duplicate_members WHERE company_id = ? AND group_id = ?", {company_id, k.id});
        conn.execute("DELETE FROM duplicate_groups WHERE company_id = ? AND id = ?", {company_id, k.id});
    }
    summary.groups_open = count_groups(conn, company_id, "open");
}

std::int64_t insert_scan(store::Connection& conn, std::int64_t company_id, std::int64_t user_id, const ScanSummary& s) {
    return conn.insert(R"SQL(
INSERT INTO duplicate_scans (company_id, started_by, started_at, finished_at, clients, groups_found, groups_new,
  groups_open, skipped_dismissed, too_large, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))SQL",
                       {company_id, user_id ? Value(user_id) : Value(nullptr), s.started_at, s.finished_at, s.clients,
                        s.groups_found, s.groups_new, s.groups_open, s.skipped_dismissed, s.too_large, s.duration_ms});
}

std::optional<ScanSummary> last_scan(store::Connection& conn, std::int64_t company_id) {
    auto r = conn.query_one(R"SQL(
SELECT id, started_at, finished_at, clients, groups_found, groups_new, groups_open, skipped_dismissed, too_large,
  duration_ms FROM duplicate_scans WHERE company_id = ? ORDER BY id DESC LIMIT 1)SQL",
                            {company_id});
    if (!r) return std::nullopt;
    return ScanSummary{r->int64(0), r->text(1), r->text(2), r->int64(3), r->int64(4), r->int64(5),
                       r->int64(6), r->int64(7), r->int64(8), r->int64(9)};
}

std::vector<ReviewGroup> list_groups(store::Connection& conn, std::int64_t company_id, const std::string& status,
                                     std::optional<std::pair<int, std::int64_t>> after, int limit) {
    std::string sql = std::string("SELECT ") + kGroupColumns +
                      " FROM duplicate_groups g WHERE g.company_id = ? AND g.status = ?"
                      // A group whose clients an import's undo removed down to one is no longer a group.
                      " AND (SELECT COUNT(*) FROM duplicate_members m WHERE m.company_id = g.company_id"
                      " AND m.group_id = g.id) > 1";
    std::vector<Value> params{company_id, status};
    if (after) {
        sql += " AND (g.score < ? OR (g.score = ? AND g.id > ?))";
        params.insert(params.end(), {std::int64_t{after->first}, std::int64_t{after->first}, after->second});
    }
    sql += " ORDER BY g.score DESC, g.id LIMIT ?";
    params.push_back(std::int64_t{limit});
    std::vector<ReviewGroup> out;
    for (const auto& r : conn.query(sql, params)) out.push_back(group_from_row(r));
    load_members(conn, company_id, out);
    return out;
}

std::optional<ReviewGroup> find_group(store::Connection& conn, std::int64_t company_id, std::int64_t id) {
    auto r = conn.query_one(std::string("SELECT ") + kGroupColumns +
                                " FROM duplicate_groups g WHERE g.company_id = ? AND g.id = ?",
                            {company_id, id});
    if (!r) return std::nullopt;
    std::vector<ReviewGroup> one{group_from_row(*r)};
    load_members(conn, company_id, one);
    return std::move(one.front());
}

std::int64_t count_groups(store::Connection& conn, std::int64_t company_id, const std::string& status) {
    return conn.query_one("SELECT COUNT(*) FROM duplicate_groups WHERE company_id = ? AND status = ?",
                          {company_id, status})
        ->int64(0);
}

void set_status(store::Connection& conn, std::int64_t company_id, std::int64_t id, const std::string& status,
                std::int64_t user_id, const std::string& now) {
    conn.execute("UPDATE duplicate_groups SET status = ?, decided_at = ?, decided_by = ? WHERE company_id = ? AND id = ?",
                 {status, now, user_id ? Value(user_id) : Value(nullptr), company_id, id});
}

}  // namespace comptoir::duplicates::storage
