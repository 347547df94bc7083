#include "modules/audit/audit_log.hpp"

#include "store/bulk_insert.hpp"

#include "core/clock.hpp"

namespace comptoir::audit {
namespace {

constexpr const char* kCreateTable = R"SQL(
CREATE TABLE audit_log (
  id {{ID}},
  company_id BIGINT NOT NULL,
  user_id BIGINT,
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (company_id, entity, entity_id, id);
)SQL";

constexpr const char* kInsert =
    "INSERT INTO audit_log (company_id, user_id, entity, entity_id, action, changes, at) VALUES (?, ?, ?, ?, ?, ?, ?)";

constexpr const char* kListFor = R"SQL(
SELECT a.id, a.at, a.user_id, COALESCE(u.name, ''), a.entity, a.entity_id, a.action, a.changes
FROM audit_log a LEFT JOIN users u ON u.id = a.user_id AND u.company_id = a.company_id
WHERE a.company_id = ? AND a.entity = ? AND a.entity_id = ?
ORDER BY a.id DESC LIMIT ?
)SQL";

}  // namespace

std::vector<store::Migration> migrations() { return {{"audit/0001_audit_log", kCreateTable}}; }

void record(store::Connection& conn, const Actor& actor, const std::string& entity, std::int64_t entity_id,
            const std::string& action, const nlohmann::json& changes) {
    conn.insert(kInsert, {actor.company_id, actor.user_id ? store::Value(actor.user_id) : store::Value(nullptr), entity,
                          entity_id, action, changes.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                          now_iso()});
}

void record_each(store::Connection& conn, const Actor& actor, const std::string& entity,
                 const std::vector<std::int64_t>& entity_ids, const std::string& action, const nlohmann::json& changes) {
    const store::Value user = actor.user_id ? store::Value(actor.user_id) : store::Value(nullptr);
    const std::string text = changes.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), at = now_iso();
    std::vector<std::vector<store::Value>> rows;
    rows.reserve(entity_ids.size());
    for (auto id : entity_ids) rows.push_back({actor.company_id, user, entity, id, action, text, at});
    store::insert_rows(conn, "audit_log", {"company_id", "user_id", "entity", "entity_id", "action", "changes", "at"},
                       rows);
}

std::vector<Entry> list_for(store::Connection& conn, const Actor& actor, const std::string& entity,
                            std::int64_t entity_id, int limit) {
    std::vector<Entry> out;
    for (const auto& row : conn.query(kListFor, {actor.company_id, entity, entity_id, std::int64_t{limit}})) {
        Entry e;
        e.id = row.int64(0);
        e.at = row.text(1);
        e.user_id = row.int64(2);
        e.user_name = row.text(3);
        e.entity = row.text(4);
        e.entity_id = row.int64(5);
        e.action = row.text(6);
        e.changes = nlohmann::json::parse(row.text(7), nullptr, false);
        if (e.changes.is_discarded()) e.changes = nlohmann::json::object();
        out.push_back(std::move(e));
    }
    return out;
}

nlohmann::json diff(const nlohmann::json& before, const nlohmann::json& after) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = after.begin(); it != after.end(); ++it) {
        const auto old_value = before.contains(it.key()) ? before.at(it.key()) : nlohmann::json();
        if (old_value != it.value()) out[it.key()] = {{"from", old_value}, {"to", it.value()}};
    }
    for (auto it = before.begin(); it != before.end(); ++it)
        if (!after.contains(it.key())) out[it.key()] = {{"from", it.value()}, {"to", nullptr}};
    return out;
}

}  // namespace comptoir::audit
