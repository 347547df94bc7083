#include "modules/crm/storage/client_search.hpp"

#include <algorithm>

#include "core/contact/phone.hpp"
#include "core/text/search_text.hpp"
#include "modules/crm/storage/fulltext_index.hpp"
#include "modules/crm/storage/search_index.hpp"
#include "store/keyset_cursor.hpp"

namespace comptoir::crm {
namespace {

using store::Value;

struct SortSpec {
    const char* column;
    bool descending;
};

SortSpec spec(ClientSort sort) {
    switch (sort) {
        case ClientSort::NameAsc: return {"c.sort_name", false};
        case ClientSort::NameDesc: return {"c.sort_name", true};
        case ClientSort::CreatedDesc: return {"c.created_at", true};
        case ClientSort::CreatedAsc: return {"c.created_at", false};
        case ClientSort::UpdatedDesc: return {"c.updated_at", true};
        case ClientSort::CityAsc: return {"c.city_key", false};
    }
    return {"c.sort_name", false};
}

// The candidate ids as one bound parameter, expanded by the database into a table of ids.
std::string id_list_table(store::Dialect dialect) {
    return dialect == store::Dialect::Sqlite ? "(SELECT value AS id FROM json_each(?))"
                                             : "(SELECT unnest(CAST(? AS BIGINT[])) AS id)";
}

// "The candidate list contains c.id", written so that it cannot drive the query: SQLite's unary +
// keeps it from being used as an index constraint, so the planner walks the sort index and tests it.
std::string id_filter(store::Dialect dialect) {
    return dialect == store::Dialect::Sqlite ? "+c.id IN (SELECT value FROM json_each(?))"
                                             : "c.id = ANY(CAST(? AS BIGINT[]))";
}

std::string id_list_value(store::Dialect dialect, const std::vector<std::int64_t>& ids) {
    std::string out = dialect == store::Dialect::Sqlite ? "[" : "{";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(ids[i]);
    }
    out += dialect == store::Dialect::Sqlite ? "]" : "}";
    return out;
}

// How a search is answered. Every word group of the query is estimated first (a count from the
// search index, capped). Then:
//  * no group is rarer than kCap: walk the clients in sort order and test each word with EXISTS;
//    every word is so common that the first page fills after a few hundred rows;
//  * otherwise the groups under kCap are fetched and intersected in memory, rarest first; when at
//    most kDrive clients remain, they are fetched by primary key and sorted (the id-list plan);
//    when more remain, they are dense enough for the walk to fill a page quickly.
// On a million clients this keeps every plan within a few thousand index reads, where the walk
// alone took seconds for two common words ("martin lyon") whose combination is rare. kCap and
// kDrive are SearchTuning's cap and drive.

struct Plan {
    bool empty = false;                            // some word matches nothing
    std::optional<std::vector<std::int64_t>> ids;  // the candidates, fetched by id and sorted
    std::optional<std::vector<std::int64_t>> filter;  // the candidates, tested while walking
    std::vector<std::size_t> exists_groups;        // groups still to check per row
};

Plan plan_search(store::Connection& conn, storage::FulltextIndex* fulltext, std::int64_t company_id,
                 const std::vector<std::vector<std::string>>& groups, const storage::SearchTuning& tuning) {
    const std::int64_t kCap = tuning.cap;
    const std::size_t kDrive = tuning.drive;
    Plan plan;
    std::vector<std::pair<std::int64_t, std::size_t>> order;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        auto n = storage::count_search_matches(conn, fulltext, company_id, groups[i], kCap);
        if (n == 0) return Plan{true, std::nullopt, {}};
        order.emplace_back(n, i);
    }
    std::sort(order.begin(), order.end());
    auto walk = [&] {
        for (std::size_t i = 0; i < groups.size(); ++i) plan.exists_groups.push_back(i);
        return plan;
    };
    if (order.empty() || order.front().first > kCap) return walk();
    // One word, common enough that the walk finds a page quickly: no need to fetch its ids.
    if (groups.size() == 1 && order.front().first > static_cast<std::int64_t>(kDrive)) return walk();

