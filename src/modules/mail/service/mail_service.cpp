#include "modules/mail/service/mail_service.hpp"

#include <algorithm>
#include <array>
#include <set>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/crm/service/client_service.hpp"
#include "modules/identity/service/company_service.hpp"
#include "modules/mail/model/address.hpp"
#include "modules/mail/model/mime.hpp"
#include "modules/mail/model/reminder.hpp"
#include "modules/payments/model/settlement.hpp"
#include "modules/payments/storage/payment_store.hpp"
#include "modules/sales/service/document_service.hpp"
#include "store/keyset_cursor.hpp"

namespace comptoir::mail {

using nlohmann::json;

struct MailService::Context {
    sales::Document document;
    std::vector<sales::DocumentStatus> next_statuses;
    bool payable = false;
    Money remaining;  // payable invoices: what is still due; other documents: their total
    crm::Client client;
    std::string company_name;
    MailSettings settings;
    std::string today;
    Variables variables;
};

struct MailService::Outgoing {
    SendKind kind = SendKind::Document;
    int level = 0;
    std::vector<std::string> recipients, cc;
    std::string subject, body;
    std::string key, hash;
    std::optional<std::int64_t> retry_of;
};

namespace {

Error send_not_found() { return Error::not_found("Envoi introuvable.", "Email not found."); }

Error not_configured() {
    return Error::conflict("mail.not_configured",
                           "L'envoi d'e-mails n'est pas configuré : un administrateur doit renseigner le serveur SMTP "
                           "(Administration › E-mail).",
                           "Sending email is not configured: an administrator must set the SMTP server up "
                           "(Administration › Email).");
}

Money absolute(Money m) { return m.is_negative() ? -m : m; }

std::string lower_first(std::string_view s) {
    std::string out(s);
    if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] - 'A' + 'a');
    return out;
}

// "26/11/2026" in French, "26 November 2026" in English.
std::string email_date(const std::string& iso, const std::string& language) {
    if (!valid_iso_date(iso)) return iso;
    if (language != "en") return display_date(iso, "fr");
    static constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",
                                                            "May",     "June",     "July",      "August",
                                                            "September", "October", "November", "December"};
    return std::to_string(std::stoi(iso.substr(8, 2))) + " " + kMonths[std::stoi(iso.substr(5, 2)) - 1] + " " +
           iso.substr(0, 4);
}

bool valid_key(const std::string& key) {
    return !key.empty() && key.size() <= 200 &&
           std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7F; });
}

FieldIssue key_issue() {
    return {"idempotency_key", "idempotency_key.invalid",
            "Clé d'idempotence invalide : 1 à 200 caractères ASCII visibles.",
            "Invalid idempotency key: 1 to 200 visible ASCII characters."};
}

// The client's addresses for the compose form: its general address, then each contact's. The
// suggested ones are the general address and the primary contact's, or every contact's when
// there are neither.
std::vector<AddressOption> address_options(const crm::Client& client) {
    std::vector<AddressOption> out;
    std::set<std::string> seen;
    auto add = [&](const std::string& raw, const std::string& label, bool suggested) {
        auto a = check_send_address(raw);
        if (!a || !seen.insert(*a).second) return;
        out.push_back({*a, label, suggested});
    };
    add(client.email, client.display_name(), true);
    for (const auto& c : client.contacts) {
        const std::string name = c.full_name().empty() ? client.display_name() : c.full_name();
        for (const auto& e : c.emails) add(e, name + (c.role.empty() ? "" : " (" + c.role + ")"), c.is_primary);
    }
    if (std::none_of(out.begin(), out.end(), [](const AddressOption& o) { return o.suggested; }))
        for (auto& o : out) o.suggested = true;
    return out;
}

std::vector<std::string> suggested_addresses(const crm::Client& client) {
    std::vector<std::string> out;
    for (const auto& o : address_options(client))
        if (o.suggested) out.push_back(o.address);
    return out;
}

MailTemplate template_of(store::Connection& conn, std::int64_t company_id, TemplateKey key, const std::string& language) {
    auto stored = storage::load_templates(conn, company_id);
    if (auto it = stored.find(key); it != stored.end()) return it->second;
    return default_template(key, language);
}

}  // namespace

