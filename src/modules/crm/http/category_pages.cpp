// /admin/categories: the categories that segment the client base (admin only).
#include "modules/crm/http/page_support.hpp"
#include "modules/crm/http/pages_internal.hpp"

namespace comptoir::crm::pages {
namespace {

using http::Method;
using http::PageContext;

struct CategoryPageState {
    // The create form as typed (after a failed create).
    std::string new_name;
    std::string new_color = palette().front().hex;
    json create_errors = json::object();
    // A failed rename: which row, what was typed, the message.
    std::int64_t edit_id = 0;
    std::string edit_name, edit_color, edit_error;
};

void render_categories(PageContext& ctx, ClientService& service, const CategoryPageState& state, int status) {
    auto cats = service.categories(ctx.actor());
    if (!cats) return ctx.error_page(cats.error());
    FormFields ff(state.create_errors);
    json f = {{"name", ff.field("name", tr(ctx, "categories.name"), state.new_name, {.required = true, .maxlength = 60})},
              {"color", ff.field("color", tr(ctx, "categories.color"), state.new_color,
                                 {.type = "select", .options = color_options(ctx, state.new_color)})}};
    json rows = json::array();
    for (const auto& c : *cats) {
        json r = category_json(c);
        bool failed = c.id == state.edit_id;
        r["edit_name"] = failed ? state.edit_name : c.name;
        r["color_options"] = color_options(ctx, failed ? state.edit_color : c.color);
        r["error"] = failed ? opt(state.edit_error) : json(nullptr);
        rows.push_back(r);
    }
    std::string saved = ctx.param("saved");
    json flash = nullptr;
    if (saved == "created" || saved == "saved" || saved == "deleted") flash = {{"message", tr(ctx, "categories." + saved)}};
    json data = {{"admin_tab", {{"categories", true}}},  // identity/_admin_tabs
                 {"flash", flash},
                 {"create",
                  {{"f", f},
                   {"has_errors", ff.has_errors()},
                   {"summary", ff.summary(ctx.locale())},
                   {"errors_title", tr(ctx, "categories.errors_title")}}},
                 {"categories", rows},
                 {"has_categories", !rows.empty()}};
    ctx.render_page("crm/categories", data, tr(ctx, "categories.title"), "admin", status);
}

Error category_not_found() { return Error::not_found("Cette catégorie n'existe pas.", "This category does not exist."); }

}  // namespace

void register_category_pages(http::WebServer& web, ClientService& service) {
    web.page(Method::Get, "/admin/categories", [&service](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(Error::forbidden());
        render_categories(ctx, service, {}, 200);
    });

    web.page(Method::Post, "/admin/categories", [&service](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(Error::forbidden());
        auto created = service.create_category(ctx.actor(), ctx.param("name"), ctx.param("color"));
        if (created) return ctx.redirect("/admin/categories?saved=created");
        if (created.error().kind != ErrorKind::Invalid) return ctx.error_page(created.error());
        CategoryPageState state;
        state.new_name = ctx.param("name");
        state.new_color = ctx.param("color");
        state.create_errors = ctx.field_errors(created.error());
        render_categories(ctx, service, state, 422);
    });

    web.page(Method::Post, R"(/admin/categories/(\d+))", [&service](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(Error::forbidden());
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(category_not_found());
        auto updated = service.update_category(ctx.actor(), *id, ctx.param("name"), ctx.param("color"));
        if (updated) return ctx.redirect("/admin/categories?saved=saved#category-" + std::to_string(*id));
        if (updated.error().kind != ErrorKind::Invalid) return ctx.error_page(updated.error());
        CategoryPageState state;
        state.edit_id = *id;
        state.edit_name = ctx.param("name");
        state.edit_color = ctx.param("color");
        for (const auto& f : updated.error().fields)
            state.edit_error += (state.edit_error.empty() ? "" : " ") + (ctx.locale() == "en" ? f.message_en : f.message_fr);
        if (state.edit_error.empty()) state.edit_error = ctx.message(updated.error());
        render_categories(ctx, service, state, 422);
    });

    web.page(Method::Post, R"(/admin/categories/(\d+)/delete)", [&service](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(Error::forbidden());
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(category_not_found());
        auto deleted = service.delete_category(ctx.actor(), *id);
        if (!deleted) return ctx.error_page(deleted.error());
        ctx.redirect("/admin/categories?saved=deleted");
    });
}

}  // namespace comptoir::crm::pages
