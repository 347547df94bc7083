#include "modules/mail/http/mail_pages.hpp"

#include "modules/mail/http/pages_internal.hpp"
#include "modules/sales/domain/document_type.hpp"

namespace comptoir::mail {
namespace pages {

std::string template_label(const http::PageContext& ctx, TemplateKey key) {
    return tr(ctx, "templates.names." + std::string(to_code(key)));
}

std::string status_label(const http::PageContext& ctx, SendStatus status) {
    return tr(ctx, "status." + std::string(to_code(status)));
}

std::string status_class(SendStatus status) {
    switch (status) {
        case SendStatus::Sent: return "badge-success";
        case SendStatus::Failed: return "badge-danger";
        case SendStatus::Pending: return "badge-warning";
    }
    return "badge-muted";
}

std::string document_type_label(const http::PageContext& ctx, const std::string& code) {
    auto type = sales::parse_document_type(code);
    if (!type) return code;
    return std::string(ctx.locale() == "en" ? sales::label_en(*type) : sales::label_fr(*type));
}

}  // namespace pages

void register_mail_pages(http::WebServer& web, MailService& service) {
    pages::register_settings_pages(web, service);
    pages::register_compose_pages(web, service);
    pages::register_email_page(web, service);
    pages::register_reminders_page(web, service);
    // Reminders sit with the commercial documents (sales is 30).
    web.add_nav({"reminders", "mail.nav", "/reminders", "reminders", false, 35});
}

}  // namespace comptoir::mail