bool can_send_documents(const Actor& actor) { return actor.role == Role::Admin || actor.role == Role::Sales; }
bool can_send_reminders(const Actor& actor) {
    return actor.role == Role::Admin || actor.role == Role::Sales || actor.role == Role::Accountant;
}
bool can_configure_mail(const Actor& actor) { return actor.role == Role::Admin; }

MailService::MailService(store::Database& db, sales::DocumentService& documents, crm::ClientService& clients,
                         identity::CompanyService& companies)
    : db_(db), documents_(documents), clients_(clients), companies_(companies) {}

void MailService::set_timeouts(long connect_seconds, long total_seconds) {
    connect_timeout_ = connect_seconds;
    total_timeout_ = total_seconds;
}

SmtpServer MailService::server_of(const MailSettings& s) const {
    return {s.host, s.port, s.security, s.username, s.password, connect_timeout_, total_timeout_};
}

MailSettings MailService::settings_of(const Actor& actor) {
    auto conn = db_.acquire();
    return storage::load_settings(*conn, actor.company_id).value_or(MailSettings{});
}

// ---- Settings ----

Result<SettingsView> MailService::settings(const Actor& actor) {
    if (!can_configure_mail(actor)) return fail(Error::forbidden());
    MailSettings s = settings_of(actor);
    SettingsView view{s, !s.password.empty()};
    view.settings.password.clear();
    return view;
}

Result<SettingsView> MailService::update_settings(const Actor& actor, MailSettingsInput input) {
    if (!can_configure_mail(actor)) return fail(Error::forbidden());
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<SettingsView> {
        const auto stored = storage::load_settings(conn, actor.company_id);
        MailSettings s = input.settings;
        s.password = input.password ? *input.password : (stored ? stored->password : std::string());
        auto issues = check_settings(s);
        if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
        auto as_json = [](const MailSettings& m) {
            return json{{"host", m.host},           {"port", m.port},
                        {"security", std::string(to_code(m.security))},
                        {"username", m.username},   {"from_address", m.from_address},
                        {"from_name", m.from_name}, {"reply_to", m.reply_to},
                        {"bcc_self", m.bcc_self},   {"language", m.language}};
        };
        json changes = audit::diff(stored ? as_json(*stored) : json::object(), as_json(s));
        const bool password_changed = s.password != (stored ? stored->password : std::string());
        if (password_changed) changes["password"] = "changed";  // never the value, old or new
        storage::save_settings(conn, actor.company_id, s, actor.user_id, now_iso());
        if (!changes.empty()) audit::record(conn, actor, "mail_settings", actor.company_id, "update", changes);
        SettingsView view{s, !s.password.empty()};
        view.settings.password.clear();
        return view;
    });
}

Result<SmtpOutcome> MailService::send_test(const Actor& actor, const std::string& to) {
    if (!can_configure_mail(actor)) return fail(Error::forbidden());
    const MailSettings s = settings_of(actor);
    const std::string target = to.empty() ? actor.email : to;
    auto address = check_send_address(target);
    if (!address) return fail(Error::invalid({with_field(address.error(), "to")}));
    if (!s.configured()) return fail(not_configured());
    const bool en = s.language == "en";
    OutgoingMail mail;
    mail.from_address = s.from_address;
    mail.from_name = s.from_name;
    mail.reply_to = s.reply_to;
    mail.to = {*address};
    mail.subject = en ? "Comptoir — test email" : "Comptoir — e-mail de test";
    mail.body = en ? "Hello,\n\nThis test message shows that Comptoir can send email through " + s.host + ".\n"
                   : "Bonjour,\n\nCe message de test montre que Comptoir peut envoyer des e-mails par " + s.host + ".\n";
    mail.message_id = make_message_id(random_token(18), s.from_address);
    mail.date = now();
    auto outcome = send_mail(server_of(s), mail);
    store::with_transaction(db_, true, [&](store::Connection& conn) {
        audit::record(conn, actor, "mail_settings", actor.company_id, "test",
                      {{"to", *address}, {"status", outcome.sent ? "sent" : "failed"}, {"error", outcome.error_code}});
    });
    return outcome;
}

// ---- Templates ----

