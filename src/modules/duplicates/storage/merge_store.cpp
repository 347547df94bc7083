#include "modules/duplicates/storage/merge_store.hpp"

#include "modules/crm/storage/client_store.hpp"
#include "modules/crm/storage/search_index.hpp"

namespace comptoir::duplicates::storage {
namespace {

using nlohmann::json;
using store::Value;

constexpr const char* kMergeColumns =
    "m.id, m.group_id, m.survivor_id, m.absorbed, m.choices, m.before_cards, m.moved_rows, m.status, m.merged_at, "
    "m.merged_by, m.survivor_after, m.undone_at, m.undone_by, COALESCE(c.display_name, '')";

json moved_json(const std::vector<MovedRows>& moved) {
    json out = json::array();
    for (const auto& m : moved)
        out.push_back({{"table", m.table}, {"from", m.from}, {"ids", m.ids}, {"whole", m.whole}});
    return out;
}

MergeRecord merge_from_row(const store::Row& r) {
    MergeRecord m;
    m.id = r.int64(0);
    m.group_id = r.int64(1);
    m.survivor_id = r.int64(2);
    auto absorbed = json::parse(r.text(3), nullptr, false);
    if (absorbed.is_array())
        for (const auto& id : absorbed)
            if (id.is_number_integer()) m.absorbed.push_back(id.get<std::int64_t>());
    m.choices = json::parse(r.text(4), nullptr, false);
    if (!m.choices.is_object()) m.choices = json::object();
    m.before = json::parse(r.text(5), nullptr, false);
    if (!m.before.is_object()) m.before = json::object();
    auto moved = json::parse(r.text(6), nullptr, false);
    if (moved.is_array())
        for (const auto& x : moved) {
            MovedRows mv;
            mv.table = x.value("table", "");
            mv.from = x.value("from", std::int64_t{0});
            mv.whole = x.value("whole", false);
            if (x.contains("ids") && x["ids"].is_array())
                for (const auto& id : x["ids"])
                    if (id.is_number_integer()) mv.ids.push_back(id.get<std::int64_t>());
            m.moved.push_back(std::move(mv));
        }
    m.status = r.text(7);
    m.merged_at = r.text(8);
    m.merged_by = r.int64(9);
    m.survivor_after = json::parse(r.text(10), nullptr, false);
    m.undone_at = r.text(11);
    m.undone_by = r.opt_int64(12);
    m.survivor_name = r.text(13);
    return m;
}

std::string select_merges(const std::string& where) {
    return std::string("SELECT ") + kMergeColumns +
           " FROM duplicate_merges m LEFT JOIN clients c ON c.company_id = m.company_id AND c.id = m.survivor_id WHERE " +
           where;
}

}  // namespace

std::int64_t insert_merge(store::Connection& conn, std::int64_t company_id, const MergeRecord& m) {
    return conn.insert(R"SQL(
INSERT INTO duplicate_merges (company_id, group_id, survivor_id, absorbed, choices, before_cards, moved_rows, status,
  merged_at, merged_by, survivor_after) VALUES (?, ?, ?, ?, ?, ?, ?, 'done', ?, ?, ?))SQL",
                       {company_id, m.group_id, m.survivor_id, json(m.absorbed).dump(), m.choices.dump(),
                        m.before.dump(), moved_json(m.moved).dump(), m.merged_at, m.merged_by,
                        m.survivor_after.dump()});
}

std::optional<MergeRecord> find_merge(store::Connection& conn, std::int64_t company_id, std::int64_t id) {
    auto r = conn.query_one(select_merges("m.company_id = ? AND m.id = ?"), {company_id, id});
    if (!r) return std::nullopt;
    return merge_from_row(*r);
}

std::optional<MergeRecord> merge_of_group(store::Connection& conn, std::int64_t company_id, std::int64_t group_id) {
    auto r = conn.query_one(select_merges("m.company_id = ? AND m.group_id = ? ORDER BY m.id DESC LIMIT 1"),
                            {company_id, group_id});
    if (!r) return std::nullopt;
    return merge_from_row(*r);
}

void mark_undone(store::Connection& conn, std::int64_t company_id, std::int64_t id, std::int64_t user_id,
                 const std::string& now) {
    conn.execute("UPDATE duplicate_merges SET status = 'undone', undone_at = ?, undone_by = ? WHERE company_id = ? AND id = ?",
                 {now, user_id ? Value(user_id) : Value(nullptr), company_id, id});
}

