// SQL for client cards, contacts, their duplicate-detection channels and search terms.
// Every function takes the company id and every statement is scoped by it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/crm/model/client.hpp"
#include "store/database.hpp"

namespace comptoir::crm::storage {

std::int64_t insert_client(store::Connection& conn, std::int64_t company_id, const Client& c, std::int64_t user_id,
                           const std::string& now);
void update_client(store::Connection& conn, std::int64_t company_id, const Client& c, std::int64_t user_id,
                   const std::string& now);
std::optional<Client> find_client(store::Connection& conn, std::int64_t company_id, std::int64_t id);
// One row of client_consent_events (insert_client and update_client call it for each consent that
// is set or changes; the GDPR module reads the history).
void record_consent(store::Connection& conn, std::int64_t company_id, std::int64_t client_id, const std::string& channel,
                    const Consent& consent, std::int64_t user_id, const std::string& now);
// Whether the client was erased by anonymisation (GDPR): such a card is never edited again.
bool is_anonymised(store::Connection& conn, std::int64_t company_id, std::int64_t id);
void set_archived(store::Connection& conn, std::int64_t company_id, std::int64_t id, bool archived,
                  std::int64_t user_id, const std::string& now);

// Keeps the ids of contacts still present, inserts new ones (id 0), deletes the others.
void save_contacts(store::Connection& conn, std::int64_t company_id, std::int64_t client_id,
                   std::vector<Contact>& contacts, const std::string& now);
std::vector<Contact> load_contacts(store::Connection& conn, std::int64_t company_id, std::int64_t client_id);
// For a new client, which has no contacts yet: inserts them all and gives them their ids.
void insert_contacts(store::Connection& conn, std::int64_t company_id, std::int64_t client_id,
                     std::vector<Contact>& contacts, const std::string& now);
// `fresh`: a new client, with nothing to delete first.
void save_categories(store::Connection& conn, std::int64_t company_id, std::int64_t client_id,
                     const std::vector<std::int64_t>& category_ids, bool fresh = false);
// Several whole clients (contacts and categories included) at once, in the order of `ids`; ids of
// other companies or of no client are left out. Three statements per call (export, import).
// "IN (…)" over a list of ids bound as one parameter (id_list_value), on either database.
std::string id_in(store::Dialect dialect);
std::string id_list_value(store::Dialect dialect, const std::vector<std::int64_t>& ids);
std::vector<Client> find_clients(store::Connection& conn, std::int64_t company_id, const std::vector<std::int64_t>& ids);

// What a client contributes to the duplicate-detection channels and to the search index.
struct Channel {
    std::string kind;  // "email" or "phone"
    std::string value;  // normalised
    std::int64_t contact_id = 0;  // 0: the client's own
    auto operator<=>(const Channel&) const = default;
};
std::vector<Channel> channels_of(const Client& c);
std::vector<std::string> search_terms_of(const Client& c);
// Adds the term of an accounting code given after search_terms_of ran (a generated code).
void add_accounting_code_term(std::vector<std::string>& terms, const std::string& code);

// Rebuilds the duplicate-detection channels and the search terms of one client.
void reindex_client(store::Connection& conn, std::int64_t company_id, const Client& c);

// For new clients, which have nothing to delete first. Channels are written at once, so the next
// client of a batch is checked against them; search terms are collected for one write per batch
// (insert_search_terms, search_index.hpp).
void insert_channels(store::Connection& conn, std::int64_t company_id, std::int64_t client_id,
                     const std::vector<Channel>& channels);

// Existing clients or contacts sharing a normalised phone, email or SIRET with `c` (other than itself).
std::vector<DuplicateMatch> find_duplicates(store::Connection& conn, std::int64_t company_id, const Client& c);

// The rows behind find_duplicates, for many clients at once (a batch of new clients looks all of its
// values up in three statements). A row is a client, or one of its contacts, holding a value.
struct ValueMatch {
    std::string value;
    std::int64_t client_id = 0, contact_id = 0;
    std::string client_name, contact_name;
    bool archived = false;
};
struct DuplicateIndex {
    // Per value, in client id then contact id order.
    std::map<std::pair<std::string, std::string>, std::vector<ValueMatch>> channels;  // (kind, value)
    std::map<std::string, std::vector<ValueMatch>> sirets;
    // What find_duplicates lists for `c`: per value in order (phones and e-mails, then SIRET), at most
    // 20 rows other than `c` itself, each client once per field and value.
    std::vector<DuplicateMatch> matches_of(const Client& c) const;
};
// Every existing row holding one of the phones, e-mails or SIRETs of `clients`.
DuplicateIndex load_duplicate_index(store::Connection& conn, std::int64_t company_id,
                                    const std::vector<const Client*>& clients);
// Channels of several new clients in one sorted multi-row insert: (client id, channel).
void insert_channel_rows(store::Connection& conn, std::int64_t company_id,
                         std::vector<std::pair<std::int64_t, Channel>> rows);

// Next value of a per-company counter (e.g. the accounting code sequence); row-locked until commit.
std::int64_t next_counter(store::Connection& conn, std::int64_t company_id, const std::string& name);
// The counter's current value, its row locked until commit (created at 0 if missing).
std::int64_t hold_counter(store::Connection& conn, std::int64_t company_id, const std::string& name);
// Sets a counter read by next_counter or hold_counter in the same transaction (a batch that took
// several numbers).
void set_counter(store::Connection& conn, std::int64_t company_id, const std::string& name, std::int64_t value);
std::string accounting_code_rule(store::Connection& conn, std::int64_t company_id);
bool accounting_code_taken(store::Connection& conn, std::int64_t company_id, const std::string& code,
                           std::int64_t except_client_id);
bool user_in_company(store::Connection& conn, std::int64_t company_id, std::int64_t user_id);
std::vector<std::int64_t> existing_categories(store::Connection& conn, std::int64_t company_id,
                                              const std::vector<std::int64_t>& ids);

}  // namespace comptoir::crm::storage