Result<std::vector<MailTemplate>> MailService::templates(const Actor& actor) {
    if (!can_configure_mail(actor)) return fail(Error::forbidden());
    auto conn = db_.acquire();
    const std::string language = storage::load_settings(*conn, actor.company_id).value_or(MailSettings{}).language;
    auto stored = storage::load_templates(*conn, actor.company_id);
    std::vector<MailTemplate> out;
    for (auto key : kAllTemplateKeys)
        out.push_back(stored.count(key) ? stored.at(key) : default_template(key, language));
    return out;
}

Result<std::vector<MailTemplate>> MailService::update_templates(const Actor& actor,
                                                                const std::vector<TemplateChange>& changes) {
    if (!can_configure_mail(actor)) return fail(Error::forbidden());
    std::vector<FieldIssue> issues;
    if (changes.empty())
        issues.push_back({"templates", "required", "Donnez au moins un modèle.", "Give at least one template."});
    std::set<TemplateKey> seen;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const std::string prefix = "templates[" + std::to_string(i) + "].";
        if (!seen.insert(changes[i].key).second)
            issues.push_back({prefix + "key", "template.duplicate", "Ce modèle figure deux fois dans la demande.",
                              "This template appears twice in the request."});
        if (changes[i].reset) continue;
        auto found = check_template(changes[i].subject, changes[i].body, prefix);
        issues.insert(issues.end(), found.begin(), found.end());
    }
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    TRY_RESULT_VOID(store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<void> {
        const std::string now = now_iso();
        auto before = storage::load_templates(conn, actor.company_id);
        for (const auto& c : changes) {
            const std::string key(to_code(c.key));
            if (c.reset) {
                if (!before.count(c.key)) continue;
                storage::delete_template(conn, actor.company_id, c.key);
                audit::record(conn, actor, "mail_template", actor.company_id, "reset", {{"template", key}});
                continue;
            }
            json change = {{"template", key}};
            const auto old = before.count(c.key) ? std::optional<MailTemplate>(before.at(c.key)) : std::nullopt;
            if (!old || old->subject != c.subject) change["subject"] = {{"from", old ? json(old->subject) : json(nullptr)}, {"to", c.subject}};
            if (!old || old->body != c.body) change["body"] = {{"from", old ? json(old->body) : json(nullptr)}, {"to", c.body}};
            storage::save_template(conn, actor.company_id, MailTemplate{c.key, c.subject, c.body, true}, actor.user_id, now);
            if (change.size() > 1) audit::record(conn, actor, "mail_template", actor.company_id, "update", change);
        }
        return {};
    }));
    return templates(actor);
}

// ---- Documents and what is written about them ----

Result<MailService::Context> MailService::context(const Actor& actor, std::int64_t document_id) {
    auto detail = documents_.get(actor, document_id);
    if (!detail) return fail(detail.error());
    Context c;
    c.document = detail->document;
    c.next_statuses = detail->next_statuses;
    const auto& d = c.document;
    if (d.status == sales::DocumentStatus::Draft)
        return fail(Error::conflict("document.not_issued", "Ce document est un brouillon : validez-le avant de l'envoyer.",
                                    "This document is a draft: validate it before sending it."));
    if (d.status == sales::DocumentStatus::Cancelled)
        return fail(Error::conflict("document.cancelled", "Ce document est annulé : il ne s'envoie plus.",
                                    "This document is cancelled: it can no longer be sent."));
    auto client = clients_.get(actor, d.client_id);
    if (!client) return fail(client.error());
    c.client = std::move(*client);
    auto company = companies_.get(actor);
    if (company) c.company_name = company->fields.name;
    c.today = today_paris();
    const std::string type(sales::to_code(d.type));
    c.payable = payments::is_payable_invoice(type);
    {
        auto conn = db_.acquire();
        c.settings = storage::load_settings(*conn, actor.company_id).value_or(MailSettings{});
        c.remaining = absolute(d.total_incl_vat);
        if (c.payable) {
            auto settled = payments::storage::settlements(*conn, actor.company_id, {d.id});
            const auto s = settled.count(d.id) ? settled.at(d.id) : payments::storage::Settlement{};
            c.remaining = payments::remaining_due(d.amount_due, s.allocated, s.credited);
        }
    }
    const std::string& lang = c.settings.language;
    auto money = [&](Money m) { return lang == "en" ? m.to_display_en() : m.to_display_fr(); };
    const Money shown_remaining = c.remaining.is_negative() ? Money{} : c.remaining;
    c.variables = {{"client_name", d.client_name.empty() ? c.client.display_name() : d.client_name},
                   {"document_type", lower_first(lang == "en" ? sales::label_en(d.type) : sales::label_fr(d.type))},
                   {"document_number", d.number},
                   {"issue_date", email_date(d.issue_date, lang)},
                   {"due_date", email_date(d.due_date, lang)},
                   {"amount", money(absolute(d.total_incl_vat))},
                   {"amount_due", money(shown_remaining)},
                   {"days_overdue", std::to_string(days_overdue(d.due_date, c.today))},
                   {"company_name", c.company_name}};
    return c;
}

