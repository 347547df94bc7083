// What mail's page files share: translations under "mail.", amounts, dates and labels in the
// viewer's language, and the registration of each group of pages.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/money/money.hpp"
#include "http/form_fields.hpp"
#include "http/web_server.hpp"
#include "modules/mail/service/mail_service.hpp"

namespace comptoir::mail::pages {

using nlohmann::json;

inline std::string tr(const http::PageContext& ctx, const std::string& key) { return ctx.t("mail." + key); }
inline std::string money(const http::PageContext& ctx, Money m) {
    return ctx.locale() == "en" ? m.to_display_en() : m.to_display_fr();
}
std::string template_label(const http::PageContext& ctx, TemplateKey key);
std::string status_label(const http::PageContext& ctx, SendStatus status);
std::string status_class(SendStatus status);  // badge-success, badge-danger, badge-warning
// "Facture" for "invoice" (the sales labels), the code when unknown.
std::string document_type_label(const http::PageContext& ctx, const std::string& code);

void register_settings_pages(http::WebServer& web, MailService& service);
void register_compose_pages(http::WebServer& web, MailService& service);
void register_email_page(http::WebServer& web, MailService& service);
void register_reminders_page(http::WebServer& web, MailService& service);

}  // namespace comptoir::mail::pages
