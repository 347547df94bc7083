// Where the words of search as you type are stored, and how a prefix is looked up.
//
// A client's search terms are its folded words (names, city, contacts), its identifiers (SIREN,
// SIRET, accounting code, postal code), its phones in several forms and its e-mail addresses. A
// client matches a query when each word group of the query has a prefix that starts one of its
// terms (client_search.cpp plans that).
//
// The two databases keep the terms differently:
//  * SQLite: client_search_docs holds one row per client (id = client id) with its terms separated
//    by spaces, written with the client. A full-text index (FTS5) over these documents lives in a
//    file of its own, written by its own thread (fulltext_index.hpp): counting and listing the
//    clients of a word read it. Checking one client's terms (the walk in name order) reads its row
//    of client_search_docs: 1.25 µs a client walked at a million clients.
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

class FulltextIndex;  // SQLite's full-text index (fulltext_index.hpp)

// Writes the terms of new clients (pairs of term and client id, any order).
void insert_search_terms(store::Connection& conn, std::int64_t company_id,
                         std::vector<std::pair<std::string, std::int64_t>> terms);
// Removes every term of these clients (of this company only). On SQLite the removal is logged for the
// full-text index, which reads the documents again.
void delete_search_terms(store::Connection& conn, std::int64_t company_id, const std::vector<std::int64_t>& client_ids);

// Lookups for the planner. A group is a set of alternative prefixes. `fulltext` is the SQLite
// database's full-text index, brought up to date by the caller (null on PostgreSQL).
// How many clients (SQLite) or (term, client) rows (PostgreSQL) a group matches, counted up to `cap`.
// On SQLite the count is not limited to the company: it only steers the plan.
std::int64_t count_search_matches(store::Connection& conn, FulltextIndex* fulltext, std::int64_t company_id,
                                  const std::vector<std::string>& group, std::int64_t cap);
// The sorted, distinct ids of the clients matching a group. On SQLite they may include other
// companies' clients: the list query joins them to the company's clients.
std::vector<std::int64_t> search_match_ids(store::Connection& conn, FulltextIndex* fulltext, std::int64_t company_id,
                                           const std::vector<std::string>& group);
// An SQL condition, true when the client row `c` matches the group; its parameters are appended.
std::string search_match_condition(store::Dialect dialect, const std::vector<std::string>& group,
                                   std::vector<store::Value>& params);

}  // namespace comptoir::crm::storage