namespace {

Result<void> check_overdue(const sales::Document& d, bool payable, Money remaining, const std::string& today) {
    if (!payable)
        return fail(Error::conflict("reminder.not_invoice", "Une relance porte sur une facture.",
                                    "A reminder is about an invoice."));
    if (remaining.cents() <= 0)
        return fail(Error::conflict("reminder.settled", "Cette facture est soldée : rien à relancer.",
                                    "This invoice is settled: there is nothing to remind."));
    if (days_overdue(d.due_date, today) <= 0)
        return fail(Error::conflict("reminder.not_overdue",
                                    "Cette facture n'est pas encore échue (échéance le " + display_date(d.due_date, "fr") + ").",
                                    "This invoice is not overdue yet (due on " + d.due_date + ")."));
    return {};
}

}  // namespace

Result<ComposeDraft> MailService::compose(const Actor& actor, const Context& c, SendKind kind, int level) {
    ComposeDraft draft;
    draft.kind = kind;
    draft.level = level;
    draft.document_id = c.document.id;
    draft.client_id = c.document.client_id;
    draft.document_number = c.document.number;
    draft.document_label = actor.locale == "en" ? std::string(sales::label_en(c.document.type))
                                                : std::string(sales::label_fr(c.document.type));
    draft.client_name = c.variables.at("client_name");
    draft.addresses = address_options(c.client);
    draft.attachment_name = safe_filename(c.document.number + ".pdf");
    draft.configured = c.settings.configured();
    auto conn = db_.acquire();
    const auto tmpl = template_of(*conn, actor.company_id,
                                  kind == SendKind::Reminder ? reminder_template(level) : template_for(c.document.type),
                                  c.settings.language);
    // Stored templates were checked when saved: rendering them cannot fail; keep the text if it did.
    auto subject = render_template(tmpl.subject, c.variables, "subject");
    auto body = render_template(tmpl.body, c.variables, "body");
    draft.subject = subject ? *subject : tmpl.subject;
    draft.body = body ? *body : tmpl.body;
    return draft;
}

Result<ComposeDraft> MailService::compose_document(const Actor& actor, std::int64_t document_id) {
    if (!can_send_documents(actor)) return fail(Error::forbidden());
    TRY_RESULT(c, context(actor, document_id));
    return compose(actor, c, SendKind::Document, 0);
}

Result<ComposeDraft> MailService::compose_reminder(const Actor& actor, std::int64_t document_id, int level) {
    if (!can_send_reminders(actor)) return fail(Error::forbidden());
    if (!valid_level(level))
        return fail(Error::invalid_field("level", "level.range", "Le niveau de relance est 1, 2 ou 3.",
                                         "The reminder level is 1, 2 or 3."));
    TRY_RESULT(c, context(actor, document_id));
    TRY_RESULT_VOID(check_overdue(c.document, c.payable, c.remaining, c.today));
    return compose(actor, c, SendKind::Reminder, level);
}

Result<ComposeDraft> MailService::compose_retry(const Actor& actor, std::int64_t send_id) {
    TRY_RESULT(s, get(actor, send_id));
    if (!(s.kind == SendKind::Reminder ? can_send_reminders(actor) : can_send_documents(actor)))
        return fail(Error::forbidden());
    if (s.status != SendStatus::Failed)
        return fail(Error::conflict("mail.not_failed", "Seul un envoi en échec se renvoie.", "Only a failed send is retried."));
    TRY_RESULT(c, context(actor, s.document_id));
    TRY_RESULT(draft, compose(actor, c, s.kind, s.level));
    for (auto& o : draft.addresses)
        o.suggested = std::find(s.recipients.begin(), s.recipients.end(), o.address) != s.recipients.end();
    for (const auto& r : s.recipients)
        if (std::none_of(draft.addresses.begin(), draft.addresses.end(), [&](const AddressOption& o) { return o.address == r; }))
            draft.addresses.push_back({r, r, true});
    draft.cc = s.cc;
    draft.subject = s.subject;
    draft.body = s.body;
    draft.retry_of = s.id;
    return draft;
}

