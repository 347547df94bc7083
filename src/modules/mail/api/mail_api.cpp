#include "modules/mail/api/mail_api.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <httplib.h>

#include "http/api_reply.hpp"
#include "http/form_fields.hpp"
#include "http/json_fields.hpp"
#include "http/page_params.hpp"
#include "modules/mail/model/address.hpp"

namespace comptoir::mail {
namespace {

using http::ApiContext;
using http::invalid_id;
using http::parse_id;
using http::type_error;
using http::unknown_keys;
using http::Method;
using http::reply;
using nlohmann::json;

// A string field: absent or null leaves `out` as is.
void read_text(std::vector<FieldIssue>& issues, const json& body, const char* key, const std::string& field,
               std::string& out, std::size_t max = 50000) {
    if (!body.contains(key) || body.at(key).is_null()) return;
    const auto& v = body.at(key);
    if (!v.is_string()) return type_error(issues, field, "une chaîne de caractères", "a string");
    if (v.get_ref<const std::string&>().size() > max)
        return issues.push_back({field, "too_long", "Ce texte est trop long.", "This text is too long."});
    out = v.get<std::string>();
}

std::optional<std::string> read_optional_text(std::vector<FieldIssue>& issues, const json& body, const char* key) {
    if (!body.contains(key) || body.at(key).is_null()) return std::nullopt;
    std::string out;
    read_text(issues, body, key, key, out);
    return out;
}

// A list of addresses: an array of strings (or one string of several).
std::vector<std::string> read_addresses(std::vector<FieldIssue>& issues, const json& body, const char* key) {
    std::vector<std::string> out;
    if (!body.contains(key) || body.at(key).is_null()) return out;
    const auto& v = body.at(key);
    if (v.is_string()) return split_addresses(v.get<std::string>());
    if (!v.is_array()) {
        type_error(issues, key, "une liste d'adresses", "an array of addresses");
        return out;
    }
    for (std::size_t i = 0; i < v.size() && i < 1000; ++i) {
        if (v[i].is_string()) out.push_back(v[i].get<std::string>());
        else type_error(issues, std::string(key) + "[" + std::to_string(i) + "]", "une adresse", "an address");
    }
    return out;
}

json opt_text(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json settings_json(const SettingsView& v) {
    const auto& s = v.settings;
    return {{"host", s.host},
            {"port", s.port},
            {"security", std::string(to_code(s.security))},
            {"username", s.username},
            {"password_set", v.password_set},
            {"from_address", s.from_address},
            {"from_name", s.from_name},
            {"reply_to", s.reply_to},
            {"bcc_self", s.bcc_self},
            {"language", s.language},
            {"configured", s.configured()},
            {"updated_at", opt_text(s.updated_at)}};
}

Result<MailSettingsInput> settings_from_json(const json& body, const SettingsView& current) {
    std::vector<FieldIssue> issues;
    unknown_keys(issues, body,
                 {"host", "port", "security", "username", "password", "from_address", "from_name", "reply_to", "bcc_self",
                  "language"},
                 "");
    MailSettingsInput in;
    MailSettings& s = in.settings;
    s = current.settings;
    read_text(issues, body, "host", "host", s.host, 300);
    if (body.contains("port") && !body.at("port").is_null()) {
        const auto& p = body.at("port");
        if (p.is_number_integer() && p.get<std::int64_t>() >= 0 && p.get<std::int64_t>() <= 100000)
            s.port = static_cast<int>(p.get<std::int64_t>());
        else
            type_error(issues, "port", "un numéro de port (entier)", "a port number (integer)");
    }
    std::string security(to_code(s.security));
    read_text(issues, body, "security", "security", security, 40);
    if (auto sec = parse_security(security)) s.security = *sec;
    else issues.push_back({"security", "security.unknown", "Sécurité inconnue (none, starttls, tls).",
                           "Unknown security (none, starttls, tls)."});
    read_text(issues, body, "username", "username", s.username, 300);
    if (body.contains("password")) {
        if (body.at("password").is_null()) in.password = "";
        else if (body.at("password").is_string()) in.password = body.at("password").get<std::string>();
        else type_error(issues, "password", "une chaîne de caractères", "a string");
    }
    read_text(issues, body, "from_address", "from_address", s.from_address, 300);
    read_text(issues, body, "from_name", "from_name", s.from_name, 300);
    read_text(issues, body, "reply_to", "reply_to", s.reply_to, 300);
    if (body.contains("bcc_self") && !body.at("bcc_self").is_null()) {
        if (body.at("bcc_self").is_boolean()) s.bcc_self = body.at("bcc_self").get<bool>();
        else type_error(issues, "bcc_self", "un booléen", "a boolean");
    }
    read_text(issues, body, "language", "language", s.language, 10);
    if (!issues.empty()) {  // every wrong field at once: the values' own checks too
        MailSettings checked = s;
        auto more = check_settings(checked);
        for (auto& issue : more)
            if (std::none_of(issues.begin(), issues.end(), [&](const FieldIssue& i) { return i.field == issue.field; }))
                issues.push_back(std::move(issue));
        return fail(Error::invalid(std::move(issues)));
    }
    return in;
}

json templates_json(const std::vector<MailTemplate>& templates) {
    json data = json::array();
    for (const auto& t : templates)
        data.push_back({{"key", std::string(to_code(t.key))},
                        {"subject", t.subject},
                        {"body", t.body},
                        {"customised", t.customised}});
    return {{"data", data}, {"variables", template_variables()}};
}

Result<std::vector<TemplateChange>> template_changes(const json& body) {
    std::vector<FieldIssue> issues;
    unknown_keys(issues, body, {"templates"}, "");
    std::vector<TemplateChange> out;
    if (!body.contains("templates") || !body.at("templates").is_array()) {
        type_error(issues, "templates", "une liste de modèles", "an array of templates");
        return fail(Error::invalid(std::move(issues)));
    }
    const auto& list = body.at("templates");
    for (std::size_t i = 0; i < list.size() && i < 100; ++i) {
        const std::string prefix = "templates[" + std::to_string(i) + "]";
        const auto& t = list[i];
        if (!t.is_object()) {
            type_error(issues, prefix, "un objet {key, subject, body}", "an object {key, subject, body}");
            continue;
        }
        unknown_keys(issues, t, {"key", "subject", "body", "reset"}, prefix + ".");
        TemplateChange c;
        std::string key;
        read_text(issues, t, "key", prefix + ".key", key, 40);
        if (auto k = parse_template_key(key)) c.key = *k;
        else issues.push_back({prefix + ".key", "template.unknown",
                               "Modèle inconnu (quote, order, proforma, provisional_invoice, invoice, deposit_invoice, "
                               "situation_invoice, credit_note, reminder_1, reminder_2, reminder_3).",
                               "Unknown template (quote, order, proforma, provisional_invoice, invoice, deposit_invoice, "
                               "situation_invoice, credit_note, reminder_1, reminder_2, reminder_3)."});
        if (t.contains("reset") && !t.at("reset").is_null()) {
            if (t.at("reset").is_boolean()) c.reset = t.at("reset").get<bool>();
            else type_error(issues, prefix + ".reset", "un booléen", "a boolean");
        }
        read_text(issues, t, "subject", prefix + ".subject", c.subject);
        read_text(issues, t, "body", prefix + ".body", c.body);
        if (!c.reset) {  // checked here too, so a wrong key and a wrong text are reported together
            auto more = check_template(c.subject, c.body, prefix + ".");
            issues.insert(issues.end(), more.begin(), more.end());
        }
        out.push_back(std::move(c));
    }
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    return out;
}

json error_json(const MailSend& s) {
    if (s.status != SendStatus::Failed) return nullptr;
    return {{"code", s.error_code.empty() ? "server" : s.error_code},
            {"message", failure_message(s.error_code, "en")},
            {"message_fr", failure_message(s.error_code, "fr")},
            {"detail", s.error_detail}};
}

// The Idempotency-Key header ("" when absent: the request is then never taken for a repeat).
std::string idempotency_key(const ApiContext& ctx) { return ctx.header("Idempotency-Key"); }

void reply_send(ApiContext& ctx, const Result<SendResult>& result) {
    if (!result) return ctx.problem(result.error());
    if (result->replayed) ctx.set_response_header("Idempotent-Replayed", "true");
    ctx.send(send_json(result->send), result->replayed ? 200 : 201);
}

Result<storage::SendQuery> list_query(const ApiContext& ctx) {
    storage::SendQuery q;
    std::vector<FieldIssue> issues;
    for (auto [key, target] : {std::pair{"client_id", &q.client_id}, std::pair{"document_id", &q.document_id}}) {
        auto v = ctx.param(key);
        if (v.empty()) continue;
        if (auto id = parse_id(v)) *target = id;
        else issues.push_back({key, "type", "Identifiant numérique attendu.", "A numeric id is expected."});
    }
    if (auto kind = ctx.param("kind"); !kind.empty()) {
        if (auto k = parse_send_kind(kind)) q.kind = k;
        else issues.push_back({"kind", "kind.unknown", "Type inconnu (document, reminder).", "Unknown kind (document, reminder)."});
    }
    http::read_id_page(ctx.param("limit"), ctx.param("cursor"), issues, q.limit, q.before_id);
    if (!issues.empty()) return fail(Error::invalid(issues));
    return q;
}

json overdue_json(const std::vector<OverdueInvoice>& list) {
    json data = json::array();
    std::map<std::string, std::pair<int, Money>> buckets;
    for (const auto& o : list) {
        data.push_back({{"document_id", o.id},
                        {"number", o.number},
                        {"type", o.type},
                        {"client_id", o.client_id},
                        {"client_name", o.client_name},
                        {"issue_date", o.issue_date},
                        {"due_date", o.due_date},
                        {"days_overdue", o.days_overdue},
                        {"bucket", o.bucket},
                        {"total", o.total.to_string()},
                        {"remaining", o.remaining.to_string()},
                        {"last_level", o.last_level ? json(o.last_level) : json(nullptr)},
                        {"last_reminded_at", opt_text(o.last_reminded_at)},
                        {"suggested_level", o.suggested_level}});
        auto& b = buckets[o.bucket];
        b.first += 1;
        b.second += o.remaining;
    }
    json groups = json::array();
    for (const char* b : {"1_30", "31_60", "61_90", "over_90"}) {
        const auto found = buckets.count(b) ? buckets.at(b) : std::pair<int, Money>{0, Money{}};
        groups.push_back({{"bucket", b}, {"count", found.first}, {"remaining", found.second.to_string()}});
    }
    return {{"data", data}, {"buckets", groups}};
}

json reminder_results_json(const std::vector<ReminderOutcome>& results) {
    json out = json::array();
    for (const auto& r : results) {
        json error = nullptr;
        if (!r.error_code.empty())
            error = {{"code", r.error_code},
                     {"message", failure_message(r.error_code, "en")},
                     {"message_fr", failure_message(r.error_code, "fr")}};
        out.push_back({{"document_id", r.document_id},
                       {"outcome", r.outcome},
                       {"replayed", r.replayed},
                       {"email", r.send ? send_json(*r.send) : json(nullptr)},
                       {"error", error}});
    }
    return {{"results", out}};
}

}  // namespace

json send_json(const MailSend& s) {
    return {{"id", s.id},
            {"kind", std::string(to_code(s.kind))},
            {"level", s.kind == SendKind::Reminder ? json(s.level) : json(nullptr)},
            {"client_id", s.client_id},
            {"client_name", s.client_name},
            {"document_id", s.document_id ? json(s.document_id) : json(nullptr)},
            {"document_number", s.document_number},
            {"document_type", s.document_type},
            {"from", s.from_address},
            {"recipients", s.recipients},
            {"cc", s.cc},
            {"bcc", s.bcc},
            {"subject", s.subject},
            {"body", s.body},
            {"attachment", s.attachment_name.empty()
                               ? json(nullptr)
                               : json{{"name", s.attachment_name}, {"size", s.attachment_size}, {"type", "application/pdf"}}},
            {"status", std::string(to_code(s.status))},
            {"error", error_json(s)},
            {"message_id", opt_text(s.message_id)},
            {"retry_of", s.retry_of ? json(*s.retry_of) : json(nullptr)},
            {"created_at", s.created_at},
            {"created_by", s.created_by},
            {"created_by_name", s.created_by_name},
            {"finished_at", opt_text(s.finished_at)}};
}

void register_mail_api(http::WebServer& web, MailService& s) {
    web.api(Method::Get, "/api/v1/mail/settings", [&s](ApiContext& ctx) { reply(ctx, s.settings(ctx.actor()), settings_json); });
    web.api(Method::Put, "/api/v1/mail/settings", [&s](ApiContext& ctx) {
        auto current = s.settings(ctx.actor());
        if (!current) return ctx.problem(current.error());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto input = settings_from_json(*body, *current);
        if (!input) return ctx.problem(input.error());
        reply(ctx, s.update_settings(ctx.actor(), std::move(*input)), settings_json);
    });
    web.api(Method::Post, "/api/v1/mail/test", [&s](ApiContext& ctx) {
        if (!can_configure_mail(ctx.actor())) return ctx.problem(Error::forbidden());
        json body = json::object();
        if (!ctx.request().body.empty()) {
            auto parsed = ctx.body();
            if (!parsed) return ctx.problem(parsed.error());
            body = *parsed;
        }
        std::vector<FieldIssue> issues;
        unknown_keys(issues, body, {"to"}, "");
        std::string to;
        read_text(issues, body, "to", "to", to, 300);
        if (!issues.empty()) return ctx.problem(Error::invalid(std::move(issues)));
        reply(ctx, s.send_test(ctx.actor(), to), [](const SmtpOutcome& o) {
            return json{{"status", o.sent ? "sent" : "failed"},
                        {"error", o.sent ? json(nullptr)
                                         : json{{"code", o.error_code},
                                                {"message", failure_message(o.error_code, "en")},
                                                {"message_fr", failure_message(o.error_code, "fr")},
                                                {"detail", o.error_detail}}}};
        });
    });
    web.api(Method::Get, "/api/v1/mail/templates", [&s](ApiContext& ctx) { reply(ctx, s.templates(ctx.actor()), templates_json); });
    web.api(Method::Put, "/api/v1/mail/templates", [&s](ApiContext& ctx) {
        if (!can_configure_mail(ctx.actor())) return ctx.problem(Error::forbidden());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto changes = template_changes(*body);
        if (!changes) return ctx.problem(changes.error());
        reply(ctx, s.update_templates(ctx.actor(), *changes), templates_json);
    });

    web.api(Method::Post, R"(/api/v1/documents/(\d+)/emails)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        std::vector<FieldIssue> issues;
        unknown_keys(issues, *body, {"recipients", "cc", "subject", "body"}, "");
        SendRequest request;
        request.recipients = read_addresses(issues, *body, "recipients");
        request.cc = read_addresses(issues, *body, "cc");
        request.subject = read_optional_text(issues, *body, "subject");
        request.body = read_optional_text(issues, *body, "body");
        request.idempotency_key = idempotency_key(ctx);
        if (!issues.empty()) return ctx.problem(Error::invalid(std::move(issues)));
        reply_send(ctx, s.send_document(ctx.actor(), *id, std::move(request)));
    });
    web.api(Method::Get, "/api/v1/emails", [&s](ApiContext& ctx) {
        auto query = list_query(ctx);
        if (!query) return ctx.problem(query.error());
        reply(ctx, s.list(ctx.actor(), *query), [](const SendPage& page) {
            json data = json::array();
            for (const auto& m : page.items) data.push_back(send_json(m));
            return json{{"data", data},
                        {"next_cursor", page.next_before_id ? json(std::to_string(*page.next_before_id)) : json(nullptr)}};
        });
    });
    web.api(Method::Get, R"(/api/v1/emails/(\d+))", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, s.get(ctx.actor(), *id), send_json);
    });
    web.api(Method::Post, R"(/api/v1/emails/(\d+)/retry)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply_send(ctx, s.retry(ctx.actor(), *id, idempotency_key(ctx)));
    });

    web.api(Method::Get, "/api/v1/reminders", [&s](ApiContext& ctx) { reply(ctx, s.overdue(ctx.actor()), overdue_json); });
    web.api(Method::Post, "/api/v1/reminders", [&s](ApiContext& ctx) {
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        std::vector<FieldIssue> issues;
        unknown_keys(issues, *body, {"document_ids", "level"}, "");
        std::vector<std::int64_t> ids;
        if (!body->contains("document_ids") || !body->at("document_ids").is_array()) {
            type_error(issues, "document_ids", "une liste d'identifiants de factures", "an array of invoice ids");
        } else {
            const auto& list = body->at("document_ids");
            for (std::size_t i = 0; i < list.size() && i < 1000; ++i) {
                if (list[i].is_number_integer() && list[i].get<std::int64_t>() > 0) ids.push_back(list[i].get<std::int64_t>());
                else type_error(issues, "document_ids[" + std::to_string(i) + "]", "un identifiant (entier positif)",
                                "an id (positive integer)");
            }
        }
        int level = 0;
        if (body->contains("level") && body->at("level").is_number_integer()) {
            const auto l = body->at("level").get<std::int64_t>();
            level = l >= 1 && l <= 3 ? static_cast<int>(l) : 0;
            if (!level) issues.push_back({"level", "level.range", "Le niveau de relance est 1, 2 ou 3.",
                                          "The reminder level is 1, 2 or 3."});
        } else {
            type_error(issues, "level", "un niveau de relance (1, 2 ou 3)", "a reminder level (1, 2 or 3)");
        }
        if (!issues.empty()) return ctx.problem(Error::invalid(std::move(issues)));
        std::vector<ReminderTarget> targets;
        for (auto id : ids) targets.push_back({id, level});
        reply(ctx, s.send_reminders(ctx.actor(), targets, idempotency_key(ctx)), reminder_results_json);
    });
}

}  // namespace comptoir::mail
