#include "modules/crm/service/client_service.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/clock.hpp"
#include "modules/crm/domain/accounting_code.hpp"
#include "modules/crm/model/client_json.hpp"
#include "modules/crm/model/client_validation.hpp"
#include "modules/crm/service/batch_duplicates.hpp"
#include "modules/crm/service/client_writer.hpp"
#include "modules/crm/storage/client_store.hpp"
#include "modules/crm/storage/search_index.hpp"

namespace comptoir::crm {
namespace {

// Large enough for a bulk load to commit thousands of clients at a time (a commit writes every page it
// touched, and a batch's clients touch pages all over the indexes), small enough that a batch holds the
// write lock for one to two seconds at a million clients and its JSON stays a few megabytes.
constexpr std::size_t kMaxBatch = 10000;

Error client_not_found() { return Error::not_found("Ce client n'existe pas.", "This client does not exist."); }

using writer::assign_accounting_code;
using writer::company_rule;
using writer::DeferredTerms;
using writer::References;
using writer::write_new;

}  // namespace

bool can_write_clients(const Actor& actor) { return actor.role == Role::Admin || actor.role == Role::Sales; }

Result<Client> ClientService::create(const Actor& actor, Client input, DuplicatePolicy policy) {
    if (!can_write_clients(actor)) return fail(Error::forbidden());
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Client> {
        auto issues = normalise_client(input, today_iso());
        References refs(conn, actor);
        TRY_RESULT(created, write_new(conn, actor, std::move(input), std::move(issues), policy, refs,
                                      company_rule(conn, actor), now_iso()));
        audit::record(conn, actor, "client", created.id, "create", audit_snapshot(created));
        return *storage::find_client(conn, actor.company_id, created.id);
    });
}

Result<Client> ClientService::update(const Actor& actor, std::int64_t id, Client input, DuplicatePolicy policy) {
    if (!can_write_clients(actor) && actor.role != Role::Accountant) return fail(Error::forbidden());
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Client> {
        auto before = storage::find_client(conn, actor.company_id, id);
        if (!before) return fail(client_not_found());
        if (before->merged_into_id)
            return fail(Error::conflict("client.merged", "Ce client a été fusionné dans " + before->merged_into_name + " : modifiez celui-ci.",
                                        "This client was merged into " + before->merged_into_name + ": edit that one."));
        if (storage::is_anonymised(conn, actor.company_id, id)) return fail(writer::anonymised_error());
        Client c = std::move(input);
        if (actor.role == Role::Accountant) {
            // The accountant keeps the books: only the accounting fields are theirs to change.
            Client limited = *before;
            limited.accounting_code = c.accounting_code;
            limited.payment_terms = c.payment_terms;
            limited.payment_method = c.payment_method;
            c = std::move(limited);
        }
        c.id = id;
        auto issues = normalise_client(c, today_iso());
        References(conn, actor).check(c, issues);
        if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
        if (policy == DuplicatePolicy::Refuse) {
            // Only new values can raise a warning: a client already sharing a phone with another (and
            // confirmed then) must not be blocked on every later edit.
            auto matches = storage::find_duplicates(conn, actor.company_id, c);
            auto known = storage::find_duplicates(conn, actor.company_id, *before);
            std::erase_if(matches, [&](const DuplicateMatch& m) {
                return std::any_of(known.begin(), known.end(), [&](const DuplicateMatch& k) {
                    return k.client_id == m.client_id && k.field == m.field && k.value == m.value;
                });
            });
            if (!matches.empty()) return fail(writer::duplicate_error(matches));
        }
        if (c.accounting_code.empty()) c.accounting_code = before->accounting_code;
        TRY_RESULT(code, assign_accounting_code(conn, actor, c, company_rule(conn, actor)));
        c.accounting_code = code;
        auto now = now_iso();
        writer::write_update(conn, actor, c, now);
        auto changes = audit::diff(audit_snapshot(*before), audit_snapshot(c));
        if (!changes.empty()) audit::record(conn, actor, "client", id, "update", changes);
        return *storage::find_client(conn, actor.company_id, id);
    });
}

Result<Client> ClientService::get(const Actor& actor, std::int64_t id) {
    return store::with_transaction(db_, false, [&](store::Connection& conn) -> Result<Client> {
        auto c = storage::find_client(conn, actor.company_id, id);
        if (!c) return fail(client_not_found());
        return *c;
    });
}

Result<ClientListPage> ClientService::list(const Actor& actor, const ClientListQuery& query) {
    if (!storage::valid_cursor(query.cursor))
        return fail(Error::invalid_field("cursor", "cursor.invalid", "Curseur de pagination invalide.",
                                         "Invalid pagination cursor."));
    if (query.limit < 1 || query.limit > 200)
        return fail(Error::invalid_field("limit", "limit.range", "La taille de page doit être comprise entre 1 et 200.",
                                         "The page size must be between 1 and 200."));
    auto conn = db_.acquire();
    return storage::list_clients(*conn, fulltext_, actor.company_id, query);
}

