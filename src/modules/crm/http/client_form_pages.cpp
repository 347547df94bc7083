// The client form (create and edit), its htmx refresh (kind and delivery address sections), the live
// duplicate check, and archive / restore.
#include <algorithm>

#include "core/clock.hpp"
#include "modules/crm/http/client_form.hpp"
#include "modules/crm/http/page_support.hpp"
#include "modules/crm/http/pages_internal.hpp"
#include "modules/crm/model/client_json.hpp"
#include "modules/crm/model/client_validation.hpp"

namespace comptoir::crm::pages {
namespace {

using http::Method;
using http::PageContext;

std::optional<FormMode> edit_mode(const Actor& actor) {
    if (can_write_clients(actor)) return FormMode::Edit;
    if (actor.role == Role::Accountant) return FormMode::AccountingOnly;
    return std::nullopt;
}

void render_form(PageContext& ctx, ClientService& service, const ClientForm& form, ClientFormContext fc,
                 const std::string& client_name, int status, bool fragment = false) {
    if (auto cats = service.categories(ctx.actor())) fc.categories = *cats;
    if (auto users = service.assignable_users(ctx.actor())) fc.users = *users;
    json data = client_form_view(ctx, form, fc);
    std::string title = tr(ctx, fc.mode == FormMode::Create ? "form.new_title" : "form.edit_title");
    data["page_title"] = title;
    data["client_name"] = opt(client_name);
    data["errors_title"] = tr(ctx, "form.errors_title");
    if (fragment) return ctx.render_fragment("crm/client_form", data, status);
    ctx.render_page("crm/client_form", data, client_name.empty() ? title : title + " · " + client_name, "clients", status);
}

// Parse problems, plus what the validation would say about the other fields, so that one round trip
// shows every error.
json parse_errors(const PageContext& ctx, const ClientForm& form) {
    Client copy = form.client;
    auto issues = normalise_client(copy, today_iso());
    json errors = map_errors(ctx.field_errors(Error::invalid(issues)), client_form_field);
    for (const auto& issue : form.issues) {
        std::string name = client_form_field(issue.field);
        errors[name] = tr(ctx, issue.message_key);  // the parse message replaces the validation's
    }
    return errors;
}

// Handles a service failure on save: re-renders the form (invalid, duplicate) or shows the error page.
void save_failed(PageContext& ctx, ClientService& service, const ClientForm& form, ClientFormContext fc,
                 const std::string& client_name, const Error& error) {
    if (error.kind == ErrorKind::Invalid) {
        fc.errors = map_errors(ctx.field_errors(error), client_form_field);
        if (fc.errors.empty()) fc.errors[""] = ctx.message(error);
        return render_form(ctx, service, form, fc, client_name, 422);
    }
    if (error.kind == ErrorKind::Duplicate) {
        std::string label = tr(ctx, fc.mode == FormMode::Create ? "form.create_anyway" : "form.save_anyway");
        fc.duplicates = duplicates_view(ctx, duplicates_from_error(error), true, label);
        return render_form(ctx, service, form, fc, client_name, 409);
    }
    ctx.error_page(error);
}

DuplicatePolicy policy_of(const PageContext& ctx) {
    return ctx.param("force") == "1" ? DuplicatePolicy::CreateAnyway : DuplicatePolicy::Refuse;
}

Error client_not_found() { return Error::not_found("Ce client n'existe pas.", "This client does not exist."); }

// Removes the matches a stored record already had (confirmed earlier): only new ones warn.
void drop_known(std::vector<DuplicateMatch>& matches, const std::vector<DuplicateMatch>& known) {
    std::erase_if(matches, [&](const DuplicateMatch& m) {
        return std::any_of(known.begin(), known.end(), [&](const DuplicateMatch& k) {
            return k.client_id == m.client_id && k.field == m.field && k.value == m.value;
        });
    });
}

}  // namespace

void register_form_pages(http::WebServer& web, ClientService& service) {
    web.page(Method::Get, "/clients/new", [&service](PageContext& ctx) {
        if (!can_write_clients(ctx.actor())) return ctx.error_page(Error::forbidden());
        render_form(ctx, service, form_from_client(Client{}, ctx.locale()), {}, "", 200);
    });

    web.page(Method::Post, "/clients/new/refresh", [&service](PageContext& ctx) {
        if (!can_write_clients(ctx.actor())) return ctx.error_page(Error::forbidden());
        auto form = parse_client_form(ctx, Client{}, FormMode::Create);
        render_form(ctx, service, form, {}, "", 200, ctx.is_htmx());
    });

    web.page(Method::Post, "/clients", [&service](PageContext& ctx) {
        if (!can_write_clients(ctx.actor())) return ctx.error_page(Error::forbidden());
        auto form = parse_client_form(ctx, Client{}, FormMode::Create);
        ClientFormContext fc;
        if (ctx.has_param("_refresh")) return render_form(ctx, service, form, fc, "", 200);
        if (!form.issues.empty()) {
            fc.errors = parse_errors(ctx, form);
            return render_form(ctx, service, form, fc, "", 422);
        }
        auto created = service.create(ctx.actor(), form.client, policy_of(ctx));
        if (!created) return save_failed(ctx, service, form, fc, "", created.error());
        ctx.redirect("/clients/" + std::to_string(created->id) + "?saved=1");
    });

    web.page(Method::Post, "/clients/check-duplicates", [&service](PageContext& ctx) {
        Client draft;
        std::vector<DuplicateMatch> known;
        if (ctx.has_param("client_id")) {
            // The contact form: the contact's emails and phones, against every other client.
            auto client_id = parse_id(ctx.param("client_id"));
            draft.id = client_id.value_or(0);
            draft.contacts = {parse_contact_form(ctx).contact};
            if (auto contact_id = parse_id(ctx.param("contact_id"))) {
                if (auto stored = service.get_contact(ctx.actor(), *contact_id)) {
                    Client before;
                    before.id = stored->first;
                    before.contacts = {stored->second};
                    if (auto k = service.find_duplicates(ctx.actor(), before)) known = *k;
                }
            }
        } else {
            draft = parse_client_form(ctx, Client{}, FormMode::Create).client;
            if (auto id = parse_id(ctx.param("id"))) {
                draft.id = *id;
                if (auto stored = service.get(ctx.actor(), *id))
                    if (auto k = service.find_duplicates(ctx.actor(), *stored)) known = *k;
            }
        }
        auto matches = service.find_duplicates(ctx.actor(), draft);
        if (!matches) return ctx.render_fragment("crm/_duplicates_panel", duplicates_view(ctx, json::array(), false, ""));
        drop_known(*matches, known);
        ctx.render_fragment("crm/_duplicates_panel", duplicates_view(ctx, matches_json(*matches), false, ""));
    });

    web.page(Method::Get, R"(/clients/(\d+)/edit)", [&service](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(client_not_found());
        auto mode = edit_mode(ctx.actor());
        if (!mode) return ctx.error_page(Error::forbidden());
        auto client = service.get(ctx.actor(), *id);
        if (!client) return ctx.error_page(client.error());
        ClientFormContext fc;
        fc.mode = *mode;
        fc.client_id = *id;
        render_form(ctx, service, form_from_client(*client, ctx.locale()), fc, client->display_name(), 200);
    });

    auto save = [&service](PageContext& ctx, bool refresh_only) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(client_not_found());
        auto mode = edit_mode(ctx.actor());
        if (!mode) return ctx.error_page(Error::forbidden());
        auto stored = service.get(ctx.actor(), *id);
        if (!stored) return ctx.error_page(stored.error());
        std::string name = stored->display_name();
        auto form = parse_client_form(ctx, *stored, *mode);
        ClientFormContext fc;
        fc.mode = *mode;
        fc.client_id = *id;
        if (refresh_only) return render_form(ctx, service, form, fc, name, 200, ctx.is_htmx());
        if (ctx.has_param("_refresh")) return render_form(ctx, service, form, fc, name, 200);
        if (!form.issues.empty()) {
            fc.errors = parse_errors(ctx, form);
            return render_form(ctx, service, form, fc, name, 422);
        }
        auto updated = service.update(ctx.actor(), *id, form.client, policy_of(ctx));
        if (!updated) return save_failed(ctx, service, form, fc, name, updated.error());
        ctx.redirect("/clients/" + std::to_string(*id) + "?saved=1");
    };
    web.page(Method::Post, R"(/clients/(\d+)/edit/refresh)", [save](PageContext& ctx) { save(ctx, true); });
    web.page(Method::Post, R"(/clients/(\d+))", [save](PageContext& ctx) { save(ctx, false); });

    for (bool archive : {true, false}) {
        web.page(Method::Post, archive ? R"(/clients/(\d+)/archive)" : R"(/clients/(\d+)/restore)",
                 [&service, archive](PageContext& ctx) {
                     auto id = ctx.path_id();
                     if (!id) return ctx.error_page(client_not_found());
                     auto result = service.set_archived(ctx.actor(), *id, archive);
                     if (!result) return ctx.error_page(result.error());
                     ctx.redirect("/clients/" + std::to_string(*id) + (archive ? "?saved=archived" : "?saved=restored"));
                 });
    }
}

}  // namespace comptoir::crm::pages
