// SQL for the mail settings, the edited templates and the record of every send; and the company-wide
// read of overdue invoices the reminders list starts from. Every function takes the company id and
// every statement is scoped by it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/money/money.hpp"
#include "modules/mail/model/mail_send.hpp"
#include "modules/mail/model/mail_settings.hpp"
#include "modules/mail/model/mail_template.hpp"
#include "store/database.hpp"

namespace comptoir::mail::storage {

std::optional<MailSettings> load_settings(store::Connection& conn, std::int64_t company_id);
void save_settings(store::Connection& conn, std::int64_t company_id, const MailSettings& s, std::int64_t user_id,
                   const std::string& now);

// The templates the company changed (the others are the defaults).
std::map<TemplateKey, MailTemplate> load_templates(store::Connection& conn, std::int64_t company_id);
void save_template(store::Connection& conn, std::int64_t company_id, const MailTemplate& t, std::int64_t user_id,
                   const std::string& now);
void delete_template(store::Connection& conn, std::int64_t company_id, TemplateKey key);

// Records a pending send under `idempotency_key` and returns its id; 0 when the key is already
// taken in this company (the caller then reads what the first request recorded).
std::int64_t insert_pending(store::Connection& conn, std::int64_t company_id, const MailSend& send,
                            const std::string& idempotency_key, const std::string& request_hash);
void finish_send(store::Connection& conn, std::int64_t company_id, std::int64_t id, SendStatus status,
                 const std::string& error_code, const std::string& error_detail, const std::string& now);

struct KeyedSend {
    MailSend send;
    std::string request_hash;
};
std::optional<KeyedSend> find_by_key(store::Connection& conn, std::int64_t company_id, const std::string& key);
std::optional<MailSend> find_send(store::Connection& conn, std::int64_t company_id, std::int64_t id);

struct SendQuery {
    std::optional<std::int64_t> client_id;
    std::optional<std::int64_t> document_id;
    std::optional<SendKind> kind;
    int limit = 25;
    std::optional<std::int64_t> before_id;  // keyset: newest first
};
std::vector<MailSend> list_sends(store::Connection& conn, std::int64_t company_id, const SendQuery& q);
// Every send of a client, oldest first (the history).
std::vector<MailSend> client_sends(store::Connection& conn, std::int64_t company_id, std::int64_t client_id);

// The last reminder sent for each invoice among `ids`: its level and when.
struct LastReminder {
    int level = 0;
    std::string at;
};
std::map<std::int64_t, LastReminder> last_reminders(store::Connection& conn, std::int64_t company_id,
                                                    const std::vector<std::int64_t>& ids);

// Issued invoices (invoice, deposit, situation) due before `today` whose amount due is not covered by
// their active allocations and issued credit notes: the candidates of the reminders list, oldest due
// first. The payments module's settlement rules confirm each one (service).
struct OverdueCandidate {
    std::int64_t id = 0;
    std::int64_t client_id = 0;
    std::string client_name;  // as issued
    std::string type, number, issue_date, due_date;
    Money total_incl_vat;
};
std::vector<OverdueCandidate> overdue_candidates(store::Connection& conn, std::int64_t company_id,
                                                 const std::string& today, std::size_t limit);

}  // namespace comptoir::mail::storage