    std::vector<std::int64_t> candidates;
    bool first = true;
    for (const auto& [n, i] : order) {
        if (n > kCap) {
            plan.exists_groups.push_back(i);
            continue;
        }
        auto ids = storage::search_match_ids(conn, fulltext, company_id, groups[i]);
        if (first) {
            candidates = std::move(ids);
            first = false;
        } else {
            std::vector<std::int64_t> both;
            std::set_intersection(candidates.begin(), candidates.end(), ids.begin(), ids.end(), std::back_inserter(both));
            candidates = std::move(both);
        }
        if (candidates.empty()) return Plan{true, std::nullopt, {}};
    }
    // Too many to sort: walk in sort order, testing membership in the candidates first (an in-memory
    // lookup) and the remaining common words only for members. This was the slow case of
    // "Électricité de Paris SAS": one rare-ish word, three very common ones.
    if (candidates.size() > kDrive) plan.filter = std::move(candidates);
    else plan.ids = std::move(candidates);
    return plan;
}

// Ranking for the name order: clients whose name contains every typed word as a whole word come
// first ("Henry Léa" before the many Henrys with a Léane or a Léon), then the rest, both by name.
// The rank is a prefix of the sort value, so the cursor carries it like any sort value.
std::string ranked_name(store::Dialect dialect, const std::vector<std::vector<std::string>>& groups,
                        std::vector<Value>& params) {
    const char* find = dialect == store::Dialect::Sqlite ? "instr" : "strpos";
    std::string all;
    for (const auto& group : groups) {
        if (group.size() != 1) return "";  // phones and the like are exact already
        if (!all.empty()) all += " AND ";
        all += std::string(find) + "(' ' || c.sort_name || ' ', ?) > 0";
        params.emplace_back(" " + group.front() + " ");
    }
    if (all.empty()) return "";
    return "(CASE WHEN " + all + " THEN '0' ELSE '1' END || c.sort_name)";
}

}  // namespace

std::optional<ClientSort> sort_from_code(const std::string& code) {
    if (code == "name" || code.empty()) return ClientSort::NameAsc;
    if (code == "-name") return ClientSort::NameDesc;
    if (code == "-created") return ClientSort::CreatedDesc;
    if (code == "created") return ClientSort::CreatedAsc;
    if (code == "-updated") return ClientSort::UpdatedDesc;
    if (code == "city") return ClientSort::CityAsc;
    return std::nullopt;
}

std::string to_code(ClientSort sort) {
    switch (sort) {
        case ClientSort::NameAsc: return "name";
        case ClientSort::NameDesc: return "-name";
        case ClientSort::CreatedDesc: return "-created";
        case ClientSort::CreatedAsc: return "created";
        case ClientSort::UpdatedDesc: return "-updated";
        case ClientSort::CityAsc: return "city";
    }
    return "name";
}

std::vector<std::vector<std::string>> search_groups(const std::string& q) {
    std::vector<std::vector<std::string>> groups;
    std::string trimmed;
    for (char c : q)
        if (!(c == ' ' && (trimmed.empty() || trimmed.back() == ' '))) trimmed.push_back(c);
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    if (trimmed.empty() || trimmed.size() > 200) return groups;

    if (trimmed.find('@') != std::string::npos) {
        std::string email;
        for (char c : trimmed)
            if (c != ' ') email.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        groups.push_back({storage::email_search_term(email)});
        return groups;
    }
    if (auto keys = phone_search_keys(trimmed); !keys.empty()) {
        // Nine or fourteen digits may be a SIREN or SIRET as well as a phone: keep the digits as typed.
        std::string digits;
        for (char c : trimmed)
            if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
        if ((digits.size() == 9 || digits.size() == 14) && std::find(keys.begin(), keys.end(), digits) == keys.end())
            keys.insert(keys.begin(), digits);
        if (keys.size() > 4) keys.resize(4);
        groups.push_back(keys);
        return groups;
    }
    for (auto& token : search_tokens(trimmed)) {
        if (groups.size() == 8) break;
        groups.push_back({token});
    }
    return groups;
}

