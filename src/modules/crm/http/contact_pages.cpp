// Contacts, one at a time from the client card: add, edit (with the duplicate warning), delete.
#include "modules/crm/http/client_form.hpp"
#include "modules/crm/http/page_support.hpp"
#include "modules/crm/http/pages_internal.hpp"

namespace comptoir::crm::pages {
namespace {

using http::Method;
using http::PageContext;

constexpr std::size_t kMaxInputs = 10;

Error contact_not_found() { return Error::not_found("Ce contact n'existe pas.", "This contact does not exist."); }

struct ContactPage {
    std::int64_t client_id = 0;
    std::string client_name;
    std::int64_t contact_id = 0;  // 0: new
    json errors = json::object();
    json duplicates = nullptr;
};

json channel_fields(FormFields& ff, const PageContext& ctx, const std::string& list, const std::vector<std::string>& values) {
    // One input per value, plus an empty one to add another (at least two).
    std::size_t n = std::min(kMaxInputs, std::max<std::size_t>(values.size() + 1, 2));
    n = std::max(n, std::min(values.size(), std::size_t(20)));
    bool email = list == "emails";
    json out = json::array();
    for (std::size_t i = 0; i < n; ++i) {
        std::string label = tr(ctx, i == 0 ? (email ? "fields.email" : "fields.phone") : (email ? "fields.other_email" : "fields.other_phone"));
        if (i > 1) label += " " + std::to_string(i);
        std::string key = list + "_" + std::to_string(i);
        FieldOpts o;
        o.type = email ? "email" : "tel";
        o.autocomplete = email ? "email" : "tel";
        o.dup_check = true;
        o.id = "f-" + list + "-" + std::to_string(i);
        json f = ff.field(key, label, i < values.size() ? values[i] : "", o);
        f["name"] = list;
        out.push_back(f);
    }
    return out;
}

void render_contact_form(PageContext& ctx, const ContactForm& form, const ContactPage& page, int status) {
    FormFields ff(page.errors);
    const Contact& k = form.contact;
    auto T = [&](const std::string& key) { return tr(ctx, key); };
    json f = json::object();
    FieldOpts civ;
    civ.type = "select";
    civ.options = civility_options(ctx, k.civility);
    f["civility"] = ff.field("civility", T("fields.civility"), k.civility, civ);
    f["first_name"] = ff.field("first_name", T("fields.first_name"), k.first_name, {.autocomplete = "off", .maxlength = 100});
    f["last_name"] = ff.field("last_name", T("fields.last_name"), k.last_name, {.autocomplete = "off", .maxlength = 100});
    f["role"] = ff.field("role", T("fields.role"), k.role, {.maxlength = 100});
    f["is_primary"] = ff.field("is_primary", T("fields.is_primary"), "1",
                               {.type = "checkbox", .hint = T("contact.primary_hint"), .checked = k.is_primary});
    json emails = channel_fields(ff, ctx, "emails", form.emails);
    json phones = channel_fields(ff, ctx, "phones", form.phones);
    bool is_new = page.contact_id == 0;
    std::string title = T(is_new ? "contact.new_title" : "contact.edit_title");
    json dup = page.duplicates.is_null() ? json{{"has_matches", false}, {"matches", json::array()}, {"show_force", false},
                                                {"force_label", ""}}
                                         : page.duplicates;
    json data = {{"page_title", title},
                 {"client_id", std::to_string(page.client_id)},
                 {"client_name", page.client_name},
                 {"contact_id", is_new ? json(nullptr) : json(std::to_string(page.contact_id))},
                 {"action", is_new ? "/clients/" + std::to_string(page.client_id) + "/contacts"
                                   : "/contacts/" + std::to_string(page.contact_id)},
                 {"f", f},
                 {"emails", emails},
                 {"phones", phones},
                 {"has_errors", ff.has_errors()},
                 {"summary", ff.summary(ctx.locale())},
                 {"errors_title", T("contact.errors_title")},
                 {"duplicates", dup}};
    ctx.render_page("crm/contact_form", data, title + " · " + page.client_name, "clients", status);
}

void save_failed(PageContext& ctx, const ContactForm& form, ContactPage page, const Error& error) {
    if (error.kind == ErrorKind::Invalid) {
        page.errors = map_errors(ctx.field_errors(error), contact_form_field);
        if (page.errors.empty()) page.errors[""] = ctx.message(error);
        return render_contact_form(ctx, form, page, 422);
    }
    if (error.kind == ErrorKind::Duplicate) {
        page.duplicates = duplicates_view(ctx, duplicates_from_error(error), true, tr(ctx, "contact.save_anyway"));
        return render_contact_form(ctx, form, page, 409);
    }
    ctx.error_page(error);
}

DuplicatePolicy policy_of(const PageContext& ctx) {
    return ctx.param("force") == "1" ? DuplicatePolicy::CreateAnyway : DuplicatePolicy::Refuse;
}

// The contact named in the path and its client, for a writer; renders the error page otherwise.
struct EditedContact {
    std::int64_t id;
    Contact contact;
    Client client;
};
std::optional<EditedContact> load_for_edit(PageContext& ctx, ClientService& service) {
    if (!can_write_clients(ctx.actor())) return ctx.error_page(Error::forbidden()), std::nullopt;
    auto id = ctx.path_id();
    if (!id) return ctx.error_page(contact_not_found()), std::nullopt;
    auto found = service.get_contact(ctx.actor(), *id);
    if (!found) return ctx.error_page(found.error()), std::nullopt;
    auto client = service.get(ctx.actor(), found->first);
    if (!client) return ctx.error_page(client.error()), std::nullopt;
    return EditedContact{*id, std::move(found->second), std::move(*client)};
}

}  // namespace

void register_contact_pages(http::WebServer& web, ClientService& service) {
    web.page(Method::Get, R"(/clients/(\d+)/contacts/new)", [&service](PageContext& ctx) {
        if (!can_write_clients(ctx.actor())) return ctx.error_page(Error::forbidden());
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(contact_not_found());
        auto client = service.get(ctx.actor(), *id);
        if (!client) return ctx.error_page(client.error());
        ContactForm form;
        form.contact.is_primary = client->contacts.empty();
        render_contact_form(ctx, form, {*id, client->display_name()}, 200);
    });

    web.page(Method::Post, R"(/clients/(\d+)/contacts)", [&service](PageContext& ctx) {
        if (!can_write_clients(ctx.actor())) return ctx.error_page(Error::forbidden());
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(contact_not_found());
        auto client = service.get(ctx.actor(), *id);
        if (!client) return ctx.error_page(client.error());
        auto form = parse_contact_form(ctx);
        auto added = service.add_contact(ctx.actor(), *id, form.contact, policy_of(ctx));
        if (!added) return save_failed(ctx, form, {*id, client->display_name()}, added.error());
        ctx.redirect("/clients/" + std::to_string(*id) + "?saved=contact#contacts");
    });

    web.page(Method::Get, R"(/contacts/(\d+)/edit)", [&service](PageContext& ctx) {
        auto loaded = load_for_edit(ctx, service);
        if (!loaded) return;
        const auto& [id, contact, client] = *loaded;
        render_contact_form(ctx, form_from_contact(contact), {client.id, client.display_name(), id}, 200);
    });

    web.page(Method::Post, R"(/contacts/(\d+))", [&service](PageContext& ctx) {
        auto loaded = load_for_edit(ctx, service);
        if (!loaded) return;
        auto form = parse_contact_form(ctx);
        const auto& [id, contact, client] = *loaded;
        auto updated = service.update_contact(ctx.actor(), id, form.contact, policy_of(ctx));
        if (!updated) return save_failed(ctx, form, {client.id, client.display_name(), id}, updated.error());
        ctx.redirect("/clients/" + std::to_string(client.id) + "?saved=contact#contacts");
    });

    web.page(Method::Post, R"(/contacts/(\d+)/delete)", [&service](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(contact_not_found());
        auto deleted = service.delete_contact(ctx.actor(), *id);
        if (!deleted) return ctx.error_page(deleted.error());
        ctx.redirect("/clients/" + std::to_string(*deleted) + "?saved=contact_deleted#contacts");
    });
}

}  // namespace comptoir::crm::pages
