#include "modules/crm/storage/search_index.hpp"

#include <algorithm>
#include <map>

#include "modules/crm/storage/client_store.hpp"
#include "modules/crm/storage/fulltext_index.hpp"
#include "store/bulk_insert.hpp"

namespace comptoir::crm::storage {
namespace {

using store::Value;

// The largest code point in UTF-8: every string starting with a prefix sorts below prefix + this.
constexpr const char* kPrefixEnd = "\xf4\x8f\xbf\xbf";

// ASCII punctuation the FTS5 tokenizer keeps inside a word (its `tokenchars`, see the migration):
// everything an e-mail address may hold. Any other ASCII character would split a term in two.
constexpr std::string_view kWordPunctuation = ".-@_+!#$%&*/=?^`{|}~'";

bool sqlite(const store::Connection& conn) { return conn.dialect() == store::Dialect::Sqlite; }

// The longest prefix FTS5 keeps a prefix index for (prefix='1 2 3 4' in fulltext_index.cpp).
constexpr std::size_t kIndexedPrefix = 4;

// An FTS5 query for one group: each prefix quoted (so that it is one token, whatever it holds) and,
// unless `exact`, starred; the alternatives joined by OR.
std::string fts_query(const std::vector<std::string>& group, bool exact = false) {
    std::string out;
    for (const auto& prefix : group) {
        if (!out.empty()) out += " OR ";
        out += '"';
        for (char ch : prefix) {
            if (ch == '"') out += '"';
            out += ch;
        }
        out += exact ? "\"" : "\"*";
    }
    return out;
}

// The client ids of one group on PostgreSQL, one range scan of the term index per prefix. UNION ALL
// rather than an OR of ranges, which planners handle poorly.
std::string term_ids_sql(std::int64_t company_id, const std::vector<std::string>& group, std::vector<Value>& params) {
    std::string sql;
    for (const auto& prefix : group) {
        if (!sql.empty()) sql += " UNION ALL ";
        sql += "SELECT t.client_id FROM client_search_terms t WHERE t.company_id = ? AND t.term >= ? AND t.term < ?";
        params.emplace_back(company_id);
        params.emplace_back(prefix);
        params.emplace_back(prefix + kPrefixEnd);
    }
    return sql;
}

}  // namespace

std::string email_search_term(std::string_view email) {
    std::string out = "@";
    for (char ch : email) {
        const auto byte = static_cast<unsigned char>(ch);
        const bool kept = byte >= 0x80 || std::isalnum(byte) || kWordPunctuation.find(ch) != std::string_view::npos;
        out += kept ? ch : '_';
    }
    return out;
}

void insert_search_terms(store::Connection& conn, std::int64_t company_id,
                         std::vector<std::pair<std::string, std::int64_t>> terms) {
    if (terms.empty()) return;
    if (sqlite(conn)) {
        // One document per client, which the full-text index (fulltext_index.hpp) picks up by its id.
        std::map<std::int64_t, std::string> documents;
        for (auto& [term, client_id] : terms) {
            auto& doc = documents[client_id];
            if (!doc.empty()) doc += ' ';
            doc += term;
        }
        std::vector<std::vector<Value>> rows;
        rows.reserve(documents.size());
        for (auto& [client_id, doc] : documents) rows.push_back({client_id, std::move(doc)});
        store::insert_rows(conn, "client_search_docs", {"id", "terms"}, rows);
        return;
    }
    // Sorted, so that a batch touches each page of the term index once.
    std::sort(terms.begin(), terms.end());
    std::vector<std::vector<Value>> rows;
    rows.reserve(terms.size());
    for (auto& [term, client_id] : terms) rows.push_back({company_id, std::move(term), client_id});
    store::insert_rows(conn, "client_search_terms", {"company_id", "term", "client_id"}, rows);
}

void delete_search_terms(store::Connection& conn, std::int64_t company_id, const std::vector<std::int64_t>& client_ids) {
    const std::string in = id_in(conn.dialect());
    for (std::size_t start = 0; start < client_ids.size(); start += 500) {
        std::vector<std::int64_t> ids(client_ids.begin() + static_cast<std::ptrdiff_t>(start),
                                      client_ids.begin() + static_cast<std::ptrdiff_t>(std::min(client_ids.size(), start + 500)));
        const std::string list = id_list_value(conn.dialect(), ids);
        if (sqlite(conn)) {
            // Only ids that are this company's clients are taken. The log tells the full-text index
            // to read these documents again (gone, or written anew by the caller).
            const std::string mine = "(SELECT id FROM clients WHERE company_id = ? AND id " + in + ")";
            conn.execute("INSERT INTO client_search_changes (client_id) SELECT id FROM client_search_docs WHERE id IN " +
                             mine,
                         {company_id, list});
            conn.execute("DELETE FROM client_search_docs WHERE id IN " + mine, {company_id, list});
        } else
            conn.execute("DELETE FROM client_search_terms WHERE company_id = ? AND client_id " + in, {company_id, list});
    }
}

std::int64_t count_search_matches(store::Connection& conn, FulltextIndex* fulltext, std::int64_t company_id,
                                  const std::vector<std::string>& group, std::int64_t cap) {
    if (fulltext) {
        // FTS5 answers a prefix longer than its prefix indexes by merging the lists of every term that
        // starts with it, whole, whatever the LIMIT: 29 ms for "contact" at a million clients. The
        // word itself is one list, read only up to the LIMIT: when it alone passes the cap, so does
        // the prefix.
        const bool long_prefix = std::any_of(group.begin(), group.end(),
                                             [](const std::string& p) { return p.size() > kIndexedPrefix; });
        if (long_prefix)
            if (auto exact = fulltext->count(fts_query(group, true), cap); exact > cap) return exact;
        return fulltext->count(fts_query(group), cap);
    }
    const std::string limit = " LIMIT " + std::to_string(cap + 1) + ") x";
    std::vector<Value> params;
    return conn.query_one("SELECT COUNT(*) FROM (" + term_ids_sql(company_id, group, params) + limit, params)->int64(0);
}

std::vector<std::int64_t> search_match_ids(store::Connection& conn, FulltextIndex* fulltext, std::int64_t company_id,
                                           const std::vector<std::string>& group) {
    if (fulltext) return fulltext->ids(fts_query(group));
    std::vector<Value> params;
    auto ids = conn.query_int64s(term_ids_sql(company_id, group, params), params);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

std::string search_match_condition(store::Dialect dialect, const std::vector<std::string>& group,
                                   std::vector<Value>& params) {
    std::string any;
    for (const auto& prefix : group) {
        if (!any.empty()) any += " OR ";
        if (dialect == store::Dialect::Sqlite) {
            // A term starts with the prefix when " prefix" occurs in " term term …".
            any += "instr(' ' || d.terms, ?) > 0";
            params.emplace_back(" " + prefix);
        } else {
            any += "(t.term >= ? AND t.term < ?)";
            params.emplace_back(prefix);
            params.emplace_back(prefix + kPrefixEnd);
        }
    }
    if (dialect == store::Dialect::Sqlite)
        return "EXISTS (SELECT 1 FROM client_search_docs d WHERE d.id = c.id AND (" + any + "))";
    return "EXISTS (SELECT 1 FROM client_search_terms t WHERE t.company_id = c.company_id AND t.client_id = c.id AND (" +
           any + "))";
}

}  // namespace comptoir::crm::storage
