// The compose page: a document (/documents/{id}/email) or a reminder about an overdue invoice
// (/reminders/{id}/email?level=N) written to the client's contacts, subject and body from the
// template with its variables filled, editable, the PDF attached. /emails/{id}/retry opens a failed
// send again as a new one. The form carries a one-time key: sending it twice (double click, reload,
// back button) sends once and shows what happened.
#include "modules/mail/http/pages_internal.hpp"

#include <algorithm>

#include "core/crypto.hpp"
#include "http/api_reply.hpp"
#include "http/problem.hpp"
#include "modules/mail/model/address.hpp"

namespace comptoir::mail::pages {
namespace {

using http::FieldOpts;
using http::FormFields;
using http::Method;
using http::PageContext;

// What the person typed, when the form comes back with errors.
struct ComposeForm {
    bool posted = false;
    std::vector<std::string> checked;
    std::string extra, cc, subject, body, key;
    std::optional<std::int64_t> retry_of;
};

std::string joined(const std::vector<std::string>& list) {
    std::string out;
    for (const auto& a : list) out += (out.empty() ? "" : ", ") + a;
    return out;
}

std::string action_of(const ComposeDraft& d) {
    return (d.kind == SendKind::Reminder ? "/reminders/" : "/documents/") + std::to_string(d.document_id) + "/email";
}

void render_compose(PageContext& ctx, const ComposeDraft& draft, const ComposeForm& form, const Error* failure, int status) {
    // The service names each address (recipients[2], cc[0]); the form shows them under their field.
    json errors = json::object();
    json notice = nullptr;
    if (failure) {
        for (const auto& issue : failure->fields) {
            std::string field = issue.field;
            if (field.rfind("recipients", 0) == 0) field = "recipients_extra";
            else if (field.rfind("cc", 0) == 0) field = "cc";
            else if (field != "subject" && field != "body") field = "";
            const std::string& text = ctx.locale() == "en" ? issue.message_en : issue.message_fr;
            if (errors.contains(field)) errors[field] = errors[field].get<std::string>() + " " + text;
            else errors[field] = text;
        }
        if (failure->kind != ErrorKind::Invalid) {
            notice = {{"message", ctx.message(*failure)}, {"link", nullptr}};
            auto ext = json::parse(failure->extension_json.empty() ? "{}" : failure->extension_json, nullptr, false);
            if (ext.is_object() && ext.contains("email_id"))
                notice["link"] = "/emails/" + std::to_string(ext["email_id"].get<std::int64_t>());
        }
    }
    const std::string general = errors.contains("") ? errors[""].get<std::string>() : std::string();
    errors.erase("");
    FormFields f(errors);
    json addresses = json::array();
    for (std::size_t i = 0; i < draft.addresses.size(); ++i) {
        const auto& a = draft.addresses[i];
        const bool checked = form.posted ? std::find(form.checked.begin(), form.checked.end(), a.address) != form.checked.end()
                                         : a.suggested;
        addresses.push_back({{"id", "to-" + std::to_string(i)}, {"address", a.address}, {"label", a.label}, {"checked", checked}});
    }
    f.remember("recipients_extra", "f-recipients-extra", tr(ctx, "compose.recipients"));
    const std::string sid = std::to_string(draft.document_id);
    json levels = json::array();
    if (draft.kind == SendKind::Reminder)
        for (int l = 1; l <= 3; ++l)
            levels.push_back({{"level", l},
                              {"label", tr(ctx, "reminders.level_" + std::to_string(l))},
                              {"href", "/reminders/" + sid + "/email?level=" + std::to_string(l)},
                              {"current", l == draft.level}});
    const bool reminder = draft.kind == SendKind::Reminder;
    const std::string title = reminder ? tr(ctx, "compose.reminder_title") + " · " + draft.document_number
                                       : tr(ctx, "compose.title") + " · " + draft.document_label + " " + draft.document_number;
    json data = {
        {"title", title},
        {"reminder", reminder},
        {"level", draft.level},
        {"levels", levels},
        {"document_id", sid},
        {"document_number", draft.document_number},
        {"document_label", draft.document_label},
        {"client_id", std::to_string(draft.client_id)},
        {"client_name", draft.client_name},
        {"action", action_of(draft)},
        {"configured", draft.configured},
        {"is_admin", ctx.actor().is_admin()},
        {"addresses", addresses},
        {"has_addresses", !addresses.empty()},
        {"recipients_error", f.error_for("recipients_extra")},
        {"extra", f.field("recipients_extra", tr(ctx, draft.addresses.empty() ? "compose.recipients" : "compose.other_recipients"),
                          form.posted ? form.extra : std::string(),
                          {.hint = tr(ctx, "compose.addresses_hint"), .autocomplete = "off", .inputmode = "email",
                           .maxlength = 2000, .id = "f-recipients-extra"})},
        {"cc", f.field("cc", tr(ctx, "compose.cc"), form.posted ? form.cc : joined(draft.cc),
                       {.hint = tr(ctx, "compose.addresses_hint"), .autocomplete = "off", .inputmode = "email", .maxlength = 2000})},
        {"subject", f.field("subject", tr(ctx, "compose.subject"), form.posted ? form.subject : draft.subject,
                            {.required = true, .maxlength = 400})},
        {"body", f.field("body", tr(ctx, "compose.body"), form.posted ? form.body : draft.body,
                         {.type = "textarea", .required = true, .rows = 16})},
        {"attachment", draft.attachment_name},
        {"pdf_url", "/documents/" + sid + "/pdf"},
        {"key", form.key.empty() ? random_token(18) : form.key},
        {"retry_of", form.retry_of ? json(std::to_string(*form.retry_of))
                                   : draft.retry_of ? json(std::to_string(*draft.retry_of)) : json(nullptr)},
        {"notice", notice},
        {"general_error", http::opt(general)},
        {"has_errors", f.has_errors()},
        {"summary", f.summary(ctx.locale())},
        {"errors_title", failure && failure->kind == ErrorKind::Invalid ? json(ctx.message(*failure)) : json(nullptr)}};
    ctx.render_page("mail/compose", data, title, reminder ? "reminders" : "sales", status);
}

ComposeForm form_of(PageContext& ctx) {
    ComposeForm form;
    form.posted = true;
    for (const auto& a : ctx.params("recipients"))
        if (!a.empty()) form.checked.push_back(a);
    form.extra = ctx.param("recipients_extra");
    form.cc = ctx.param("cc");
    form.subject = ctx.param("subject");
    form.body = ctx.param("body");
    form.key = ctx.param("idempotency_key");
    form.retry_of = http::parse_id(ctx.param("retry_of"));
    return form;
}

SendRequest request_of(const ComposeForm& form) {
    SendRequest r;
    r.recipients = form.checked;
    for (auto& a : split_addresses(form.extra)) r.recipients.push_back(std::move(a));
    r.cc = split_addresses(form.cc);
    r.subject = form.subject;
    r.body = form.body;
    r.idempotency_key = form.key;
    r.retry_of = form.retry_of;
    return r;
}

// After a send (or its repeat): the page of the send, which says how it went.
void after_send(PageContext& ctx, const ComposeDraft& draft, const ComposeForm& form, const Result<SendResult>& sent) {
    if (sent) {
        return ctx.redirect("/emails/" + std::to_string(sent->send.id) + (sent->replayed ? "?done=replayed" : "?done=1"));
    }
    const auto kind = sent.error().kind;
    if (sent.error().code == "idempotency_key.reused") {
        // This form was sent already (the page links to that send); sending the edited text now is
        // a new, deliberate send: the form gets a new key.
        ComposeForm fresh = form;
        fresh.key.clear();
        return render_compose(ctx, draft, fresh, &sent.error(), http::status_for(kind));
    }
    if (kind == ErrorKind::Invalid || kind == ErrorKind::Conflict) return render_compose(ctx, draft, form, &sent.error(), http::status_for(kind));
    ctx.error_page(sent.error());
}

int level_of(PageContext& ctx) {
    const std::string l = ctx.param("level");
    return l == "1" ? 1 : l == "2" ? 2 : l == "3" ? 3 : l.empty() ? 1 : 0;
}

}  // namespace

void register_compose_pages(http::WebServer& web, MailService& service) {
    web.page(Method::Get, R"(/documents/(\d+)/email)", [&service](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        auto draft = service.compose_document(ctx.actor(), *id);
        if (!draft) return ctx.error_page(draft.error());
        render_compose(ctx, *draft, ComposeForm{}, nullptr, 200);
    });
    web.page(Method::Post, R"(/documents/(\d+)/email)", [&service](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        auto draft = service.compose_document(ctx.actor(), *id);
        if (!draft) return ctx.error_page(draft.error());
        const ComposeForm form = form_of(ctx);
        after_send(ctx, *draft, form, service.send_document(ctx.actor(), *id, request_of(form)));
    });
    web.page(Method::Get, R"(/reminders/(\d+)/email)", [&service](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        auto draft = service.compose_reminder(ctx.actor(), *id, level_of(ctx));
        if (!draft) return ctx.error_page(draft.error());
        render_compose(ctx, *draft, ComposeForm{}, nullptr, 200);
    });
    web.page(Method::Post, R"(/reminders/(\d+)/email)", [&service](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        const int level = level_of(ctx);
        auto draft = service.compose_reminder(ctx.actor(), *id, level);
        const ComposeForm form = form_of(ctx);
        if (!draft) {
            // A repeat of a reminder already sent (the invoice may be settled since): its page.
            auto sent = service.send_reminder(ctx.actor(), *id, level, request_of(form));
            if (sent) return after_send(ctx, ComposeDraft{}, form, sent);
            return ctx.error_page(draft.error());
        }
        after_send(ctx, *draft, form, service.send_reminder(ctx.actor(), *id, level, request_of(form)));
    });
    web.page(Method::Get, R"(/emails/(\d+)/retry)", [&service](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        auto draft = service.compose_retry(ctx.actor(), *id);
        if (!draft) return ctx.error_page(draft.error());
        render_compose(ctx, *draft, ComposeForm{}, nullptr, 200);
    });
}

}  // namespace comptoir::mail::pages
