// Mail's use cases: the company's SMTP settings and templates, sending an issued document with its
// PDF, payment reminders for overdue invoices, and reading what was sent. Pages and the API all come
// through here: permissions, validation (every wrong field named before anything is written), the
// record of each send and its audit entry.
//
// A send is recorded as "pending" before the SMTP conversation starts and updated with its outcome.
// It carries an idempotency key unique per company: the same request with the same key answers the
// recorded send (whatever its state) and never sends again; the same key with another request is a
// conflict. A send left pending (the process died mid-way) stays so: nothing re-sends it on its own.
// A failed send is retried explicitly, as a new send under a new key.
//
// Permissions: every role reads sends and the reminders list. Admins and sales send documents;
// admins, sales and accountants send reminders (chasing payments is the accountant's daily work);
// read-only users send nothing. SMTP settings and templates are the admins'.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "core/money/money.hpp"
#include "modules/mail/model/mail_send.hpp"
#include "modules/mail/model/mail_settings.hpp"
#include "modules/mail/model/mail_template.hpp"
#include "modules/mail/smtp/smtp_client.hpp"
#include "modules/mail/storage/mail_store.hpp"
#include "store/database.hpp"

namespace comptoir::sales {
class DocumentService;
struct Document;
}
namespace comptoir::crm {
class ClientService;
}
namespace comptoir::identity {
class CompanyService;
}

namespace comptoir::mail {

// The settings as shown: never the password, only whether one is set.
struct SettingsView {
    MailSettings settings;  // password always ""
    bool password_set = false;
};

// One template change: new texts, or back to the default.
struct TemplateChange {
    TemplateKey key = TemplateKey::Invoice;
    bool reset = false;
    std::string subject, body;
};

// An address the client can be written to, for the compose form.
struct AddressOption {
    std::string address;
    std::string label;  // "Jean Dupont (Comptable)", or the client's name for its general address
    bool suggested = false;
};

// What the compose form starts from.
struct ComposeDraft {
    SendKind kind = SendKind::Document;
    int level = 0;
    std::int64_t document_id = 0;
    std::int64_t client_id = 0;
    std::string document_number, document_label, client_name;
    std::vector<AddressOption> addresses;
    std::vector<std::string> cc;
    std::string subject, body;  // the template with its variables filled
    std::string attachment_name;
    bool configured = false;
    std::optional<std::int64_t> retry_of;
};

struct SendRequest {
    std::vector<std::string> recipients, cc;
    std::optional<std::string> subject, body;  // absent: the template's
    std::string idempotency_key;               // "": a new one (the request is then never a repeat)
    std::optional<std::int64_t> retry_of;      // the failed send this one retries
};

struct SendResult {
    MailSend send;
    bool replayed = false;  // the key was known: this is what the first request recorded
};

struct SendPage {
    std::vector<MailSend> items;
    std::optional<std::int64_t> next_before_id;
};

// An issued invoice past its due date with something still to pay.
struct OverdueInvoice {
    std::int64_t id = 0;
    std::int64_t client_id = 0;
    std::string client_name, type, number, issue_date, due_date;
    int days_overdue = 0;
    std::string bucket;  // "1_30", "31_60", "61_90", "over_90"
    Money total, remaining;
    int last_level = 0;  // 0: never reminded
    std::string last_reminded_at;
    int suggested_level = 1;
};

// One invoice of a batch of reminders and the level to send it.
struct ReminderTarget {
    std::int64_t document_id = 0;
    int level = 1;
};

// What happened to one invoice of a batch of reminders: "sent", "failed", "pending" (a repeated key
// whose first attempt never finished) or "not_sent" (not attempted: the server had already failed).
struct ReminderOutcome {
    std::int64_t document_id = 0;
    std::string outcome;
    std::optional<MailSend> send;
    bool replayed = false;
    std::string error_code;
};

class MailService {
public:
    MailService(store::Database& db, sales::DocumentService& documents, crm::ClientService& clients,
                identity::CompanyService& companies);

    Result<SettingsView> settings(const Actor& actor);
    Result<SettingsView> update_settings(const Actor& actor, MailSettingsInput input);
    // Sends a short message through the saved settings to `to` (the admin's own address when empty).
    Result<SmtpOutcome> send_test(const Actor& actor, const std::string& to);

    // All templates, each the company's own or the default in the settings' language.
    Result<std::vector<MailTemplate>> templates(const Actor& actor);
    // Errors name templates[i].key, templates[i].subject, templates[i].body.
    Result<std::vector<MailTemplate>> update_templates(const Actor& actor, const std::vector<TemplateChange>& changes);

    Result<ComposeDraft> compose_document(const Actor& actor, std::int64_t document_id);
    Result<ComposeDraft> compose_reminder(const Actor& actor, std::int64_t document_id, int level);
    // The failed send `send_id` as a new draft (same recipients, subject and body).
    Result<ComposeDraft> compose_retry(const Actor& actor, std::int64_t send_id);

    // Errors name recipients[i], cc[i], subject, body, idempotency_key; 409 mail.not_configured,
    // document.not_issued, idempotency_key.reused (with the first send's id).
    Result<SendResult> send_document(const Actor& actor, std::int64_t document_id, SendRequest request);
    // The same for a reminder of `level` (1–3) about an overdue invoice; `level` errors name "level".
    Result<SendResult> send_reminder(const Actor& actor, std::int64_t document_id, int level, SendRequest request);
    // A reminder to each invoice at its level, to the client's usual addresses with the level's
    // template. Every invoice is checked first (errors name document_ids[i], or level); each one then
    // gets the key "<key>/<invoice id>", so a repeated batch sends nothing twice.
    Result<std::vector<ReminderOutcome>> send_reminders(const Actor& actor, const std::vector<ReminderTarget>& targets,
                                                        const std::string& idempotency_key);
    // Sends a failed send again, as recorded, under a new key.
    Result<SendResult> retry(const Actor& actor, std::int64_t send_id, const std::string& idempotency_key);

    Result<MailSend> get(const Actor& actor, std::int64_t id);
    Result<SendPage> list(const Actor& actor, storage::SendQuery query);
    // Overdue invoices, oldest due first (at most 2,000).
    Result<std::vector<OverdueInvoice>> overdue(const Actor& actor);

    // Tests shorten them; defaults 10 s to connect, 60 s in all.
    void set_timeouts(long connect_seconds, long total_seconds);

private:
    struct Outgoing;
    struct Context;
    Result<Context> context(const Actor& actor, std::int64_t document_id);
    Result<ComposeDraft> compose(const Actor& actor, const Context& ctx, SendKind kind, int level);
    Result<SendResult> send(const Actor& actor, const Context& ctx, SendKind kind, int level, SendRequest request);
    Result<SendResult> deliver(const Actor& actor, const Context& ctx, Outgoing out);
    Result<std::optional<SendResult>> replay(store::Connection& conn, const Actor& actor, const std::string& key,
                                             const std::string& hash);
    SmtpServer server_of(const MailSettings& s) const;
    MailSettings settings_of(const Actor& actor);

    store::Database& db_;
    sales::DocumentService& documents_;
    crm::ClientService& clients_;
    identity::CompanyService& companies_;
    long connect_timeout_ = 10, total_timeout_ = 60;
};

bool can_send_documents(const Actor& actor);
bool can_send_reminders(const Actor& actor);
bool can_configure_mail(const Actor& actor);

}  // namespace comptoir::mail
