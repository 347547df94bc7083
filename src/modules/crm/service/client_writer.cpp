#include "modules/crm/service/client_writer.hpp"

#include <algorithm>

#include "modules/crm/model/client_json.hpp"
#include "modules/crm/service/batch_duplicates.hpp"
#include "modules/crm/storage/client_store.hpp"
#include "modules/crm/storage/search_index.hpp"

namespace comptoir::crm::writer {

Error duplicate_error(const std::vector<DuplicateMatch>& matches) {
    Error e{ErrorKind::Duplicate, "client.duplicate",
            "Un client ou un contact existant a le même téléphone, e-mail ou SIRET. Vérifiez les fiches "
            "correspondantes ou confirmez la création.",
            "An existing client or contact has the same phone, email or SIRET. Check the matching records or "
            "confirm to save anyway.",
            {}, {}};
    e.extension_json = nlohmann::json{{"matches", matches_json(matches)}}.dump();
    return e;
}

Error anonymised_error() {
    return Error::conflict("client.anonymised",
                           "Ce client a été anonymisé (RGPD) : sa fiche ne peut plus être modifiée.",
                           "This client was anonymised (GDPR): its card can no longer be changed.");
}

namespace {
template <typename Lookup>
bool known(std::map<std::int64_t, bool>& cache, std::int64_t id, Lookup lookup) {
    auto it = cache.find(id);
    if (it == cache.end()) it = cache.emplace(id, lookup(id)).first;
    return it->second;
}
}  // namespace

void References::check(const Client& c, std::vector<FieldIssue>& issues) {
    if (c.assigned_user_id && !known(users_, *c.assigned_user_id, [&](std::int64_t id) {
            return storage::user_in_company(conn_, company_id_, id);
        }))
        issues.push_back({"assigned_user_id", "assigned_user_id.unknown", "Ce membre de l'équipe n'existe pas.",
                          "This team member does not exist."});
    bool all_categories = std::all_of(c.category_ids.begin(), c.category_ids.end(), [&](std::int64_t id) {
        return known(categories_, id, [&](std::int64_t i) {
            return !storage::existing_categories(conn_, company_id_, {i}).empty();
        });
    });
    if (!all_categories)
        issues.push_back({"category_ids", "category_ids.unknown", "Une des catégories choisies n'existe pas.",
                          "One of the chosen categories does not exist."});
}

AccountingCodeRule company_rule(store::Connection& conn, const Actor& actor) {
    auto rule = parse_rule(storage::accounting_code_rule(conn, actor.company_id));
    return rule ? *rule : AccountingCodeRule{};
}

CodeCounter::CodeCounter(store::Connection& conn, std::int64_t company_id)
    : company_id_(company_id), last_(storage::hold_counter(conn, company_id, "accounting_code")) {}

void CodeCounter::finish(store::Connection& conn) {
    if (advanced_) storage::set_counter(conn, company_id_, "accounting_code", last_);
    advanced_ = false;
}

Result<std::string> assign_accounting_code(store::Connection& conn, const Actor& actor, const Client& c,
                                           const AccountingCodeRule& rule, CodeCounter* counter) {
    if (!c.accounting_code.empty()) {
        if (storage::accounting_code_taken(conn, actor.company_id, c.accounting_code, c.id))
            return fail(Error::invalid_field("accounting_code", "accounting_code.taken",
                                             "Ce compte auxiliaire est déjà attribué à un autre client.",
                                             "This accounting code is already used by another client."));
        return c.accounting_code;
    }
    // A generated code that collides (a renamed client, a code typed by hand) takes the next number.
    for (int attempt = 0; attempt < 50; ++attempt) {
        const std::int64_t n =
            counter ? counter->next() : storage::next_counter(conn, actor.company_id, "accounting_code");
        auto code = generate_code(rule, c.display_name(), n);
        if (!storage::accounting_code_taken(conn, actor.company_id, code, c.id)) return code;
    }
    return fail(Error::internal("accounting_code.exhausted"));
}

Result<Client> write_new(store::Connection& conn, const Actor& actor, Client c, std::vector<FieldIssue> issues,
                         DuplicatePolicy policy, References& refs, const AccountingCodeRule& rule,
                         const std::string& now, const Batch& batch) {
    refs.check(c, issues);
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    c.id = 0;
    if (policy == DuplicatePolicy::Refuse) {
        auto matches = batch.duplicates ? batch.duplicates->find(c) : storage::find_duplicates(conn, actor.company_id, c);
        if (!matches.empty()) return fail(duplicate_error(matches));
    }
    const bool generated = c.accounting_code.empty();
    TRY_RESULT(code, assign_accounting_code(conn, actor, c, rule, batch.counter));
    c.accounting_code = code;
    c.id = storage::insert_client(conn, actor.company_id, c, actor.user_id, now);
    storage::insert_contacts(conn, actor.company_id, c.id, c.contacts, now);  // gives the contacts their ids
    if (!c.category_ids.empty()) storage::save_categories(conn, actor.company_id, c.id, c.category_ids, true);
    if (batch.duplicates) batch.duplicates->add(c);
    else storage::insert_channels(conn, actor.company_id, c.id, storage::channels_of(c));
    std::vector<std::string> terms;
    if (batch.prepared) {
        terms = std::move(*batch.prepared);
        if (generated) storage::add_accounting_code_term(terms, c.accounting_code);
    } else {
        terms = storage::search_terms_of(c);
    }
    if (batch.terms) {
        for (auto& term : terms) batch.terms->emplace_back(std::move(term), c.id);
    } else {
        std::vector<std::pair<std::string, std::int64_t>> rows;
        for (auto& term : terms) rows.emplace_back(std::move(term), c.id);
        storage::insert_search_terms(conn, actor.company_id, std::move(rows));
    }
    return c;
}

void write_update(store::Connection& conn, const Actor& actor, Client& c, const std::string& now) {
    storage::update_client(conn, actor.company_id, c, actor.user_id, now);
    storage::save_contacts(conn, actor.company_id, c.id, c.contacts, now);
    storage::save_categories(conn, actor.company_id, c.id, c.category_ids);
    storage::reindex_client(conn, actor.company_id, c);
}

void delete_clients(store::Connection& conn, std::int64_t company_id, const std::vector<std::int64_t>& client_ids) {
    storage::delete_search_terms(conn, company_id, client_ids);
    const std::string in = storage::id_in(conn.dialect());
    for (std::size_t start = 0; start < client_ids.size(); start += 500) {
        std::vector<std::int64_t> ids(client_ids.begin() + start,
                                      client_ids.begin() + std::min(client_ids.size(), start + 500));
        const std::string list = storage::id_list_value(conn.dialect(), ids);
        for (std::string table :
             {"client_channels", "client_categories", "contacts", "client_consent_events"})
            conn.execute("DELETE FROM " + table + " WHERE company_id = ? AND client_id " + in, {company_id, list});
        conn.execute("DELETE FROM clients WHERE company_id = ? AND id " + in, {company_id, list});
    }
}

}  // namespace comptoir::crm::writer
