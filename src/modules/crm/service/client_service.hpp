// The client base's use cases. Every entry point (pages, API, CLI, import) goes through here: this is
// where permissions are checked, input is validated and normalised, duplicates are detected, the
// audit log is written, and each use case runs in one transaction.
//
// Permissions: every role reads; admin and sales create, edit and archive clients and contacts; the
// accountant may change only the accounting fields (accounting code, payment terms and method);
// categories and batch creation (import) are admin-only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/crm/model/client.hpp"
#include "modules/crm/storage/client_search.hpp"
#include "store/database.hpp"

namespace comptoir::crm {

struct Category {
    std::int64_t id = 0;
    std::string name;
    std::string color;
    std::int64_t client_count = 0;
};

struct UserRef {
    std::int64_t id = 0;
    std::string name;
};

enum class DuplicatePolicy { Refuse, CreateAnyway };

struct BatchResult {
    std::string status;  // "created", "duplicate", "invalid"
    std::int64_t id = 0;
    std::vector<DuplicateMatch> matches;
    std::vector<FieldIssue> errors;
};

// A table of another module whose rows belong to a client (documents, payments...), with
// `company_id` and `client_id` columns. Modules register theirs at start-up, so that crm can tell
// whether a client is in use (an import's undo refuses to remove or rewind clients that have since
// got documents or payments) without depending on those modules.
struct ClientReference {
    std::string table;     // an identifier: lower-case letters and underscores only
    std::string label_fr;  // "documents commerciaux"
    std::string label_en;  // "commercial documents"
    // False for rows that only describe the client (the GDPR consent history): they move with it but
    // never stop an import's undo (the undo removes them with the client).
    bool blocks_undo = true;
    // True for a table with at most one row per client (keyed by company_id and client_id, e.g. a
    // client's public-sector data); false for one with an `id` primary key and any number of rows.
    // A merge moves the latter's rows to the surviving client, the former's only if it has none.
    bool one_per_client = false;
};

class ClientService {
public:
    // `fulltext`: the SQLite database's full-text index of clients (null on PostgreSQL).
    ClientService(store::Database& db, storage::FulltextIndex* fulltext) : db_(db), fulltext_(fulltext) {}
    storage::FulltextIndex* fulltext() { return fulltext_; }

    Result<Client> create(const Actor& actor, Client input, DuplicatePolicy policy);
    Result<Client> update(const Actor& actor, std::int64_t id, Client input, DuplicatePolicy policy);
    Result<Client> get(const Actor& actor, std::int64_t id);
    Result<ClientListPage> list(const Actor& actor, const ClientListQuery& query);
    Result<Client> set_archived(const Actor& actor, std::int64_t id, bool archived);
    // For the live warning while a form is typed: the matches of whatever fields are already valid.
    Result<std::vector<DuplicateMatch>> find_duplicates(const Actor& actor, Client draft);
    // Up to 1000 clients in one transaction (admin only); each gets its own outcome.
    Result<std::vector<BatchResult>> create_batch(const Actor& actor, std::vector<Client> inputs, DuplicatePolicy policy);

    Result<Contact> add_contact(const Actor& actor, std::int64_t client_id, Contact input, DuplicatePolicy policy);
    Result<Contact> update_contact(const Actor& actor, std::int64_t contact_id, Contact input, DuplicatePolicy policy);
    Result<std::int64_t> delete_contact(const Actor& actor, std::int64_t contact_id);  // returns the client id
    // The contact and the id of its client.
    Result<std::pair<std::int64_t, Contact>> get_contact(const Actor& actor, std::int64_t contact_id);

    Result<std::vector<Category>> categories(const Actor& actor);
    Result<Category> create_category(const Actor& actor, const std::string& name, const std::string& color);
    Result<Category> update_category(const Actor& actor, std::int64_t id, const std::string& name, const std::string& color);
    Result<std::int64_t> delete_category(const Actor& actor, std::int64_t id);

    Result<std::vector<audit::Entry>> history(const Actor& actor, std::int64_t client_id);
    Result<std::vector<UserRef>> assignable_users(const Actor& actor);

    // Throws std::invalid_argument for a table name that is not a plain identifier.
    void add_client_reference(ClientReference reference);
    const std::vector<ClientReference>& client_references() const { return references_; }

private:
    store::Database& db_;
    storage::FulltextIndex* fulltext_;
    std::vector<ClientReference> references_;
};

bool can_write_clients(const Actor& actor);

}  // namespace comptoir::crm
