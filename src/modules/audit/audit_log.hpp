// The audit log: who changed what and when. Services record an entry inside the same transaction as
// the change itself, so the log can never disagree with the data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actor.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"

namespace comptoir::audit {

struct Entry {
    std::int64_t id = 0;
    std::string at;         // UTC ISO 8601
    std::int64_t user_id = 0;
    std::string user_name;  // as it is now; "" for a deleted user or the system
    std::string entity;     // "client", "contact", "user", "category", "company", "api_token"
    std::int64_t entity_id = 0;
    std::string action;     // "create", "update", "archive", "restore", "delete", "merge", ...
    nlohmann::json changes; // {"field": {"from": ..., "to": ...}} or a free object
};

std::vector<store::Migration> migrations();

// Records one entry for the actor's company. `changes` is stored as compact JSON.
void record(store::Connection& conn, const Actor& actor, const std::string& entity, std::int64_t entity_id,
            const std::string& action, const nlohmann::json& changes);

// One entry per id, all with the same action and changes, in one multi-row write (batch imports).
void record_each(store::Connection& conn, const Actor& actor, const std::string& entity,
                 const std::vector<std::int64_t>& entity_ids, const std::string& action, const nlohmann::json& changes);

// Entries about one entity (and, with `related_entity`, those whose changes mention it), newest first.
std::vector<Entry> list_for(store::Connection& conn, const Actor& actor, const std::string& entity,
                            std::int64_t entity_id, int limit = 200);

// Field-by-field difference between two flat JSON objects: {"field": {"from": a, "to": b}}.
nlohmann::json diff(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace comptoir::audit