// ---- Sending ----

Result<std::optional<SendResult>> MailService::replay(store::Connection& conn, const Actor& actor, const std::string& key,
                                                      const std::string& hash) {
    auto found = storage::find_by_key(conn, actor.company_id, key);
    if (!found) return std::optional<SendResult>{};
    if (found->request_hash != hash) {
        Error e = Error::conflict("idempotency_key.reused",
                                  "Cette clé d'idempotence a déjà servi à un autre envoi (n° " +
                                      std::to_string(found->send.id) + ") : ce formulaire a déjà été envoyé.",
                                  "This idempotency key was already used for another send (#" +
                                      std::to_string(found->send.id) + "): this form was already sent.");
        e.extension_json = json{{"email_id", found->send.id}}.dump();
        return fail(e);
    }
    return std::optional<SendResult>{SendResult{std::move(found->send), true}};
}

Result<SendResult> MailService::send(const Actor& actor, const Context& c, SendKind kind, int level, SendRequest r) {
    std::vector<FieldIssue> issues;
    auto recipients = check_address_list(r.recipients, "recipients", true, 50, issues);
    auto cc = check_address_list(r.cc, "cc", false, 50, issues);
    if (!r.idempotency_key.empty() && !valid_key(r.idempotency_key)) issues.push_back(key_issue());
    std::string subject, body;
    {
        auto conn = db_.acquire();
        const auto tmpl = template_of(*conn, actor.company_id,
                                      kind == SendKind::Reminder ? reminder_template(level) : template_for(c.document.type),
                                      c.settings.language);
        subject = r.subject.value_or(tmpl.subject);
        body = r.body.value_or(tmpl.body);
        if (r.retry_of) {
            auto previous = storage::find_send(*conn, actor.company_id, *r.retry_of);
            if (!previous || previous->document_id != c.document.id || previous->status != SendStatus::Failed)
                issues.push_back({"retry_of", "retry_of.invalid", "Cet envoi n'est pas un envoi en échec de ce document.",
                                  "This is not a failed send of this document."});
        }
    }
    auto text_issues = check_template(subject, body, "");
    issues.insert(issues.end(), text_issues.begin(), text_issues.end());
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));

    Outgoing out;
    out.kind = kind;
    out.level = level;
    out.recipients = std::move(recipients);
    out.cc = std::move(cc);
    out.subject = *render_template(subject, c.variables, "subject");  // checked above: cannot fail
    out.body = *render_template(body, c.variables, "body");
    out.retry_of = r.retry_of;
    out.key = r.idempotency_key.empty() ? random_token(24) : r.idempotency_key;
    out.hash = sha256_hex(json{{"kind", std::string(to_code(kind))},
                               {"document_id", c.document.id},
                               {"level", level},
                               {"recipients", out.recipients},
                               {"cc", out.cc},
                               {"subject", r.subject ? json(*r.subject) : json(nullptr)},
                               {"body", r.body ? json(*r.body) : json(nullptr)},
                               {"retry_of", r.retry_of ? json(*r.retry_of) : json(nullptr)}}
                              .dump());
    {
        auto conn = db_.acquire();
        TRY_RESULT(replayed, replay(*conn, actor, out.key, out.hash));
        if (replayed) return std::move(*replayed);
    }
    if (kind == SendKind::Reminder) TRY_RESULT_VOID(check_overdue(c.document, c.payable, c.remaining, c.today));
    return deliver(actor, c, std::move(out));
}

