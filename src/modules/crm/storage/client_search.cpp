#include "modules/crm/storage/client_search.hpp"

#include <algorithm>

#include "core/contact/phone.hpp"
#include "core/text/search_text.hpp"

namespace comptoir::crm {
namespace {

using store::Value;

// The largest code point in UTF-8: every string starting with a prefix sorts below prefix + this.
constexpr const char* kPrefixEnd = "\xf4\x8f\xbf\xbf";
constexpr int kDriveThreshold = 1000;

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

std::string to_hex(const std::string& s) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
    return out;
}

std::optional<std::string> from_hex(const std::string& s) {
    if (s.size() % 2) return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < s.size(); i += 2) {
        auto digit = [](char c) -> int {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            return -1;
        };
        int hi = digit(s[i]), lo = digit(s[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<char>(hi * 16 + lo));
    }
    return out;
}

// A cursor is the last row's sort value and id: "id|value", hex-encoded to stay opaque and URL-safe.
std::optional<std::pair<std::int64_t, std::string>> decode_cursor(const std::string& cursor) {
    auto raw = from_hex(cursor);
    if (!raw) return std::nullopt;
    auto bar = raw->find('|');
    if (bar == std::string::npos || bar == 0 || bar > 18) return std::nullopt;
    std::string id = raw->substr(0, bar);
    if (!std::all_of(id.begin(), id.end(), ::isdigit)) return std::nullopt;
    return std::pair{std::stoll(id), raw->substr(bar + 1)};
}

// "(term >= ? AND term < ?) OR ..." for one group, with its parameters appended to `params`.
std::string group_condition(const std::vector<std::string>& group, std::vector<Value>& params) {
    std::string sql;
    for (const auto& prefix : group) {
        if (!sql.empty()) sql += " OR ";
        sql += "(t.term >= ? AND t.term < ?)";
        params.emplace_back(prefix);
        params.emplace_back(prefix + kPrefixEnd);
    }
    return "(" + sql + ")";
}

std::int64_t estimate(store::Connection& conn, std::int64_t company_id, const std::vector<std::string>& group) {
    std::vector<Value> params{company_id};
    std::string sql = "SELECT COUNT(*) FROM (SELECT 1 FROM client_search_terms t WHERE t.company_id = ? AND " +
                      group_condition(group, params) + " LIMIT " + std::to_string(kDriveThreshold + 1) + ") x";
    return conn.query_one(sql, params)->int64(0);
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
        groups.push_back({email});
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

bool valid_cursor(const std::string& cursor) { return cursor.empty() || decode_cursor(cursor).has_value(); }

ClientListPage list_clients(store::Connection& conn, std::int64_t company_id, const ClientListQuery& query) {
    const SortSpec sort = spec(query.sort);
    const int limit = std::clamp(query.limit, 1, 200);
    std::vector<Value> params;
    std::string where = "c.company_id = ? AND c.archived = ?";
    params.emplace_back(company_id);
    params.emplace_back(std::int64_t{query.archived ? 1 : 0});

    auto groups = search_groups(query.q);
    if (!query.q.empty() && groups.empty()) return {};
    std::size_t driver = groups.size();
    if (!groups.empty()) {
        std::int64_t best = kDriveThreshold + 1;
        for (std::size_t i = 0; i < groups.size(); ++i) {
            auto n = estimate(conn, company_id, groups[i]);
            if (n == 0) return {};  // a word that matches nothing: no client can match
            if (n < best) best = n, driver = i;
        }
    }
    for (std::size_t i = 0; i < groups.size(); ++i) {
        if (i == driver) {
            // Uncorrelated, so it is evaluated once: the few matching ids, then lookups by primary key.
            params.emplace_back(company_id);
            where += " AND c.id IN (SELECT t.client_id FROM client_search_terms t WHERE t.company_id = ? AND " +
                     group_condition(groups[i], params) + ")";
        } else {
            where += " AND EXISTS (SELECT 1 FROM client_search_terms t WHERE t.company_id = c.company_id AND "
                     "t.client_id = c.id AND " + group_condition(groups[i], params) + ")";
        }
    }
    if (!query.status.empty()) {
        where += " AND c.status = ?";
        params.emplace_back(query.status);
    }
    if (query.assigned_user_id) {
        where += " AND c.assigned_user_id = ?";
        params.emplace_back(*query.assigned_user_id);
    }
    if (query.category_id) {
        where += " AND EXISTS (SELECT 1 FROM client_categories cc WHERE cc.company_id = c.company_id AND "
                 "cc.client_id = c.id AND cc.category_id = ?)";
        params.emplace_back(*query.category_id);
    }
    if (auto cursor = decode_cursor(query.cursor)) {
        std::string col = sort.column;
        const char* cmp = sort.descending ? "<" : ">";
        where += " AND (" + col + " " + cmp + " ? OR (" + col + " = ? AND c.id " + cmp + " ?))";
        params.emplace_back(cursor->second);
        params.emplace_back(cursor->second);
        params.emplace_back(cursor->first);
    }
    const char* dir = sort.descending ? " DESC" : " ASC";
    std::string sql = std::string(R"SQL(
SELECT c.id, c.kind, c.status, c.display_name, c.trade_name, c.legal_name, c.siret, c.email, c.phone, c.billing_city,
  c.billing_postal_code, COALESCE(u.name, ''), c.created_at, c.updated_at, c.archived, )SQL") +
                      sort.column + R"SQL(
FROM clients c LEFT JOIN users u ON u.id = c.assigned_user_id AND u.company_id = c.company_id
WHERE )SQL" + where + " ORDER BY " + sort.column + dir + ", c.id" + dir + " LIMIT ?";
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
        page.next_cursor = to_hex(std::to_string(last.int64(0)) + "|" + last.text(15));
    }
    return page;
}

}  // namespace storage
}  // namespace comptoir::crm
