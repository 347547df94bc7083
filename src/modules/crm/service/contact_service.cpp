// Contacts are edited one at a time from the client's page; each change re-indexes the client so
// search and duplicate detection see it at once.
#include "core/clock.hpp"
#include "modules/crm/model/client_json.hpp"
#include "modules/crm/model/client_validation.hpp"
#include "modules/crm/service/client_service.hpp"
#include "modules/crm/service/client_writer.hpp"
#include "modules/crm/storage/client_store.hpp"

namespace comptoir::crm {
namespace {

Error contact_not_found() { return Error::not_found("Ce contact n'existe pas.", "This contact does not exist."); }

std::optional<std::int64_t> client_of_contact(store::Connection& conn, std::int64_t company_id, std::int64_t contact_id) {
    auto row = conn.query_one("SELECT client_id FROM contacts WHERE company_id = ? AND id = ?", {company_id, contact_id});
    if (!row) return std::nullopt;
    return row->int64(0);
}

Result<std::vector<DuplicateMatch>> contact_duplicates(store::Connection& conn, const Actor& actor,
                                                       std::int64_t client_id, const Contact& contact) {
    Client probe;
    probe.id = client_id;
    probe.contacts = {contact};
    return storage::find_duplicates(conn, actor.company_id, probe);
}

Error duplicate(const std::vector<DuplicateMatch>& matches) {
    Error e{ErrorKind::Duplicate, "contact.duplicate",
            "Un client ou un contact existant a le même téléphone ou e-mail. Vérifiez ou confirmez l'enregistrement.",
            "An existing client or contact has the same phone or email. Check, or confirm to save anyway.", {}, {}};
    e.extension_json = nlohmann::json{{"matches", matches_json(matches)}}.dump();
    return e;
}

void finish(store::Connection& conn, const Actor& actor, Client& client, const std::string& action, const Contact& c) {
    auto now = now_iso();
    storage::save_contacts(conn, actor.company_id, client.id, client.contacts, now);
    storage::reindex_client(conn, actor.company_id, client);
    conn.execute("UPDATE clients SET updated_at = ?, updated_by = ? WHERE company_id = ? AND id = ?",
                 {now, actor.user_id, actor.company_id, client.id});
    audit::record(conn, actor, "client", client.id, action, contact_json(c));
}

}  // namespace

Result<Contact> ClientService::add_contact(const Actor& actor, std::int64_t client_id, Contact input,
                                           DuplicatePolicy policy) {
    if (!can_write_clients(actor)) return fail(Error::forbidden());
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Contact> {
        auto client = storage::find_client(conn, actor.company_id, client_id);
        if (!client) return fail(Error::not_found("Ce client n'existe pas.", "This client does not exist."));
        if (storage::is_anonymised(conn, actor.company_id, client_id)) return fail(writer::anonymised_error());
        input.id = 0;
        if (auto issues = normalise_contact(input, ""); !issues.empty()) return fail(Error::invalid(issues));
        if (client->contacts.size() >= 100)
            return fail(Error::invalid_field("contacts", "too_many", "100 contacts au plus par client.",
                                             "At most 100 contacts per client."));
        if (policy == DuplicatePolicy::Refuse) {
            TRY_RESULT(matches, contact_duplicates(conn, actor, client_id, input));
            if (!matches.empty()) return fail(duplicate(matches));
        }
        if (input.is_primary || client->contacts.empty()) {
            for (auto& other : client->contacts) other.is_primary = false;
            input.is_primary = true;
        }
        client->contacts.push_back(input);
        finish(conn, actor, *client, "contact_add", input);
        return client->contacts.back();
    });
}

Result<Contact> ClientService::update_contact(const Actor& actor, std::int64_t contact_id, Contact input,
                                              DuplicatePolicy policy) {
    if (!can_write_clients(actor)) return fail(Error::forbidden());
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Contact> {
        auto client_id = client_of_contact(conn, actor.company_id, contact_id);
        if (!client_id) return fail(contact_not_found());
        auto client = storage::find_client(conn, actor.company_id, *client_id);
        input.id = contact_id;
        if (storage::is_anonymised(conn, actor.company_id, *client_id)) return fail(writer::anonymised_error());
        if (auto issues = normalise_contact(input, ""); !issues.empty()) return fail(Error::invalid(issues));
        auto it = std::find_if(client->contacts.begin(), client->contacts.end(),
                               [&](const Contact& c) { return c.id == contact_id; });
        if (policy == DuplicatePolicy::Refuse) {
            TRY_RESULT(matches, contact_duplicates(conn, actor, *client_id, input));
            TRY_RESULT(known, contact_duplicates(conn, actor, *client_id, *it));
            std::erase_if(matches, [&](const DuplicateMatch& m) {
                return std::any_of(known.begin(), known.end(), [&](const DuplicateMatch& k) {
                    return k.client_id == m.client_id && k.value == m.value;
                });
            });
            if (!matches.empty()) return fail(duplicate(matches));
        }
        if (input.is_primary)
            for (auto& other : client->contacts) other.is_primary = false;
        else if (it->is_primary)
            input.is_primary = true;  // the primary contact changes only by choosing another one
        *it = input;
        finish(conn, actor, *client, "contact_update", input);
        return input;
    });
}

Result<std::int64_t> ClientService::delete_contact(const Actor& actor, std::int64_t contact_id) {
    if (!can_write_clients(actor)) return fail(Error::forbidden());
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<std::int64_t> {
        auto client_id = client_of_contact(conn, actor.company_id, contact_id);
        if (!client_id) return fail(contact_not_found());
        auto client = storage::find_client(conn, actor.company_id, *client_id);
        auto it = std::find_if(client->contacts.begin(), client->contacts.end(),
                               [&](const Contact& c) { return c.id == contact_id; });
        Contact removed = *it;
        client->contacts.erase(it);
        if (removed.is_primary && !client->contacts.empty()) client->contacts.front().is_primary = true;
        finish(conn, actor, *client, "contact_delete", removed);
        return *client_id;
    });
}

Result<std::pair<std::int64_t, Contact>> ClientService::get_contact(const Actor& actor, std::int64_t contact_id) {
    auto conn = db_.acquire();
    auto client_id = client_of_contact(*conn, actor.company_id, contact_id);
    if (!client_id) return fail(contact_not_found());
    for (auto& c : storage::load_contacts(*conn, actor.company_id, *client_id))
        if (c.id == contact_id) return std::pair{*client_id, c};
    return fail(contact_not_found());
}

}  // namespace comptoir::crm