Result<SendResult> MailService::deliver(const Actor& actor, const Context& c, Outgoing out) {
    const MailSettings& settings = c.settings;
    if (!settings.configured()) return fail(not_configured());
    auto pdf = documents_.pdf(actor, c.document.id);
    if (!pdf) return fail(pdf.error());

    MailSend s;
    s.client_id = c.document.client_id;
    s.document_id = c.document.id;
    s.kind = out.kind;
    s.level = out.level;
    s.recipients = out.recipients;
    s.cc = out.cc;
    if (settings.bcc_self && std::find(s.recipients.begin(), s.recipients.end(), settings.from_address) == s.recipients.end() &&
        std::find(s.cc.begin(), s.cc.end(), settings.from_address) == s.cc.end())
        s.bcc = {settings.from_address};
    s.from_address = settings.from_address;
    s.subject = out.subject;
    s.body = out.body;
    s.attachment_name = safe_filename(c.document.number + ".pdf");
    s.attachment_size = static_cast<std::int64_t>(pdf->size());
    s.message_id = make_message_id(random_token(18), settings.from_address);
    s.retry_of = out.retry_of;
    s.document_number = c.document.number;
    s.document_type = std::string(sales::to_code(c.document.type));
    s.client_name = c.variables.at("client_name");
    s.created_at = now_iso();
    s.created_by = actor.user_id;

    const std::int64_t id = store::with_transaction(db_, true, [&](store::Connection& conn) {
        return storage::insert_pending(conn, actor.company_id, s, out.key, out.hash);
    });
    if (id == 0) {  // the same key was recorded meanwhile by a concurrent request: that one is the send
        auto conn = db_.acquire();
        TRY_RESULT(replayed, replay(*conn, actor, out.key, out.hash));
        if (replayed) return std::move(*replayed);
        return fail(Error::internal("mail.key_race"));
    }

    OutgoingMail mail;
    mail.from_address = settings.from_address;
    mail.from_name = settings.from_name;
    mail.reply_to = settings.reply_to;
    mail.to = s.recipients;
    mail.cc = s.cc;
    mail.bcc = s.bcc;
    mail.subject = s.subject;
    mail.body = s.body;
    mail.message_id = s.message_id;
    mail.date = now();
    mail.attachment = Attachment{s.attachment_name, "application/pdf", std::move(*pdf)};
    const SmtpOutcome outcome = send_mail(server_of(settings), mail);

    store::with_transaction(db_, true, [&](store::Connection& conn) {
        storage::finish_send(conn, actor.company_id, id, outcome.sent ? SendStatus::Sent : SendStatus::Failed,
                             outcome.error_code, outcome.error_detail, now_iso());
        json entry = {{"document_id", s.document_id},
                      {"number", s.document_number},
                      {"kind", std::string(to_code(s.kind))},
                      {"recipients", s.recipients},
                      {"cc", s.cc},
                      {"subject", s.subject},
                      {"attachment", s.attachment_name}};
        if (s.kind == SendKind::Reminder) entry["level"] = s.level;
        if (s.retry_of) entry["retry_of"] = *s.retry_of;
        if (!outcome.sent) entry["error"] = outcome.error_code;
        audit::record(conn, actor, "mail_send", id, outcome.sent ? "sent" : "failed", entry);
    });

    // A validated quote or invoice sent to its client is "sent", when its life allows it.
    if (outcome.sent && out.kind == SendKind::Document && sales::can_write(actor, c.document.type) &&
        std::find(c.next_statuses.begin(), c.next_statuses.end(), sales::DocumentStatus::Sent) != c.next_statuses.end())
        (void)documents_.change_status(actor, c.document.id, sales::DocumentStatus::Sent);

    auto conn = db_.acquire();
    return SendResult{*storage::find_send(*conn, actor.company_id, id), false};
}

Result<SendResult> MailService::send_document(const Actor& actor, std::int64_t document_id, SendRequest request) {
    if (!can_send_documents(actor)) return fail(Error::forbidden());
    TRY_RESULT(c, context(actor, document_id));
    return send(actor, c, SendKind::Document, 0, std::move(request));
}

Result<SendResult> MailService::send_reminder(const Actor& actor, std::int64_t document_id, int level, SendRequest request) {
    if (!can_send_reminders(actor)) return fail(Error::forbidden());
    if (!valid_level(level))
        return fail(Error::invalid_field("level", "level.range", "Le niveau de relance est 1, 2 ou 3.",
                                         "The reminder level is 1, 2 or 3."));
    TRY_RESULT(c, context(actor, document_id));
    return send(actor, c, SendKind::Reminder, level, std::move(request));
}

