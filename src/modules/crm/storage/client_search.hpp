// The client list: search as you type, filters, sorting and keyset (cursor) pagination.
//
// Search works on the search index (search_index.hpp), where "every word typed is the prefix of a
// term of the client" is a lookup per word. Each query is planned from capped counts of those
// lookups (see plan_search in the .cpp): rare words are fetched and intersected, then their few
// clients sorted; very common words are checked while walking the clients in sort order, which
// fills a page after a few rows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace comptoir::crm {

enum class ClientSort { NameAsc, NameDesc, CreatedDesc, CreatedAsc, UpdatedDesc, CityAsc };
std::optional<ClientSort> sort_from_code(const std::string& code);  // "name", "-name", "-created", "created", "-updated", "city"
std::string to_code(ClientSort sort);

struct ClientListQuery {
    std::string q;
    std::string status;                       // "" = any
    std::optional<std::int64_t> category_id;
    std::optional<std::int64_t> assigned_user_id;
    bool archived = false;                    // true: only archived clients
    ClientSort sort = ClientSort::NameAsc;
    int limit = 25;
    std::string cursor;                       // opaque, from a previous page
};

struct ClientListItem {
    std::int64_t id = 0;
    std::string kind, status, display_name, trade_name, legal_name, siret, email, phone, city, postal_code;
    std::string assigned_user_name, created_at, updated_at;
    bool archived = false;
};

struct ClientListPage {
    std::vector<ClientListItem> items;
    std::string next_cursor;  // empty on the last page
};

// Each group is a set of alternative prefixes; a client matches when every group has a prefix that
// starts one of its terms. Built from the raw query text (phones, emails and words are understood).
std::vector<std::vector<std::string>> search_groups(const std::string& q);

namespace storage {
// The search planner's thresholds (see plan_search in the .cpp). Tests lower them to force each plan.
struct SearchTuning {
    std::int64_t cap = 50000;  // a word matching more index rows than this is only checked per row
    std::size_t drive = 5000;  // at most this many candidates are fetched by id and sorted
};
class FulltextIndex;
// `fulltext`: the SQLite database's full-text index (null on PostgreSQL); brought up to date first.
ClientListPage list_clients(store::Connection& conn, FulltextIndex* fulltext, std::int64_t company_id,
                            const ClientListQuery& query, const SearchTuning& tuning = {});
bool valid_cursor(const std::string& cursor);
}  // namespace storage

}  // namespace comptoir::crm
