// The personal data gdpr finds in the modules it depends on: crm (client card, contacts, channels,
// categories, consent history, search index, imported rows) and the audit log. Other modules plug
// their own sources in (see table_source.hpp).
#pragma once

#include <optional>

#include "core/error.hpp"
#include "modules/gdpr/model/personal_data_source.hpp"

namespace comptoir::crm::storage {
class FulltextIndex;
}

namespace comptoir::gdpr {

// The person behind a client (contact_id 0) or one of its contacts, read before anything changes;
// nullopt when the client (or the contact, within that client) does not exist in the company.
std::optional<Person> load_person(store::Connection& conn, std::int64_t company_id, std::int64_t client_id,
                                  std::int64_t contact_id);

class CrmSource : public PersonalDataSource {
public:
    // `fulltext`: the SQLite database's full-text index of clients (null on PostgreSQL).
    explicit CrmSource(crm::storage::FulltextIndex* fulltext) : fulltext_(fulltext) {}
    std::vector<Section> collect(store::Connection& conn, const Person& person) override;
    // A client: the card becomes "Client anonymisé #id" (kind, status, terms, accounting code and
    // assignee kept), contacts, channels, categories and consent history are removed, the search
    // index rebuilt from the neutral card, imported rows blanked, and the card marked anonymised_at.
    // A contact: removed from its client, the index rebuilt.
    void anonymise(store::Connection& conn, const Person& person) override;
    // SQLite's full-text index keeps removed terms until its segments merge: indexes the erasure and
    // merges them now.
    void after_anonymised() override;
    // clients.updated_at: any edit of the card or its contacts.
    std::map<std::int64_t, std::string> last_activity(store::Connection& conn, std::int64_t company_id) override;
    void set_actor(std::int64_t user_id, std::string now) {
        user_id_ = user_id;
        now_ = std::move(now);
    }

private:
    crm::storage::FulltextIndex* fulltext_;
    std::int64_t user_id_ = 0;
    std::string now_;
};

// Audit entries about the client or its contacts: their content is replaced by {"anonymised": true}
// (who did what and when stays); the person's identifiers are replaced in every other entry of the
// company (a document's, an e-mail's). The GDPR's own entries (exports, erasure) hold no personal
// data and are kept.
class AuditSource : public PersonalDataSource {
public:
    std::vector<Section> collect(store::Connection& conn, const Person& person) override;
    void anonymise(store::Connection& conn, const Person& person) override;
};

}  // namespace comptoir::gdpr