Result<std::vector<ReminderOutcome>> MailService::send_reminders(const Actor& actor,
                                                                 const std::vector<ReminderTarget>& targets,
                                                                 const std::string& idempotency_key) {
    if (!can_send_reminders(actor)) return fail(Error::forbidden());
    std::vector<FieldIssue> issues;
    if (targets.empty())
        issues.push_back({"document_ids", "required", "Choisissez au moins une facture.", "Choose at least one invoice."});
    if (targets.size() > 100)
        issues.push_back({"document_ids", "too_many", "100 factures au plus par envoi.", "At most 100 invoices at once."});
    for (const auto& t : targets)
        if (!valid_level(t.level)) {
            issues.push_back({"level", "level.range", "Le niveau de relance est 1, 2 ou 3.", "The reminder level is 1, 2 or 3."});
            break;
        }
    // Each invoice's key is "<key>/<id>": room is kept for the id.
    if (!idempotency_key.empty() && (!valid_key(idempotency_key) || idempotency_key.size() > 180))
        issues.push_back(key_issue());
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    const std::string base = idempotency_key.empty() ? random_token(24) : idempotency_key;

    // Every invoice is checked before the first email leaves.
    struct Planned {
        std::int64_t id;
        int level;
        std::optional<Context> context;
        std::vector<std::string> recipients;
    };
    std::vector<Planned> plan;
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const std::int64_t id = targets[i].document_id;
        const int level = targets[i].level;
        if (!seen.insert(id).second) continue;
        const std::string field = "document_ids[" + std::to_string(i) + "]";
        {
            auto conn = db_.acquire();
            if (storage::find_by_key(*conn, actor.company_id, base + "/" + std::to_string(id))) {
                plan.push_back({id, level, std::nullopt, {}});  // sent (or tried) by this very batch before
                continue;
            }
        }
        auto c = context(actor, id);
        if (!c) {
            if (c.error().kind == ErrorKind::NotFound)
                issues.push_back({field, "document.unknown", "Cette facture n'existe pas.", "This invoice does not exist."});
            else
                issues.push_back({field, c.error().code, c.error().message_fr, c.error().message_en});
            continue;
        }
        if (auto due = check_overdue(c->document, c->payable, c->remaining, c->today); !due) {
            issues.push_back({field, due.error().code, c->document.number + " : " + due.error().message_fr,
                              c->document.number + ": " + due.error().message_en});
            continue;
        }
        auto recipients = suggested_addresses(c->client);
        if (recipients.empty()) {
            issues.push_back({field, "client.no_email",
                              c->document.number + " : le client " + c->client.display_name() +
                                  " n'a aucune adresse e-mail ; ajoutez-en une sur sa fiche.",
                              c->document.number + ": the client " + c->client.display_name() +
                                  " has no email address; add one on its card."});
            continue;
        }
        plan.push_back({id, level, std::move(*c), std::move(recipients)});
    }
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    if (!settings_of(actor).configured()) return fail(not_configured());

    std::vector<ReminderOutcome> out;
    std::string server_failure;  // once the server itself failed, the rest is not attempted
    for (auto& p : plan) {
        ReminderOutcome o;
        o.document_id = p.id;
        const std::string key = base + "/" + std::to_string(p.id);
        if (!p.context) {
            auto conn = db_.acquire();
            auto found = storage::find_by_key(*conn, actor.company_id, key);
            o.send = found->send;
            o.replayed = true;
            o.outcome = std::string(to_code(found->send.status));
            o.error_code = found->send.error_code;
            out.push_back(std::move(o));
            continue;
        }
        if (!server_failure.empty()) {
            o.outcome = "not_sent";
            o.error_code = server_failure;
            out.push_back(std::move(o));
            continue;
        }
        SendRequest request;
        request.recipients = p.recipients;
        request.idempotency_key = key;
        auto sent = send(actor, *p.context, SendKind::Reminder, p.level, std::move(request));
        if (!sent) {
            o.outcome = "not_sent";
            o.error_code = sent.error().code;
        } else {
            o.send = sent->send;
            o.replayed = sent->replayed;
            o.outcome = std::string(to_code(sent->send.status));
            o.error_code = sent->send.error_code;
            static const std::set<std::string> kServerFailures = {"connect", "resolve", "timeout", "tls", "auth"};
            if (sent->send.status == SendStatus::Failed && kServerFailures.count(sent->send.error_code))
                server_failure = sent->send.error_code;
        }
        out.push_back(std::move(o));
    }
    return out;
}

