// The merge records (duplicate_merges) and the row moves of a merge and of its undo. The moves go
// through the tables crm's client registry names (and crm's own contacts), scoped by company.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/duplicates/model/review.hpp"
#include "store/database.hpp"

namespace comptoir::duplicates::storage {

std::int64_t insert_merge(store::Connection& conn, std::int64_t company_id, const MergeRecord& m);
std::optional<MergeRecord> find_merge(store::Connection& conn, std::int64_t company_id, std::int64_t id);
// The merge that closed a group (the latest, undone or not).
std::optional<MergeRecord> merge_of_group(store::Connection& conn, std::int64_t company_id, std::int64_t group_id);
void mark_undone(store::Connection& conn, std::int64_t company_id, std::int64_t id, std::int64_t user_id,
                 const std::string& now);

// Moves every row of `table` from client `from` to client `to`, returning their ids (`id` column).
std::vector<std::int64_t> move_rows(store::Connection& conn, const std::string& table, std::int64_t company_id,
                                    std::int64_t from, std::int64_t to);
// A table with one row per client: moves `from`'s row when `to` has none. True when moved.
bool move_whole(store::Connection& conn, const std::string& table, std::int64_t company_id, std::int64_t from,
                std::int64_t to);
// Undoes one move (rows still belonging to `to` go back to `from`).
void move_back(store::Connection& conn, std::int64_t company_id, const MovedRows& moved, std::int64_t to);

// The absorbed client: marked merged into the survivor and archived; its channels, search terms and
// categories removed (the survivor's are rebuilt), its accounting code freed when the survivor took it.
void absorb_client(store::Connection& conn, std::int64_t company_id, std::int64_t id, std::int64_t survivor_id,
                   const std::string& survivor_code, std::int64_t user_id, const std::string& now);
void release_client(store::Connection& conn, std::int64_t company_id, std::int64_t id, bool archived);

// Open groups (other than `except`) that contain one of `clients`: their members changed; removed.
void drop_open_groups_with(store::Connection& conn, std::int64_t company_id, const std::vector<std::int64_t>& clients,
                           std::int64_t except);
void reopen_group(store::Connection& conn, std::int64_t company_id, std::int64_t id);

}  // namespace comptoir::duplicates::storage
