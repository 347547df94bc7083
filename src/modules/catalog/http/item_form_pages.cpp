// The item form (create and edit) and the deactivate / activate actions.
#include "modules/catalog/http/item_form.hpp"
#include "modules/catalog/http/page_support.hpp"
#include "modules/catalog/http/pages_internal.hpp"
#include "modules/catalog/model/item_validation.hpp"

namespace comptoir::catalog::pages {
namespace {

using http::Method;
using http::PageContext;

Error item_not_found() { return Error::not_found("Cet article n'existe pas.", "This item does not exist."); }

void render_form(PageContext& ctx, CatalogService& service, const ItemForm& form, ItemFormContext fc,
                 const std::string& item_name, int status) {
    if (auto cats = service.categories(ctx.actor())) fc.categories = *cats;
    json data = item_form_view(ctx, form, fc);
    std::string title = tr(ctx, fc.create ? "form.new_title" : "form.edit_title");
    data["page_title"] = title;
    data["item_name"] = opt(item_name);
    data["errors_title"] = tr(ctx, "form.errors_title");
    ctx.render_page("catalog/item_form", data, item_name.empty() ? title : title + " · " + item_name, "catalog", status);
}

// Parse problems, plus what the validation says about the other fields, so that one round trip
// shows every error.
json parse_errors(const PageContext& ctx, const ItemForm& form) {
    CatalogItem copy = form.item;
    auto issues = normalise_item(copy);
    json errors = json::object();
    const json messages = ctx.field_errors(Error::invalid(issues));
    for (const auto& [name, message] : messages.items()) errors[item_form_field(name)] = message;
    for (const auto& issue : form.issues) errors[issue.field] = issue.message;  // the parse message replaces the validation's
    return errors;
}

// A service failure on save: the form again with the messages under the fields, or the error page.
void save_failed(PageContext& ctx, CatalogService& service, const ItemForm& form, ItemFormContext fc,
                 const std::string& item_name, const Error& error) {
    if (error.kind != ErrorKind::Invalid && error.kind != ErrorKind::Conflict) return ctx.error_page(error);
    const json messages = ctx.field_errors(error);
    for (const auto& [name, message] : messages.items()) {
        auto field = item_form_field(name);
        fc.errors[field] = fc.errors.contains(field) ? fc.errors[field].get<std::string>() + " " + message.get<std::string>()
                                                     : message.get<std::string>();
    }
    if (fc.errors.empty()) fc.errors[""] = ctx.message(error);
    render_form(ctx, service, form, fc, item_name, error.kind == ErrorKind::Conflict ? 409 : 422);
}

}  // namespace

void register_form_pages(http::WebServer& web, CatalogService& service) {
    web.page(Method::Get, "/catalog/new", [&service](PageContext& ctx) {
        if (!can_write_catalog(ctx.actor())) return ctx.error_page(Error::forbidden());
        render_form(ctx, service, form_from_item(CatalogItem{}, ctx.locale()), {}, "", 200);
    });

    web.page(Method::Post, "/catalog", [&service](PageContext& ctx) {
        if (!can_write_catalog(ctx.actor())) return ctx.error_page(Error::forbidden());
        auto form = parse_item_form(ctx, CatalogItem{});
        ItemFormContext fc;
        if (!form.issues.empty()) {
            fc.errors = parse_errors(ctx, form);
            return render_form(ctx, service, form, fc, "", 422);
        }
        auto created = service.create(ctx.actor(), form.item);
        if (!created) return save_failed(ctx, service, form, fc, "", created.error());
        ctx.redirect("/catalog/" + std::to_string(created->id) + "?saved=1");
    });

    web.page(Method::Get, R"(/catalog/(\d+)/edit)", [&service](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(item_not_found());
        if (!can_write_catalog(ctx.actor())) return ctx.error_page(Error::forbidden());
        auto item = service.get(ctx.actor(), *id);
        if (!item) return ctx.error_page(item.error());
        ItemFormContext fc;
        fc.create = false;
        fc.item_id = *id;
        render_form(ctx, service, form_from_item(*item, ctx.locale()), fc, item->reference, 200);
    });

    web.page(Method::Post, R"(/catalog/(\d+))", [&service](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(item_not_found());
        if (!can_write_catalog(ctx.actor())) return ctx.error_page(Error::forbidden());
        auto stored = service.get(ctx.actor(), *id);
        if (!stored) return ctx.error_page(stored.error());
        auto form = parse_item_form(ctx, *stored);
        ItemFormContext fc;
        fc.create = false;
        fc.item_id = *id;
        if (!form.issues.empty()) {
            fc.errors = parse_errors(ctx, form);
            return render_form(ctx, service, form, fc, stored->reference, 422);
        }
        auto updated = service.update(ctx.actor(), *id, form.item);
        if (!updated) return save_failed(ctx, service, form, fc, stored->reference, updated.error());
        ctx.redirect("/catalog/" + std::to_string(*id) + "?saved=1");
    });

    for (bool active : {false, true}) {
        web.page(Method::Post, active ? R"(/catalog/(\d+)/activate)" : R"(/catalog/(\d+)/deactivate)",
                 [&service, active](PageContext& ctx) {
                     auto id = ctx.path_id();
                     if (!id) return ctx.error_page(item_not_found());
                     auto result = service.set_active(ctx.actor(), *id, active);
                     if (!result) return ctx.error_page(result.error());
                     ctx.redirect("/catalog/" + std::to_string(*id) + (active ? "?saved=activated" : "?saved=deactivated"));
                 });
    }
}

}  // namespace comptoir::catalog::pages