namespace storage {

bool valid_cursor(const std::string& cursor) { return cursor.empty() || store::decode_cursor(cursor).has_value(); }

ClientListPage list_clients(store::Connection& conn, FulltextIndex* fulltext, std::int64_t company_id,
                            const ClientListQuery& query, const SearchTuning& tuning) {
    const SortSpec sort = spec(query.sort);
    const int limit = std::clamp(query.limit, 1, 200);
    const store::Dialect dialect = conn.dialect();

    auto groups = search_groups(query.q);
    if (!query.q.empty() && groups.empty()) return {};
    // Every change committed before this search is indexed before the index is read.
    if (fulltext && !groups.empty()) fulltext->catch_up(conn);
    auto plan = plan_search(conn, fulltext, company_id, groups, tuning);
    if (plan.empty) return {};

    // The statement is assembled clause by clause, each with its own parameters, then joined in the
    // order the clauses appear in the SQL text.
    std::vector<Value> sort_params;
    std::string sort_expr = sort.column;
    if (plan.ids && query.sort == ClientSort::NameAsc)
        if (auto ranked = ranked_name(dialect, groups, sort_params); !ranked.empty()) sort_expr = ranked;

    // The id-list plan starts from the candidates and reaches each client by primary key. SQLite's
    // CROSS JOIN fixes that join order whatever its statistics say; without them it preferred to walk
    // the whole name index and test each client against the list.
    std::string from = "clients c";
    std::vector<Value> from_params;
    if (plan.ids) {
        from = id_list_table(dialect) +
               (dialect == store::Dialect::Sqlite ? " ids CROSS JOIN clients c" : " ids JOIN clients c") +
               " ON c.id = ids.id";
        from_params.emplace_back(id_list_value(dialect, *plan.ids));
    }

    std::vector<Value> where_params{company_id, std::int64_t{query.archived ? 1 : 0}};
    // Merged cards are always archived (a merge archives them and they cannot be restored), so only
    // the archive's list needs to leave them out: the active list keeps its index-only walk.
    std::string where = "c.company_id = ? AND c.archived = ?";
    if (query.archived) where += " AND c.merged_into_id IS NULL";
    if (plan.filter) {
        where += " AND " + id_filter(dialect);
        where_params.emplace_back(id_list_value(dialect, *plan.filter));
    }
    for (auto i : plan.exists_groups)
        where += " AND " + storage::search_match_condition(dialect, groups[i], where_params);
    if (!query.status.empty()) {
        where += " AND c.status = ?";
        where_params.emplace_back(query.status);
    }
    if (query.assigned_user_id) {
        where += " AND c.assigned_user_id = ?";
        where_params.emplace_back(*query.assigned_user_id);
    }
    if (query.category_id) {
        where += " AND EXISTS (SELECT 1 FROM client_categories cc WHERE cc.company_id = c.company_id AND "
                 "cc.client_id = c.id AND cc.category_id = ?)";
        where_params.emplace_back(*query.category_id);
    }
    if (auto cursor = store::decode_cursor(query.cursor)) {
        const char* cmp = sort.descending ? "<" : ">";
        where += " AND (" + sort_expr + " " + cmp + " ? OR (" + sort_expr + " = ? AND c.id " + cmp + " ?))";
        where_params.insert(where_params.end(), sort_params.begin(), sort_params.end());
        where_params.emplace_back(cursor->second);
        where_params.insert(where_params.end(), sort_params.begin(), sort_params.end());
        where_params.emplace_back(cursor->second);
        where_params.emplace_back(cursor->first);
    }
    const char* dir = sort.descending ? " DESC" : " ASC";
    std::string sql = std::string(R"SQL(
SELECT c.id, c.kind, c.status, c.display_name, c.trade_name, c.legal_name, c.siret, c.email, c.phone, c.billing_city,
  c.billing_postal_code, COALESCE(u.name, ''), c.created_at, c.updated_at, c.archived, )SQL") +
                      sort_expr + R"SQL(
FROM )SQL" + from + R"SQL( LEFT JOIN users u ON u.id = c.assigned_user_id AND u.company_id = c.company_id
WHERE )SQL" + where + " ORDER BY " + sort_expr + dir + ", c.id" + dir + " LIMIT ?";

    std::vector<Value> params = sort_params;  // the SELECT list
    params.insert(params.end(), from_params.begin(), from_params.end());
    params.insert(params.end(), where_params.begin(), where_params.end());
    params.insert(params.end(), sort_params.begin(), sort_params.end());  // ORDER BY
    params.emplace_back(std::int64_t{limit + 1});

    ClientListPage page;
    auto rows = conn.query(sql, params);
    for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(limit); ++i) {
        const auto& r = rows[i];
        page.items.push_back({r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7),
                              r.text(8), r.text(9), r.text(10), r.text(11), r.text(12), r.text(13), r.boolean(14)});
    }
    if (rows.size() > static_cast<std::size_t>(limit)) {
        const auto& last = rows[limit - 1];
        page.next_cursor = store::encode_cursor(last.int64(0), last.text(15));
    }
    return page;
}

}  // namespace storage
}  // namespace comptoir::crm