Result<SendResult> MailService::retry(const Actor& actor, std::int64_t send_id, const std::string& idempotency_key) {
    TRY_RESULT(s, get(actor, send_id));
    if (!(s.kind == SendKind::Reminder ? can_send_reminders(actor) : can_send_documents(actor)))
        return fail(Error::forbidden());
    if (s.status != SendStatus::Failed)
        return fail(Error::conflict("mail.not_failed",
                                    s.status == SendStatus::Sent ? "Cet envoi a réussi : il ne se renvoie pas."
                                                                 : "Cet envoi est en cours ou interrompu : son issue est "
                                                                   "inconnue, il ne se renvoie pas automatiquement.",
                                    s.status == SendStatus::Sent ? "This send succeeded: it is not retried."
                                                                 : "This send is in progress or was interrupted: its "
                                                                   "outcome is unknown, it is not retried automatically."));
    TRY_RESULT(c, context(actor, s.document_id));
    SendRequest request;
    request.recipients = s.recipients;
    request.cc = s.cc;
    request.subject = s.subject;
    request.body = s.body;
    request.idempotency_key = idempotency_key;
    request.retry_of = s.id;
    return send(actor, c, s.kind, s.level, std::move(request));
}

// ---- Reading ----

Result<MailSend> MailService::get(const Actor& actor, std::int64_t id) {
    auto conn = db_.acquire();
    auto s = storage::find_send(*conn, actor.company_id, id);
    if (!s) return fail(send_not_found());
    return *s;
}

Result<SendPage> MailService::list(const Actor& actor, storage::SendQuery query) {
    if (query.limit < 1 || query.limit > 200)
        return fail(Error::invalid_field("limit", "limit.range", "La taille de page doit être comprise entre 1 et 200.",
                                         "The page size must be between 1 and 200."));
    auto conn = db_.acquire();
    const int limit = query.limit;
    query.limit = limit + 1;
    SendPage page;
    page.items = storage::list_sends(*conn, actor.company_id, query);
    page.next_before_id = store::keep_page(page.items, limit);
    return page;
}

Result<std::vector<OverdueInvoice>> MailService::overdue(const Actor& actor) {
    const std::string today = today_paris();
    auto conn = db_.acquire();
    auto candidates = storage::overdue_candidates(*conn, actor.company_id, today, 2000);
    std::vector<std::int64_t> ids;
    for (const auto& c : candidates) ids.push_back(c.id);
    std::map<std::int64_t, payments::storage::DocumentFacts> facts;
    std::map<std::int64_t, payments::storage::Settlement> settled;
    for (std::size_t start = 0; start < ids.size(); start += 500) {
        std::vector<std::int64_t> chunk(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                        ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), start + 500)));
        for (auto& f : payments::storage::find_documents(*conn, actor.company_id, chunk)) facts[f.id] = f;
        for (auto& [id, s] : payments::storage::settlements(*conn, actor.company_id, chunk)) settled[id] = s;
    }
    auto last = storage::last_reminders(*conn, actor.company_id, ids);
    std::vector<OverdueInvoice> out;
    for (const auto& c : candidates) {
        if (!facts.count(c.id)) continue;
        const auto s = settled.count(c.id) ? settled.at(c.id) : payments::storage::Settlement{};
        const Money remaining = payments::remaining_due(facts.at(c.id).amount_due, s.allocated, s.credited);
        if (remaining.cents() <= 0) continue;  // the settlement rules have the last word
        OverdueInvoice o;
        o.id = c.id;
        o.client_id = c.client_id;
        o.client_name = c.client_name;
        o.type = c.type;
        o.number = c.number;
        o.issue_date = c.issue_date;
        o.due_date = c.due_date;
        o.days_overdue = days_overdue(c.due_date, today);
        o.bucket = std::string(age_bucket(o.days_overdue));
        o.total = c.total_incl_vat;
        o.remaining = remaining;
        if (auto it = last.find(c.id); it != last.end()) {
            o.last_level = it->second.level;
            o.last_reminded_at = it->second.at;
        }
        o.suggested_level = suggested_level(o.last_level);
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace comptoir::mail
