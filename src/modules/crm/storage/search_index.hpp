// Where the words of search as you type are stored, and how a prefix is looked up.
//
// A client's search terms are its folded words (names, city, contacts), its identifiers (SIREN,
// SIRET, accounting code, postal code), its phones in several forms and its e-mail addresses. A
// client matches a query when each word group of the query has a prefix that starts one of its
// terms (client_search.cpp plans that).
//
// The two databases keep the terms differently:
//  * SQLite: client_search_docs holds one row per client (id = client id) with its terms separated
//    by spaces, and client_search is an FTS5 index over it (external content). FTS5 buffers a
//    transaction's terms in memory and writes them as one sorted segment at commit, merging
//    segments in the background of later writes: loading many clients never updates a large B-tree
//    entry by entry, which made search terms half the cost of a bulk load. Prefix indexes (1 to 6
//    characters) keep short prefixes cheap. Checking one client's terms (the walk in name order)
//    reads its row of client_search_docs, a plain table: 1.25 µs a client walked at a million
//    clients, against about 2 µs through the FTS5 table.
//  * PostgreSQL: client_search_terms, one row per (company, term, client) ordered byte-wise, so a
//    prefix is an index range.
// E-mail addresses are stored with a leading '@' ("@jean.dupont@orange.fr"): a query typed with an
// '@' looks for that form, and a word ("contact") does not run through every "contact@…" address.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/database.hpp"

namespace comptoir::crm::storage {

// The stored form of an e-mail address: '@' first, then the address with any character the index
// does not keep in a word (space, quote, control) replaced by '_'. Queries use the same form.
std::string email_search_term(std::string_view email);

// Writes the terms of new clients (pairs of term and client id, any order).
void insert_search_terms(store::Connection& conn, std::int64_t company_id,
                         std::vector<std::pair<std::string, std::int64_t>> terms);
// Removes every term of these clients (of this company only).
void delete_search_terms(store::Connection& conn, std::int64_t company_id, const std::vector<std::int64_t>& client_ids);
// After personal data was erased (GDPR): rewrites the index so that no trace of the removed terms is
// left in its storage. On SQLite, FTS5 marks deleted terms and drops them only when segments merge;
// this merges them all. Costly on a large base (the whole index is rewritten): call once per erasure.
void purge_deleted_search_terms(store::Connection& conn);

// Lookups for the planner. A group is a set of alternative prefixes.
// How many clients (SQLite) or (term, client) rows (PostgreSQL) a group matches, counted up to `cap`.
// On SQLite the count is not limited to the company: it only steers the plan.
std::int64_t count_search_matches(store::Connection& conn, std::int64_t company_id,
                                  const std::vector<std::string>& group, std::int64_t cap);
// The sorted, distinct ids of the clients matching a group. On SQLite they may include other
// companies' clients: the list query joins them to the company's clients.
std::vector<std::int64_t> search_match_ids(store::Connection& conn, std::int64_t company_id,
                                           const std::vector<std::string>& group);
// An SQL condition, true when the client row `c` matches the group; its parameters are appended.
std::string search_match_condition(store::Dialect dialect, const std::vector<std::string>& group,
                                   std::vector<store::Value>& params);

}  // namespace comptoir::crm::storage
