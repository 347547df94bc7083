// The review folder: groups the scan proposed, with their status and members as they are now.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace comptoir::duplicates {

struct Member {
    std::int64_t client_id = 0;
    std::string display_name;
    std::string kind;
    std::string siret;
    std::string email;
    std::string phone;
    std::string postal_code;
    std::string city;
    std::string created_at;
    bool archived = false;
};

struct ReviewGroup {
    std::int64_t id = 0;
    std::string reason;  // "siret", "email", "phone", "siren", "name_address", "name"
    int score = 0;
    std::string status;  // "open", "dismissed", "merged"
    std::vector<std::string> evidence;
    std::string found_at;
    std::string decided_at;
    std::optional<std::int64_t> decided_by;
    std::vector<Member> members;
};

struct ReviewPage {
    std::vector<ReviewGroup> items;
    std::optional<std::string> next_cursor;
};

struct ScanSummary {
    std::int64_t id = 0;
    std::string started_at;
    std::string finished_at;
    std::int64_t clients = 0;       // active clients scanned
    std::int64_t groups_found = 0;  // groups the scan found (dismissed ones included)
    std::int64_t groups_new = 0;    // proposed for the first time
    std::int64_t groups_open = 0;   // open in the folder after the scan
    std::int64_t skipped_dismissed = 0;
    std::int64_t too_large = 0;     // groups over the size limit (very common values), left out
    std::int64_t duration_ms = 0;
};

// Rows of one table that a merge moved from an absorbed client to the survivor: by id, or (a table with
// one row per client) the whole row of `from`.
struct MovedRows {
    std::string table;
    std::int64_t from = 0;
    std::vector<std::int64_t> ids;
    bool whole = false;
};

// A merge of a group, as recorded so that it can be undone: the cards as they were, the rows moved.
struct MergeRecord {
    std::int64_t id = 0;
    std::int64_t group_id = 0;
    std::int64_t survivor_id = 0;
    std::string survivor_name;
    std::vector<std::int64_t> absorbed;
    nlohmann::json choices = nlohmann::json::object();  // {field: member id}, as chosen
    nlohmann::json before = nlohmann::json::object();   // {client id: card image}
    std::vector<MovedRows> moved;
    std::string status;  // "done" or "undone"
    std::string merged_at;
    std::int64_t merged_by = 0;
    nlohmann::json survivor_after;  // the survivor's card image just after the merge
    std::string undone_at;
    std::optional<std::int64_t> undone_by;
};

}  // namespace comptoir::duplicates
