// The write path of new and changed client cards, shared by the client service (one card, a batch)
// and the import (chunks of rows). Internal to the crm module.
#pragma once


#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/crm/domain/accounting_code.hpp"
#include "modules/crm/model/client.hpp"
#include "modules/crm/service/client_service.hpp"
#include "store/database.hpp"

namespace comptoir::crm::writer {

Error duplicate_error(const std::vector<DuplicateMatch>& matches);
// 409 client.anonymised: a client erased by anonymisation (GDPR) is never edited back into a person.
Error anonymised_error();

// References to other records must belong to the actor's company; a foreign id reads as unknown. Each
// id is looked up once per use case, which matters for a batch where every client names the same few.
class References {
public:
    References(store::Connection& conn, const Actor& actor) : conn_(conn), company_id_(actor.company_id) {}
    void check(const Client& c, std::vector<FieldIssue>& issues);

private:
    store::Connection& conn_;
    std::int64_t company_id_;
    std::map<std::int64_t, bool> users_, categories_;
};

// The accounting-code counter of one batch of new clients: read when the batch starts, then advanced
// in memory and written back once by finish(), before the batch commits. One statement per client was
// a tenth of a bulk load's time under the write lock. Reading it takes its row lock until commit on
// PostgreSQL, so batches of one company write one after the other, and the batch's duplicate lookups,
// made after this, see every batch committed before it (SQLite's write lock already does that).
class CodeCounter {
public:
    CodeCounter(store::Connection& conn, std::int64_t company_id);
    std::int64_t next() { advanced_ = true; return ++last_; }
    void finish(store::Connection& conn);

private:
    std::int64_t company_id_;
    std::int64_t last_;
    bool advanced_ = false;  // numbers taken since the counter was read
};

AccountingCodeRule company_rule(store::Connection& conn, const Actor& actor);
Result<std::string> assign_accounting_code(store::Connection& conn, const Actor& actor, const Client& c,
                                           const AccountingCodeRule& rule, CodeCounter* counter = nullptr);

// (term, client id) rows collected over a batch and written once (see write_new).
using DeferredTerms = std::vector<std::pair<std::string, std::int64_t>>;

class BatchDuplicates;

// What a batch of new clients shares under its write lock (see write_new); every member is optional.
struct Batch {
    DeferredTerms* terms = nullptr;             // the search terms, written by the caller at the end
    CodeCounter* counter = nullptr;             // the accounting-code counter, read once
    BatchDuplicates* duplicates = nullptr;      // duplicate checks and channels of the whole batch
    std::vector<std::string>* prepared = nullptr;  // this client's terms, computed before the lock
};

// Writes one new, already normalised client: checks, duplicates, accounting code, rows and index.
// Alone, it writes its search terms and channels itself; in a `batch`, what the batch holds is
// deferred to it (search_terms_of's terms get the generated accounting code added here). Business
// failures (invalid, duplicate, code taken) are found before anything is written.
Result<Client> write_new(store::Connection& conn, const Actor& actor, Client c, std::vector<FieldIssue> issues,
                         DuplicatePolicy policy, References& refs, const AccountingCodeRule& rule,
                         const std::string& now, const Batch& batch = {});

// Writes the new state of an existing client (already normalised and checked, accounting code set):
// the card, its contacts (ids kept, new ones inserted, absent ones deleted), categories and index.
void write_update(store::Connection& conn, const Actor& actor, Client& c, const std::string& now);

// Removes clients and everything that only exists through it (contacts, categories, channels,
// search terms). The caller has checked that nothing else refers to it.
void delete_clients(store::Connection& conn, std::int64_t company_id, const std::vector<std::int64_t>& client_ids);

}  // namespace comptoir::crm::writer
