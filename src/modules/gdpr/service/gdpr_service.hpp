// The GDPR use cases: export of a person's data (right of access and portability), the record of a
// rectification request, erasure by anonymisation (which keeps issued documents as the law requires),
// the consent history, the prospects' retention rule and the register of processing activities.
//
// Permissions: exports, anonymisation and the retention rule are the admin's alone (they expose or
// destroy a whole person's data; the accountant keeps the books and never needs either); a
// rectification request is recorded by whoever may edit clients (admin, sales); every role reads
// the consent history and the register, which only admins edit.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/gdpr/model/personal_data_source.hpp"
#include "modules/gdpr/model/register.hpp"
#include "modules/gdpr/storage/gdpr_store.hpp"

namespace comptoir::crm::storage {
class FulltextIndex;
}
#include "modules/gdpr/storage/table_source.hpp"
#include "store/database.hpp"

namespace comptoir::gdpr {

class CrmSource;

struct ExportFile {
    std::string content;
    std::string content_type;
    std::string filename;
};

struct Confirmation {
    bool confirmed = false;  // the admin ticked (or sent) the explicit confirmation
    std::string reason;      // why (a request received on ..., retention rule...): required
};

struct RetentionView {
    int years = 3;
    std::string cutoff;  // YYYY-MM-DD: no activity since
    std::vector<storage::Prospect> prospects;
};

class GdprService {
public:
    // `fulltext`: the SQLite database's full-text index of clients (null on PostgreSQL), purged after an
    // erasure.
    GdprService(store::Database& db, crm::storage::FulltextIndex* fulltext);
    ~GdprService();

    // Plugged by the app at start-up: what another module holds about clients.
    void add_source(std::unique_ptr<PersonalDataSource> source);
    void add_table(TableSpec spec);

    // `format`: "json" or "csv"; `contact_id` 0 for the client itself. Audited (who, when, whom, format).
    Result<ExportFile> export_data(const Actor& actor, std::int64_t client_id, std::int64_t contact_id,
                                   const std::string& format);
    // The export of one contact, found by its own id.
    Result<ExportFile> export_contact(const Actor& actor, std::int64_t contact_id, const std::string& format);
    // Records that a change is made on a GDPR rectification request (the change itself goes through
    // the client and contact forms). Returns the audit entry's time.
    Result<std::string> record_rectification(const Actor& actor, std::int64_t client_id, std::int64_t contact_id,
                                             const std::string& reason);
    // One transaction; refused without confirmation and reason; 409 when already anonymised.
    Result<std::string> anonymise_client(const Actor& actor, std::int64_t client_id, const Confirmation& confirmation);
    Result<std::int64_t> anonymise_contact(const Actor& actor, std::int64_t contact_id, const Confirmation& confirmation);

    Result<std::vector<storage::ConsentEvent>> consent_history(const Actor& actor, std::int64_t client_id);
    // Whether the client exists in the company and was anonymised (for pages); NotFound otherwise.
    Result<std::string> anonymised_at(const Actor& actor, std::int64_t client_id);

    Result<RetentionView> retention(const Actor& actor);
    Result<int> set_retention_years(const Actor& actor, int years);
    // Every id must be one of the listed prospects (`client_ids[i]` otherwise); all in one transaction.
    Result<std::vector<std::int64_t>> anonymise_prospects(const Actor& actor, const std::vector<std::int64_t>& client_ids,
                                                          const Confirmation& confirmation);

    Result<std::vector<Activity>> activities(const Actor& actor);
    // `fields`: some of activity_fields(); unknown keys and empty names are refused naming the field.
    Result<Activity> update_activity(const Actor& actor, const std::string& key,
                                     const std::map<std::string, std::string>& fields);

private:
    Result<std::vector<Section>> collect(store::Connection& conn, const Person& person);
    void anonymise_person(store::Connection& conn, const Actor& actor, const Person& person, const std::string& reason,
                          const std::string& via);
    // The client and the cards merged into it.
    void anonymise_client_in(store::Connection& conn, const Actor& actor, const Person& person,
                             const std::string& reason, const std::string& via);
    RetentionView retention_in(store::Connection& conn, const Actor& actor);
    // Once an erasure is committed: each source's follow-up (see PersonalDataSource::after_anonymised).
    void after_anonymised();

    store::Database& db_;
    CrmSource* crm_ = nullptr;  // owned by sources_
    std::vector<std::unique_ptr<PersonalDataSource>> sources_;
};

std::optional<Error> check_confirmation(const Confirmation& confirmation);
// Today minus `years`, as YYYY-MM-DD (29 February becomes the 28th).
std::string years_before(const std::string& today, int years);

}  // namespace comptoir::gdpr
