// Administration › E-mail: the SMTP server and sender (/admin/mail), a test email
// (/admin/mail/test), and the templates (/admin/mail/templates, /admin/mail/templates/{key}).
// Admins only; the same settings as GET/PUT /api/v1/mail/settings and /api/v1/mail/templates.
#include "modules/mail/http/pages_internal.hpp"

#include <algorithm>

#include "core/text/trim.hpp"
#include "http/api_reply.hpp"

namespace comptoir::mail::pages {
namespace {

using http::FieldOpts;
using http::FormFields;
using http::Method;
using http::PageContext;

json options(const std::vector<std::pair<std::string, std::string>>& values, const std::string& selected) {
    json out = json::array();
    for (const auto& [value, label] : values) out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
    return out;
}

struct TestResult {
    bool sent = false;
    std::string to, message, detail;
};

void render_settings(PageContext& ctx, MailService& service, const MailSettings* typed, bool clear_password,
                     const Error* failure, const TestResult* test, int status) {
    auto stored = service.settings(ctx.actor());
    if (!stored) return ctx.error_page(stored.error());
    const MailSettings& s = typed ? *typed : stored->settings;
    FormFields f(failure ? ctx.field_errors(*failure) : json::object());
    const bool password_set = stored->password_set;
    json fields = {
        {"host", f.field("host", tr(ctx, "settings.host"), s.host,
                         {.hint = tr(ctx, "settings.host_hint"), .required = true, .autocomplete = "off", .maxlength = 253})},
        {"port", f.field("port", tr(ctx, "settings.port"), std::to_string(s.port),
                         {.hint = tr(ctx, "settings.port_hint"), .required = true, .inputmode = "numeric", .maxlength = 5})},
        {"security", f.field("security", tr(ctx, "settings.security"), std::string(to_code(s.security)),
                             {.type = "select",
                              .hint = tr(ctx, "settings.security_hint"),
                              .options = options({{"starttls", tr(ctx, "settings.security_starttls")},
                                                  {"tls", tr(ctx, "settings.security_tls")},
                                                  {"none", tr(ctx, "settings.security_none")}},
                                                 std::string(to_code(s.security)))})},
        {"username", f.field("username", tr(ctx, "settings.username"), s.username, {.autocomplete = "off", .maxlength = 200})},
        {"password", f.field("password", tr(ctx, "settings.password"), "",
                             {.type = "password",
                              .hint = tr(ctx, password_set ? "settings.password_kept" : "settings.password_hint"),
                              .autocomplete = "new-password",
                              .maxlength = 200})},
        {"from_address", f.field("from_address", tr(ctx, "settings.from_address"), s.from_address,
                                 {.type = "email", .hint = tr(ctx, "settings.from_address_hint"), .required = true,
                                  .autocomplete = "off", .maxlength = 254})},
        {"from_name", f.field("from_name", tr(ctx, "settings.from_name"), s.from_name,
                              {.hint = tr(ctx, "settings.from_name_hint"), .maxlength = 100})},
        {"reply_to", f.field("reply_to", tr(ctx, "settings.reply_to"), s.reply_to,
                             {.type = "email", .hint = tr(ctx, "settings.reply_to_hint"), .maxlength = 254})},
        {"language", f.field("language", tr(ctx, "settings.language"), s.language,
                             {.type = "select",
                              .hint = tr(ctx, "settings.language_hint"),
                              .options = options({{"fr", "Français"}, {"en", "English"}}, s.language)})}};
    json test_data = nullptr;
    if (test)
        test_data = {{"sent", test->sent}, {"to", test->to}, {"message", test->message}, {"detail", http::opt(test->detail)}};
    json data = {{"admin_tab", {{"mail", true}}},  // identity/_admin_tabs
                 {"mail_tab", {{"server", true}}},
                 {"fields", fields},
                 {"bcc_self", s.bcc_self},
                 {"password_set", password_set},
                 {"clear_password", clear_password},
                 {"configured", stored->settings.configured()},
                 {"saved", ctx.param("saved") == "1"},
                 {"has_errors", f.has_errors()},
                 {"summary", f.summary(ctx.locale())},
                 {"errors_title", failure ? json(ctx.message(*failure)) : json(nullptr)},
                 {"test_to", test ? test->to : ctx.actor().email},
                 {"test", test_data}};
    ctx.render_page("mail/settings", data, tr(ctx, "settings.title"), "admin", status);
}

json variables_help(const PageContext& ctx) {
    json out = json::array();
    for (const auto& v : template_variables()) out.push_back({{"name", "{" + v + "}"}, {"text", tr(ctx, "variables." + v)}});
    return out;
}

void render_templates(PageContext& ctx, MailService& service) {
    auto list = service.templates(ctx.actor());
    if (!list) return ctx.error_page(list.error());
    json rows = json::array();
    for (const auto& t : *list)
        rows.push_back({{"key", std::string(to_code(t.key))},
                        {"label", template_label(ctx, t.key)},
                        {"subject", t.subject},
                        {"customised", t.customised},
                        {"reminder", is_reminder(t.key)}});
    json data = {{"admin_tab", {{"mail", true}}},
                 {"mail_tab", {{"templates", true}}},
                 {"templates", rows},
                 {"saved", ctx.param("saved") == "1"},
                 {"reset", ctx.param("reset") == "1"}};
    ctx.render_page("mail/templates", data, tr(ctx, "templates.title"), "admin");
}

void render_template_edit(PageContext& ctx, MailService& service, TemplateKey key, const MailTemplate* typed,
                          const Error* failure, int status) {
    auto list = service.templates(ctx.actor());
    if (!list) return ctx.error_page(list.error());
    MailTemplate current;
    for (const auto& t : *list)
        if (t.key == key) current = t;
    const MailTemplate& shown = typed ? *typed : current;
    json errors = failure ? ctx.field_errors(*failure) : json::object();
    // The service names templates[0].subject: the form has one template.
    json mapped = json::object();
    for (auto it = errors.begin(); it != errors.end(); ++it) {
        const std::string& k = it.key();
        mapped[k.rfind("templates[0].", 0) == 0 ? k.substr(13) : k] = it.value();
    }
    FormFields f(mapped);
    json data = {{"admin_tab", {{"mail", true}}},
                 {"mail_tab", {{"templates", true}}},
                 {"key", std::string(to_code(key))},
                 {"label", template_label(ctx, key)},
                 {"customised", current.customised},
                 {"subject", f.field("subject", tr(ctx, "templates.subject"), shown.subject, {.required = true, .maxlength = 400})},
                 {"body", f.field("body", tr(ctx, "templates.body"), shown.body, {.type = "textarea", .required = true, .rows = 16})},
                 {"variables", variables_help(ctx)},
                 {"has_errors", f.has_errors()},
                 {"summary", f.summary(ctx.locale())},
                 {"errors_title", failure ? json(ctx.message(*failure)) : json(nullptr)}};
    ctx.render_page("mail/template_edit", data, template_label(ctx, key) + " · " + tr(ctx, "templates.title"), "admin",
                    status);
}

std::optional<TemplateKey> key_of(PageContext& ctx) { return parse_template_key(ctx.path_arg(1)); }

}  // namespace

void register_settings_pages(http::WebServer& web, MailService& service) {
    web.page(Method::Get, "/admin/mail", [&service](PageContext& ctx) {
        render_settings(ctx, service, nullptr, false, nullptr, nullptr, 200);
    });
    web.page(Method::Post, "/admin/mail", [&service](PageContext& ctx) {
        if (!can_configure_mail(ctx.actor())) return ctx.error_page(Error::forbidden());
        MailSettingsInput input;
        MailSettings& s = input.settings;
        s.host = ctx.param("host");
        s.username = ctx.param("username");
        s.from_address = ctx.param("from_address");
        s.from_name = ctx.param("from_name");
        s.reply_to = ctx.param("reply_to");
        s.bcc_self = ctx.param("bcc_self") == "1";
        s.language = ctx.param("language");
        std::vector<FieldIssue> issues;
        if (auto security = parse_security(ctx.param("security"))) s.security = *security;
        else issues.push_back({"security", "security.unknown", "Choisissez le type de connexion.", "Choose the connection type."});
        const std::string port = trim(ctx.param("port"));
        if (!port.empty() && port.size() <= 5 && std::all_of(port.begin(), port.end(), ::isdigit)) s.port = std::stoi(port);
        else s.port = 0;  // reported by the service with the other fields
        const bool clear = ctx.param("clear_password") == "1";
        if (clear) input.password = "";
        else if (!ctx.param("password").empty()) input.password = ctx.param("password");
        Error error = Error::invalid(issues);
        if (issues.empty()) {
            auto saved = service.update_settings(ctx.actor(), input);
            if (saved) return ctx.redirect("/admin/mail?saved=1");
            if (saved.error().kind != ErrorKind::Invalid) return ctx.error_page(saved.error());
            error = saved.error();
        }
        render_settings(ctx, service, &s, clear, &error, nullptr, 422);
    });
    web.page(Method::Post, "/admin/mail/test", [&service](PageContext& ctx) {
        if (!can_configure_mail(ctx.actor())) return ctx.error_page(Error::forbidden());
        TestResult result;
        result.to = trim(ctx.param("to"));
        auto outcome = service.send_test(ctx.actor(), result.to);
        if (!outcome) {
            result.message = ctx.message(outcome.error());
            if (!outcome.error().fields.empty())
                result.message = ctx.locale() == "en" ? outcome.error().fields.front().message_en
                                                      : outcome.error().fields.front().message_fr;
        } else if (outcome->sent) {
            result.sent = true;
            result.message = tr(ctx, "settings.test_sent");
        } else {
            result.message = failure_message(outcome->error_code, ctx.locale());
            result.detail = outcome->error_detail;
        }
        if (result.to.empty()) result.to = ctx.actor().email;
        render_settings(ctx, service, nullptr, false, nullptr, &result, result.sent ? 200 : 422);
    });

    web.page(Method::Get, "/admin/mail/templates", [&service](PageContext& ctx) { render_templates(ctx, service); });
    web.page(Method::Get, R"(/admin/mail/templates/([a-z_0-9]+))", [&service](PageContext& ctx) {
        auto key = key_of(ctx);
        if (!key) return ctx.error_page(http::invalid_id());
        render_template_edit(ctx, service, *key, nullptr, nullptr, 200);
    });
    web.page(Method::Post, R"(/admin/mail/templates/([a-z_0-9]+))", [&service](PageContext& ctx) {
        auto key = key_of(ctx);
        if (!key) return ctx.error_page(http::invalid_id());
        MailTemplate typed{*key, ctx.param("subject"), ctx.param("body"), true};
        auto saved = service.update_templates(ctx.actor(), {TemplateChange{*key, false, typed.subject, typed.body}});
        if (saved) return ctx.redirect("/admin/mail/templates?saved=1");
        if (saved.error().kind != ErrorKind::Invalid) return ctx.error_page(saved.error());
        render_template_edit(ctx, service, *key, &typed, &saved.error(), 422);
    });
    web.page(Method::Post, R"(/admin/mail/templates/([a-z_0-9]+)/reset)", [&service](PageContext& ctx) {
        auto key = key_of(ctx);
        if (!key) return ctx.error_page(http::invalid_id());
        auto saved = service.update_templates(ctx.actor(), {TemplateChange{*key, true, "", ""}});
        if (!saved) return ctx.error_page(saved.error());
        ctx.redirect("/admin/mail/templates?reset=1");
    });
}

}  // namespace comptoir::mail::pages