// `table` comes from crm's registry (checked to be an identifier) or is "contacts", never from input.
std::vector<std::int64_t> move_rows(store::Connection& conn, const std::string& table, std::int64_t company_id,
                                    std::int64_t from, std::int64_t to) {
    std::vector<std::int64_t> ids;
    for (const auto& r : conn.query("UPDATE " + table + " SET client_id = ? WHERE company_id = ? AND client_id = ? RETURNING id",
                                    {to, company_id, from}))
        ids.push_back(r.int64(0));
    std::sort(ids.begin(), ids.end());
    return ids;
}

bool move_whole(store::Connection& conn, const std::string& table, std::int64_t company_id, std::int64_t from,
                std::int64_t to) {
    if (conn.query_one("SELECT 1 FROM " + table + " WHERE company_id = ? AND client_id = ?", {company_id, to}))
        return false;
    if (!conn.query_one("SELECT 1 FROM " + table + " WHERE company_id = ? AND client_id = ?", {company_id, from}))
        return false;
    conn.execute("UPDATE " + table + " SET client_id = ? WHERE company_id = ? AND client_id = ?", {to, company_id, from});
    return true;
}

void move_back(store::Connection& conn, std::int64_t company_id, const MovedRows& moved, std::int64_t to) {
    if (moved.whole) {
        conn.execute("UPDATE " + moved.table + " SET client_id = ? WHERE company_id = ? AND client_id = ?",
                     {moved.from, company_id, to});
        return;
    }
    for (std::size_t start = 0; start < moved.ids.size(); start += 1000) {
        std::vector<std::int64_t> ids(moved.ids.begin() + static_cast<std::ptrdiff_t>(start),
                                      moved.ids.begin() + static_cast<std::ptrdiff_t>(std::min(moved.ids.size(), start + 1000)));
        conn.execute("UPDATE " + moved.table + " SET client_id = ? WHERE company_id = ? AND client_id = ? AND id " +
                         crm::storage::id_in(conn.dialect()),
                     {moved.from, company_id, to, crm::storage::id_list_value(conn.dialect(), ids)});
    }
}

void absorb_client(store::Connection& conn, std::int64_t company_id, std::int64_t id, std::int64_t survivor_id,
                   const std::string& survivor_code, std::int64_t user_id, const std::string& now) {
    conn.execute(R"SQL(
UPDATE clients SET merged_into_id = ?, archived = 1, updated_at = ?, updated_by = ?,
  accounting_code = CASE WHEN accounting_code = ? THEN '' ELSE accounting_code END
WHERE company_id = ? AND id = ?)SQL",
                 {survivor_id, now, user_id ? Value(user_id) : Value(nullptr), survivor_code, company_id, id});
    for (std::string table : {"client_channels", "client_categories"})
        conn.execute("DELETE FROM " + table + " WHERE company_id = ? AND client_id = ?", {company_id, id});
    crm::storage::delete_search_terms(conn, company_id, {id});
}

void release_client(store::Connection& conn, std::int64_t company_id, std::int64_t id, bool archived) {
    conn.execute("UPDATE clients SET merged_into_id = NULL, archived = ? WHERE company_id = ? AND id = ?",
                 {std::int64_t{archived ? 1 : 0}, company_id, id});
}

void drop_open_groups_with(store::Connection& conn, std::int64_t company_id, const std::vector<std::int64_t>& clients,
                           std::int64_t except) {
    if (clients.empty()) return;
    std::vector<std::int64_t> groups;
    for (const auto& r : conn.query(R"SQL(
SELECT DISTINCT g.id FROM duplicate_members m JOIN duplicate_groups g ON g.company_id = m.company_id AND g.id = m.group_id
WHERE m.company_id = ? AND g.status = 'open' AND g.id <> ? AND m.client_id )SQL" + crm::storage::id_in(conn.dialect()),
                                    {company_id, except, crm::storage::id_list_value(conn.dialect(), clients)}))
        groups.push_back(r.int64(0));
    for (auto g : groups) {
        conn.execute("DELETE FROM duplicate_members WHERE company_id = ? AND group_id = ?", {company_id, g});
        conn.execute("DELETE FROM duplicate_groups WHERE company_id = ? AND id = ?", {company_id, g});
    }
}

void reopen_group(store::Connection& conn, std::int64_t company_id, std::int64_t id) {
    conn.execute("UPDATE duplicate_groups SET status = 'open', decided_at = '', decided_by = NULL WHERE company_id = ? AND id = ?",
                 {company_id, id});
}

}  // namespace comptoir::duplicates::storage
