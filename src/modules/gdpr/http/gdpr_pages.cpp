#include "modules/gdpr/http/gdpr_pages.hpp"

#include <httplib.h>

#include <algorithm>

#include "core/clock.hpp"
#include "http/api_reply.hpp"
#include "http/form_fields.hpp"
#include "modules/crm/service/client_service.hpp"
#include "modules/gdpr/service/gdpr_service.hpp"

namespace comptoir::gdpr {
namespace {

using http::FieldOpts;
using http::FormFields;
using http::Method;
using http::PageContext;
using nlohmann::json;

std::string tr(const PageContext& ctx, const std::string& key) { return ctx.t("gdpr." + key); }

std::string basis_label(const PageContext& ctx, const std::string& basis) {
    if (basis.empty()) return "";
    auto label = tr(ctx, "bases." + basis);
    return label.rfind("gdpr.", 0) == 0 ? basis : label;
}

void send_export(PageContext& ctx, const Result<ExportFile>& file) {
    if (!file) return ctx.error_page(file.error());
    ctx.set_response_header("Content-Disposition", "attachment; filename=\"" + file->filename + "\"");
    ctx.set_response_header("Cache-Control", "no-store");
    ctx.response().set_content(file->content, file->content_type);
}

// The client's GDPR panel.
void render_panel(PageContext& ctx, GdprService& gdpr, crm::ClientService& clients, std::int64_t id,
                  const std::string& reason, const Error* failure, int status) {
    auto client = clients.get(ctx.actor(), id);
    if (!client) return ctx.error_page(client.error());
    auto events = gdpr.consent_history(ctx.actor(), id);
    if (!events) return ctx.error_page(events.error());
    auto anonymised = gdpr.anonymised_at(ctx.actor(), id);
    if (!anonymised) return ctx.error_page(anonymised.error());
    json history = json::array();
    for (const auto& e : *events)
        history.push_back({{"channel", tr(ctx, "panel.channel_" + e.channel)},
                           {"granted", e.granted},
                           {"date", http::opt(e.consent_date.empty() ? "" : display_date(e.consent_date, ctx.locale()))},
                           {"source", http::opt(e.source)},
                           {"basis", http::opt(basis_label(ctx, e.legal_basis))},
                           {"recorded_at", http::when(e.recorded_at, ctx.locale())},
                           {"by", http::opt(e.recorded_by_name)}});
    const bool admin = ctx.actor().is_admin();
    const bool can_rectify = anonymised->empty() && (admin || ctx.actor().role == Role::Sales);
    json contacts = json::array();
    json contact_options = json::array({{{"value", ""}, {"label", tr(ctx, "panel.the_client")}, {"selected", true}}});
    for (const auto& k : client->contacts) {
        contacts.push_back({{"id", k.id}, {"name", k.full_name()}});
        contact_options.push_back({{"value", std::to_string(k.id)}, {"label", k.full_name()}, {"selected", false}});
    }
    FormFields f(failure ? ctx.field_errors(*failure) : json::object());
    json data = {{"client_id", id},
                 {"client_name", client->display_name()},
                 {"anonymised", !anonymised->empty()},
                 {"anonymised_at", http::opt(http::when(*anonymised, ctx.locale()))},
                 {"history", history},
                 {"has_history", !history.empty()},
                 {"admin", admin},
                 {"can_rectify", can_rectify},
                 {"contacts", contacts},
                 {"has_contacts", !contacts.empty()},
                 {"recorded", ctx.param("recorded") == "1"},
                 {"done", ctx.param("anonymised") == "1"},
                 {"contact_erased", ctx.param("contact_erased") == "1"},
                 {"rect_contact", f.field("contact_id", tr(ctx, "panel.rect_person"), "",
                                          {.type = "select", .options = contact_options})},
                 {"rect_reason", f.field("reason", tr(ctx, "panel.rect_reason"), reason,
                                         {.type = "textarea", .hint = tr(ctx, "panel.rect_reason_hint"),
                                          .required = true, .rows = 3})},
                 {"has_errors", f.has_errors()},
                 {"summary", f.summary(ctx.locale())},
                 {"errors_title", failure ? json(ctx.message(*failure)) : json(nullptr)}};
    ctx.render_page("gdpr/client_panel", data, tr(ctx, "panel.title") + " · " + client->display_name(), "clients", status);
}

// The confirmation page of an erasure: the client's (contact_id 0) or one contact's.
void render_anonymise(PageContext& ctx, crm::ClientService& clients, std::int64_t client_id, std::int64_t contact_id,
                      const std::string& reason, bool confirmed, const Error* failure, int status) {
    if (!ctx.actor().is_admin()) return ctx.error_page(Error::forbidden());
    auto client = clients.get(ctx.actor(), client_id);
    if (!client) return ctx.error_page(client.error());
    std::string person = client->display_name();
    for (const auto& k : client->contacts)
        if (k.id == contact_id) person = k.full_name();
    FormFields f(failure ? ctx.field_errors(*failure) : json::object());
    f.remember("confirm", "f-confirm", tr(ctx, "erase.confirm_short"));
    const std::string action = contact_id ? "/contacts/" + std::to_string(contact_id) + "/gdpr/anonymise"
                                          : "/clients/" + std::to_string(client_id) + "/gdpr/anonymise";
    json data = {{"client_id", client_id},
                 {"client_name", client->display_name()},
                 {"person", person},
                 {"is_contact", contact_id != 0},
                 {"action", action},
                 {"reason", f.field("reason", tr(ctx, "erase.reason"), reason,
                                    {.type = "textarea", .hint = tr(ctx, "erase.reason_hint"), .required = true,
                                     .rows = 3})},
                 {"confirmed", confirmed},
                 {"confirm_error", f.error_for("confirm")},
                 {"has_errors", f.has_errors()},
                 {"summary", f.summary(ctx.locale())},
                 {"errors_title", failure ? json(ctx.message(*failure)) : json(nullptr)}};
    ctx.render_page("gdpr/anonymise", data, tr(ctx, "erase.title") + " · " + person, "clients", status);
}

void render_admin(PageContext& ctx, GdprService& gdpr, const std::string& years_typed, const Error* years_error,
                  const std::string& reason, const Error* erase_error, int status) {
    auto view = gdpr.retention(ctx.actor());
    if (!view) return ctx.error_page(view.error());
    json prospects = json::array();
    for (const auto& p : view->prospects)
        prospects.push_back({{"id", p.id},
                             {"name", p.name},
                             {"created_at", http::when(p.created_at, ctx.locale())},
                             {"last_activity", p.last_activity.size() > 10 ? http::when(p.last_activity, ctx.locale())
                                                                             : display_date(p.last_activity, ctx.locale())}});
    FormFields years(years_error ? ctx.field_errors(*years_error) : json::object());
    FormFields erase(erase_error ? ctx.field_errors(*erase_error) : json::object());
    erase.remember("confirm", "f-confirm", tr(ctx, "erase.confirm_short"));
    erase.remember("client_ids", "prospects", tr(ctx, "retention.list"));
    const Error* failure = years_error ? years_error : erase_error;
    FormFields& shown = years_error ? years : erase;
    json data = {{"admin_tab", {{"gdpr", true}}},
                 {"years", years.field("years", tr(ctx, "retention.years"),
                                       years_typed.empty() ? std::to_string(view->years) : years_typed,
                                       {.type = "number", .hint = tr(ctx, "retention.years_hint"), .required = true,
                                        .inputmode = "numeric", .maxlength = 2})},
                 {"cutoff", display_date(view->cutoff, ctx.locale())},
                 {"prospects", prospects},
                 {"count", prospects.size()},
                 {"has_prospects", !prospects.empty()},
                 {"reason", erase.field("reason", tr(ctx, "erase.reason"), reason,
                                        {.type = "textarea", .hint = tr(ctx, "retention.reason_hint"), .required = true,
                                         .rows = 2})},
                 {"confirm_error", erase.error_for("confirm")},
                 {"ids_error", erase.error_for("client_ids")},
                 {"saved", ctx.param("saved") == "1"},
                 {"erased", http::opt(ctx.param("erased"))},
                 {"has_errors", shown.has_errors()},
                 {"summary", shown.summary(ctx.locale())},
                 {"errors_title", failure ? json(ctx.message(*failure)) : json(nullptr)}};
    ctx.render_page("gdpr/admin", data, tr(ctx, "admin.title"), "admin", status);
}

void render_register(PageContext& ctx, GdprService& gdpr) {
    auto list = gdpr.activities(ctx.actor());
    if (!list) return ctx.error_page(list.error());
    json activities = json::array();
    for (auto a : *list) {
        json rows = json::array();
        for (const auto& field : activity_fields()) {
            if (field == "name") continue;
            rows.push_back({{"label", tr(ctx, "register.fields." + field)}, {"lines", http::text_lines(*activity_field(a, field))}});
        }
        activities.push_back({{"key", a.key}, {"name", a.name}, {"rows", rows},
                              {"updated_at", http::opt(http::when(a.updated_at, ctx.locale()))}});
    }
    json data = {{"activities", activities}, {"admin", ctx.actor().is_admin()}, {"saved", ctx.param("saved") == "1"},
                 {"today", display_date(today_paris(), ctx.locale())}};
    ctx.render_page("gdpr/register", data, tr(ctx, "register.title"), ctx.actor().is_admin() ? "admin" : "clients");
}

void render_register_edit(PageContext& ctx, GdprService& gdpr, const std::string& key,
                          const std::map<std::string, std::string>* typed, const Error* failure, int status) {
    if (!ctx.actor().is_admin()) return ctx.error_page(Error::forbidden());
    auto list = gdpr.activities(ctx.actor());
    if (!list) return ctx.error_page(list.error());
    std::optional<Activity> found;
    for (const auto& a : *list)
        if (a.key == key) found = a;
    if (!found) return ctx.error_page(Error::not_found("Ce traitement n'existe pas.", "This activity does not exist."));
    FormFields f(failure ? ctx.field_errors(*failure) : json::object());
    json fields = json::array();
    for (const auto& field : activity_fields()) {
        std::string value = *activity_field(*found, field);
        if (typed && typed->contains(field)) value = typed->at(field);
        fields.push_back(f.field(field, tr(ctx, "register.fields." + field), value,
                                 field == "name" ? FieldOpts{.required = true, .maxlength = 200}
                                                 : FieldOpts{.type = "textarea", .rows = 4}));
    }
    json data = {{"key", key},
                 {"name", found->name},
                 {"fields", fields},
                 {"has_errors", f.has_errors()},
                 {"summary", f.summary(ctx.locale())},
                 {"errors_title", failure ? json(ctx.message(*failure)) : json(nullptr)}};
    ctx.render_page("gdpr/register_edit", data, found->name + " · " + tr(ctx, "register.title"), "admin", status);
}

Confirmation confirmation_of(const PageContext& ctx) { return {ctx.param("confirm") == "1", ctx.param("reason")}; }

}  // namespace

void register_gdpr_pages(http::WebServer& web, GdprService& gdpr, crm::ClientService& clients) {
    web.page(Method::Get, R"(/clients/(\d+)/gdpr)", [&](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        render_panel(ctx, gdpr, clients, *id, "", nullptr, 200);
    });
    web.page(Method::Get, R"(/clients/(\d+)/gdpr/export)", [&](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        send_export(ctx, gdpr.export_data(ctx.actor(), *id, 0, ctx.param("format")));
    });
    web.page(Method::Get, R"(/contacts/(\d+)/gdpr/export)", [&](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        send_export(ctx, gdpr.export_contact(ctx.actor(), *id, ctx.param("format")));
    });
    // Rectification: recorded as a GDPR request, then the person's form opens.
    web.page(Method::Post, R"(/clients/(\d+)/gdpr/rectification)", [&](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        std::int64_t contact_id = 0;
        if (!ctx.param("contact_id").empty()) {
            auto parsed = http::parse_id(ctx.param("contact_id"));
            if (!parsed) return ctx.error_page(http::invalid_id());
            contact_id = *parsed;
        }
        auto recorded = gdpr.record_rectification(ctx.actor(), *id, contact_id, ctx.param("reason"));
        if (!recorded) {
            if (recorded.error().kind != ErrorKind::Invalid) return ctx.error_page(recorded.error());
            return render_panel(ctx, gdpr, clients, *id, ctx.param("reason"), &recorded.error(), 422);
        }
        ctx.redirect(contact_id ? "/contacts/" + std::to_string(contact_id) + "/edit"
                                : "/clients/" + std::to_string(*id) + "/edit");
    });
    web.page(Method::Get, R"(/clients/(\d+)/gdpr/anonymise)", [&](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        render_anonymise(ctx, clients, *id, 0, "", false, nullptr, 200);
    });
    web.page(Method::Post, R"(/clients/(\d+)/gdpr/anonymise)", [&](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        const Confirmation c = confirmation_of(ctx);
        auto done = gdpr.anonymise_client(ctx.actor(), *id, c);
        if (!done) {
            if (done.error().kind != ErrorKind::Invalid) return ctx.error_page(done.error());
            return render_anonymise(ctx, clients, *id, 0, c.reason, c.confirmed, &done.error(), 422);
        }
        ctx.redirect("/clients/" + std::to_string(*id) + "/gdpr?anonymised=1");
    });
    web.page(Method::Get, R"(/contacts/(\d+)/gdpr/anonymise)", [&](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        auto contact = clients.get_contact(ctx.actor(), *id);
        if (!contact) return ctx.error_page(contact.error());
        render_anonymise(ctx, clients, contact->first, *id, "", false, nullptr, 200);
    });
    web.page(Method::Post, R"(/contacts/(\d+)/gdpr/anonymise)", [&](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        auto contact = clients.get_contact(ctx.actor(), *id);
        if (!contact) return ctx.error_page(contact.error());
        const Confirmation c = confirmation_of(ctx);
        auto done = gdpr.anonymise_contact(ctx.actor(), *id, c);
        if (!done) {
            if (done.error().kind != ErrorKind::Invalid) return ctx.error_page(done.error());
            return render_anonymise(ctx, clients, contact->first, *id, c.reason, c.confirmed, &done.error(), 422);
        }
        ctx.redirect("/clients/" + std::to_string(*done) + "/gdpr?contact_erased=1");
    });

    web.page(Method::Get, "/admin/gdpr", [&](PageContext& ctx) { render_admin(ctx, gdpr, "", nullptr, "", nullptr, 200); });
    web.page(Method::Post, "/admin/gdpr/retention", [&](PageContext& ctx) {
        const std::string typed = ctx.param("years");
        int years = 0;
        if (!typed.empty() && typed.size() <= 2 && std::all_of(typed.begin(), typed.end(), ::isdigit)) years = std::stoi(typed);
        auto saved = gdpr.set_retention_years(ctx.actor(), years);
        if (!saved) {
            if (saved.error().kind != ErrorKind::Invalid) return ctx.error_page(saved.error());
            return render_admin(ctx, gdpr, typed, &saved.error(), "", nullptr, 422);
        }
        ctx.redirect("/admin/gdpr?saved=1");
    });
    web.page(Method::Post, "/admin/gdpr/retention/anonymise", [&](PageContext& ctx) {
        std::vector<std::int64_t> ids;
        for (const auto& value : ctx.params("client_ids")) {
            auto id = http::parse_id(value);
            if (!id) return ctx.error_page(http::invalid_id());
            ids.push_back(*id);
        }
        const Confirmation c = confirmation_of(ctx);
        auto done = gdpr.anonymise_prospects(ctx.actor(), ids, c);
        if (!done) {
            if (done.error().kind != ErrorKind::Invalid) return ctx.error_page(done.error());
            return render_admin(ctx, gdpr, "", nullptr, c.reason, &done.error(), 422);
        }
        ctx.redirect("/admin/gdpr?erased=" + std::to_string(done->size()));
    });

    web.page(Method::Get, "/gdpr/register", [&](PageContext& ctx) { render_register(ctx, gdpr); });
    web.page(Method::Get, R"(/gdpr/register/([a-z_]+)/edit)", [&](PageContext& ctx) {
        render_register_edit(ctx, gdpr, ctx.path_arg(1), nullptr, nullptr, 200);
    });
    web.page(Method::Post, R"(/gdpr/register/([a-z_]+)/edit)", [&](PageContext& ctx) {
        std::map<std::string, std::string> fields;
        for (const auto& field : activity_fields()) fields[field] = ctx.param(field);
        auto saved = gdpr.update_activity(ctx.actor(), ctx.path_arg(1), fields);
        if (!saved) {
            if (saved.error().kind != ErrorKind::Invalid) return ctx.error_page(saved.error());
            return render_register_edit(ctx, gdpr, ctx.path_arg(1), &fields, &saved.error(), 422);
        }
        ctx.redirect("/gdpr/register?saved=1#" + ctx.path_arg(1));
    });
}

}  // namespace comptoir::gdpr
