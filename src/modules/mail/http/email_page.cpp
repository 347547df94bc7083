// /emails/{id}: one send as it was made: recipients, subject, body, attachment, and its outcome
// (sent; failed and why, with a retry for those who may send; pending: interrupted, never re-sent
// on its own). The client's history links each send here.
#include "modules/mail/http/pages_internal.hpp"

#include "core/clock.hpp"
#include "http/api_reply.hpp"

namespace comptoir::mail::pages {
namespace {

using http::Method;
using http::PageContext;

json address_list(const std::vector<std::string>& list) {
    json out = json::array();
    for (const auto& a : list) out.push_back(a);
    return out;
}

std::string size_label(const PageContext& ctx, std::int64_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + (ctx.locale() == "en" ? " bytes" : " octets");
    const std::int64_t tenths = (bytes * 10 + 512) / 1024;
    std::string n = std::to_string(tenths / 10) + (ctx.locale() == "en" ? "." : ",") + std::to_string(tenths % 10);
    return n + (ctx.locale() == "en" ? " KB" : " Ko");
}

void render_email(PageContext& ctx, const MailSend& s) {
    const std::string done = ctx.param("done");
    json flash = nullptr;
    if (done == "1" && s.status == SendStatus::Sent) flash = tr(ctx, "email.flash_sent");
    else if (done == "replayed") flash = tr(ctx, "email.flash_replayed");
    const bool may_send = s.kind == SendKind::Reminder ? can_send_reminders(ctx.actor()) : can_send_documents(ctx.actor());
    const std::string kind_label = s.kind == SendKind::Reminder
                                       ? tr(ctx, "reminders.level_" + std::to_string(s.level))
                                       : tr(ctx, "email.kind_document");
    json failure = nullptr;
    if (s.status == SendStatus::Failed)
        failure = {{"message", failure_message(s.error_code, ctx.locale())},
                   {"detail", http::opt(s.error_detail)},
                   {"retry", may_send && s.document_id ? json("/emails/" + std::to_string(s.id) + "/retry") : json(nullptr)}};
    const std::string number = s.document_number.empty() ? "#" + std::to_string(s.id) : s.document_number;
    json data = {{"id", s.id},
                 {"title", tr(ctx, s.kind == SendKind::Reminder ? "email.title_reminder" : "email.title") + " · " + number},
                 {"kind_label", kind_label},
                 {"status_label", status_label(ctx, s.status)},
                 {"status_class", status_class(s.status)},
                 {"flash", flash},
                 {"failed_now", done == "1" && s.status == SendStatus::Failed},
                 {"failure", failure},
                 {"pending", s.status == SendStatus::Pending},
                 {"document_href", s.document_id ? json("/documents/" + std::to_string(s.document_id)) : json(nullptr)},
                 {"document_name", document_type_label(ctx, s.document_type) + " " + s.document_number},
                 {"client_href", "/clients/" + std::to_string(s.client_id)},
                 {"history_href", "/clients/" + std::to_string(s.client_id) + "/account"},
                 {"client_name", s.client_name},
                 {"from", s.from_address},
                 {"recipients", address_list(s.recipients)},
                 {"cc", address_list(s.cc)},
                 {"has_cc", !s.cc.empty()},
                 {"bcc", address_list(s.bcc)},
                 {"has_bcc", !s.bcc.empty()},
                 {"subject", s.subject},
                 {"body", http::text_lines(s.body)},
                 {"attachment", s.attachment_name.empty() ? json(nullptr)
                                                          : json{{"name", s.attachment_name},
                                                                 {"size", size_label(ctx, s.attachment_size)},
                                                                 {"href", "/documents/" + std::to_string(s.document_id) + "/pdf"}}},
                 {"created", http::when(s.created_at, ctx.locale())},
                 {"finished", s.finished_at.empty() ? json(nullptr) : json(http::when(s.finished_at, ctx.locale()))},
                 {"created_by", http::opt(s.created_by_name)},
                 {"message_id", http::opt(s.message_id)},
                 {"retry_of", s.retry_of ? json("/emails/" + std::to_string(*s.retry_of)) : json(nullptr)}};
    ctx.render_page("mail/email", data, data["title"].get<std::string>(), s.kind == SendKind::Reminder ? "reminders" : "sales");
}

}  // namespace

void register_email_page(http::WebServer& web, MailService& service) {
    web.page(Method::Get, R"(/emails/(\d+))", [&service](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        auto s = service.get(ctx.actor(), *id);
        if (!s) return ctx.error_page(s.error());
        render_email(ctx, *s);
    });
}

}  // namespace comptoir::mail::pages