Result<Client> ClientService::set_archived(const Actor& actor, std::int64_t id, bool archived) {
    if (!can_write_clients(actor)) return fail(Error::forbidden());
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Client> {
        auto c = storage::find_client(conn, actor.company_id, id);
        if (!c) return fail(client_not_found());
        // A card merged into another stays archived (lists rely on it): undo the merge instead.
        if (c->merged_into_id && !archived)
            return fail(Error::conflict("client.merged",
                                        "Ce client a été fusionné dans " + c->merged_into_name +
                                            " : annulez la fusion pour le retrouver.",
                                        "This client was merged into " + c->merged_into_name +
                                            ": undo the merge to get it back."));
        if (c->archived != archived) {
            storage::set_archived(conn, actor.company_id, id, archived, actor.user_id, now_iso());
            audit::record(conn, actor, "client", id, archived ? "archive" : "restore", nlohmann::json::object());
        }
        return *storage::find_client(conn, actor.company_id, id);
    });
}

Result<std::vector<DuplicateMatch>> ClientService::find_duplicates(const Actor& actor, Client draft) {
    // Normalise what can be; fields that are invalid are simply left out of the comparison.
    auto issues = normalise_client(draft, today_iso());
    for (const auto& issue : issues) {
        if (issue.field == "email") draft.email.clear();
        if (issue.field == "phone") draft.phone.clear();
        if (issue.field == "siret") draft.siret.clear();
    }
    auto conn = db_.acquire();
    return storage::find_duplicates(*conn, actor.company_id, draft);
}

Result<std::vector<BatchResult>> ClientService::create_batch(const Actor& actor, std::vector<Client> inputs,
                                                             DuplicatePolicy policy) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    if (inputs.size() > kMaxBatch)
        return fail(Error::invalid_field("clients", "clients.too_many", "10 000 clients au plus par lot.",
                                         "At most 10,000 clients per batch."));
    // Validation needs no database, so it runs before the write lock: while one batch writes, the next
    // request is validated on the other core.
    const std::string today = today_iso();
    std::vector<std::vector<FieldIssue>> issues(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i) issues[i] = normalise_client(inputs[i], today);
    // So are the search terms of the valid ones (all but a code generated under the lock).
    std::vector<std::vector<std::string>> prepared(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i)
        if (issues[i].empty()) prepared[i] = storage::search_terms_of(inputs[i]);

    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<std::vector<BatchResult>> {
        References refs(conn, actor);
        const AccountingCodeRule rule = company_rule(conn, actor);
        const std::string now = now_iso();
        DeferredTerms terms;
        writer::CodeCounter counter(conn, actor.company_id);  // before the lookups: see CodeCounter
        writer::BatchDuplicates duplicates(conn, actor.company_id, inputs, issues);
        std::vector<std::int64_t> created_ids;
        std::vector<BatchResult> results;
        results.reserve(inputs.size());
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            std::vector<std::string>* ready = issues[i].empty() ? &prepared[i] : nullptr;
            auto created = write_new(conn, actor, std::move(inputs[i]), std::move(issues[i]), policy, refs, rule, now,
                                     {&terms, &counter, &duplicates, ready});
            BatchResult r;
            if (created) {
                r.status = "created";
                r.id = created->id;
                created_ids.push_back(created->id);
            } else if (created.error().kind == ErrorKind::Duplicate) {
                r.status = "duplicate";
                auto ext = nlohmann::json::parse(created.error().extension_json);
                for (const auto& m : ext["matches"])
                    r.matches.push_back({m["client_id"].get<std::int64_t>(), m["client_name"], m["field"], m["value"],
                                         m["contact_name"], m["archived"].get<bool>()});
            } else if (created.error().kind == ErrorKind::Invalid) {
                r.status = "invalid";
                r.errors = created.error().fields;
            } else {
                return fail(created.error());
            }
            results.push_back(std::move(r));
        }
        counter.finish(conn);
        duplicates.flush(conn);
        storage::insert_search_terms(conn, actor.company_id, std::move(terms));
        // A batch records who created each client and when, not a copy of every field: the values as
        // created are the client's first state, and every later edit records what it changed from.
        audit::record_each(conn, actor, "client", created_ids, "create", {{"via", "batch"}});
        // The batch commits as a whole; per-item failures wrote nothing (checks precede writes).
        return results;
    });
}

void ClientService::add_client_reference(ClientReference reference) {
    bool identifier = !reference.table.empty() && std::all_of(reference.table.begin(), reference.table.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || c == '_';
    });
    if (!identifier) throw std::invalid_argument("client reference: not a table name: " + reference.table);
    references_.push_back(std::move(reference));
}

Result<std::vector<audit::Entry>> ClientService::history(const Actor& actor, std::int64_t client_id) {
    auto conn = db_.acquire();
    if (!storage::find_client(*conn, actor.company_id, client_id)) return fail(client_not_found());
    auto entries = audit::list_for(*conn, actor, "client", client_id);
    // The survivor of a merge keeps the history of the clients merged into it.
    for (const auto& r : conn->query("SELECT id FROM clients WHERE company_id = ? AND merged_into_id = ?",
                                     {actor.company_id, client_id}))
        for (auto& e : audit::list_for(*conn, actor, "client", r.int64(0))) entries.push_back(std::move(e));
    std::stable_sort(entries.begin(), entries.end(), [](const audit::Entry& a, const audit::Entry& b) {
        return a.at != b.at ? a.at > b.at : a.id > b.id;
    });
    return entries;
}

Result<std::vector<UserRef>> ClientService::assignable_users(const Actor& actor) {
    auto conn = db_.acquire();
    std::vector<UserRef> out;
    for (const auto& r : conn->query("SELECT id, name FROM users WHERE company_id = ? AND active = 1 ORDER BY name",
                                     {actor.company_id}))
        out.push_back({r.int64(0), r.text(1)});
    return out;
}

}  // namespace comptoir::crm
