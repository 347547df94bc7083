// What a module holds about a person (a client, or one contact of a client), for the GDPR's rights
// of access (export) and erasure (anonymisation), and the activity it records for the prospects'
// retention rule. The gdpr module owns the use cases; each module that keeps personal data about
// clients contributes one source, plugged in by the app at start-up (GdprService::add_source), so
// gdpr never depends on mail, sales, payments or duplicates.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/database.hpp"

namespace comptoir::gdpr {

// The person a request is about, with the values that identify them anywhere (read from the client
// card and its contacts before anything is changed): sources that hold free text (audit entries,
// imported rows, e-mails) look for these.
struct Person {
    std::int64_t company_id = 0;
    std::int64_t client_id = 0;
    std::int64_t contact_id = 0;        // 0: the client itself (with all its contacts)
    std::string neutral_name;           // "Client anonymisé #12": what replaces a name
    std::vector<std::string> names;     // display, legal and trade names; contacts' full names
    std::vector<std::string> emails;    // normalised (lower case)
    std::vector<std::string> phones;    // E.164
    std::vector<std::string> legal_ids; // SIRET, SIREN, VAT number
    std::vector<std::int64_t> contact_ids;
    // Every identifying value above (names of at least 4 characters), for text scrubbing.
    std::vector<std::string> identifiers() const;
};

// One table's worth of what is held: rows as flat JSON objects (column -> value).
struct Section {
    std::string key;       // "crm.client", "mail.sends"
    std::string label_fr;  // "Fiche client"
    std::string label_en;  // "Client card"
    nlohmann::json rows = nlohmann::json::array();
};

class PersonalDataSource {
public:
    virtual ~PersonalDataSource() = default;
    // Everything the source holds about the person (sections may be empty).
    virtual std::vector<Section> collect(store::Connection& conn, const Person& person) = 0;
    // Replaces the person's personal data with neutral values, inside the caller's transaction. Legally
    // kept records (issued documents, accounting entries) are left as they are.
    virtual void anonymise(store::Connection& conn, const Person& person) = 0;
    // Once per erasure, after its transaction committed: for work that is costly per person and enough
    // once, or that reads what was committed, such as purging an index of the removed values.
    virtual void after_anonymised() {}
    // The latest activity (ISO date or timestamp) per client of the company, for the retention rule of
    // prospects; a source that records no activity returns nothing.
    virtual std::map<std::int64_t, std::string> last_activity(store::Connection& conn, std::int64_t company_id) {
        (void)conn;
        (void)company_id;
        return {};
    }
};

}  // namespace comptoir::gdpr
