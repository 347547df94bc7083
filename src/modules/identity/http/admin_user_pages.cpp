// Administration › Utilisateurs: the list, invitations, and editing a user's name, role and status.
#include <httplib.h>

#include <algorithm>

#include "modules/identity/http/page_support.hpp"
#include "modules/identity/http/routes.hpp"

namespace comptoir::identity {
namespace {

constexpr std::int64_t kPageSize = 100;

void render_list(http::PageContext& ctx, Services& s, nlohmann::json data, int status) {
    std::int64_t after = 0;
    if (auto a = ctx.param("after"); !a.empty() && a.size() < 19 && std::all_of(a.begin(), a.end(), ::isdigit))
        after = std::stoll(a);
    auto page = s.users.list(ctx.actor(), after, kPageSize);
    if (!page) return ctx.error_page(page.error());
    auto& users = data["users"] = nlohmann::json::array();
    for (const auto& u : page->users) users.push_back(user_view(u, ctx));
    data["has_users"] = !users.empty();
    if (page->next_after_id) data["next_page"] = "/admin/users?after=" + std::to_string(*page->next_after_id);
    if (!data.contains("form")) data["form"] = {{"role", "sales"}, {"locale", "fr"}};
    data["roles"] = role_options(data["form"].value("role", "sales"), ctx);
    data["locales"] = locale_options(data["form"].value("locale", "fr"));
    set_admin_tab(data, "users");
    ctx.render_page("identity/admin_users", std::move(data), ctx.t("identity.users.title"), "admin", status);
}

void render_edit(http::PageContext& ctx, const User& user, nlohmann::json data, int status) {
    if (!data.contains("form"))
        data["form"] = {{"name", user.name}, {"role", std::string(to_code(user.role))}, {"active", user.active}};
    data["user"] = user_view(user, ctx);
    data["roles"] = role_options(data["form"].value("role", ""), ctx);
    data["locales"] = locale_options(data["form"].value("locale", user.locale));
    set_admin_tab(data, "users");
    ctx.render_page("identity/admin_user_edit", std::move(data), ctx.t("identity.users.edit_title"), "admin", status);
}

void show_invitation(http::PageContext& ctx, const http::WebServer& web, const Invitation& invitation, nlohmann::json& data) {
    data["invitation"] = {{"name", invitation.user.name}, {"email", invitation.user.email},
                          {"url", invitation_url(ctx, web, invitation.token)},
                          {"expires", when(invitation.user.invite_expires_at, ctx.locale())}};
}

}  // namespace

void register_admin_user_pages(http::WebServer& web, Services& s) {
    web.add_nav({"admin", "identity.nav.admin", "/admin/users", "settings", true, 900});

    web.page(http::Method::Get, "/admin/users", [&s](http::PageContext& ctx) {
        nlohmann::json data = nlohmann::json::object();
        if (ctx.param("saved") == "1") data["notice"] = ctx.t("identity.users.saved");
        render_list(ctx, s, std::move(data), 200);
    });

    web.page(http::Method::Post, "/admin/users", [&web, &s](http::PageContext& ctx) {
        InviteInput input{ctx.param("email"), ctx.param("name"), ctx.param("role"), ctx.param("locale")};
        auto invitation = s.users.invite(ctx.actor(), input);
        if (invitation) {
            nlohmann::json data = nlohmann::json::object();
            show_invitation(ctx, web, *invitation, data);
            return render_list(ctx, s, std::move(data), 200);
        }
        nlohmann::json data = {{"form", {{"email", input.email}, {"name", input.name}, {"role", input.role}, {"locale", input.locale}}}};
        show_error(ctx, invitation.error(), data, [&](nlohmann::json d, int status) { render_list(ctx, s, std::move(d), status); });
    });

    web.page(http::Method::Get, R"(/admin/users/(\d+))", [&s](http::PageContext& ctx) {
        auto user = s.users.get(ctx.actor(), ctx.path_id().value_or(0));
        if (!user) return ctx.error_page(user.error());
        if (!ctx.actor().is_admin()) return ctx.error_page(Error::forbidden());
        render_edit(ctx, *user, nlohmann::json::object(), 200);
    });

    web.page(http::Method::Post, R"(/admin/users/(\d+))", [&s](http::PageContext& ctx) {
        auto id = ctx.path_id().value_or(0);
        UserPatch patch{ctx.param("name"), ctx.param("role"), ctx.param("locale"), ctx.param("active") == "1"};
        auto updated = s.users.update(ctx.actor(), id, patch);
        if (updated) return ctx.redirect("/admin/users?saved=1");
        auto user = s.users.get(ctx.actor(), id);
        if (!user) return ctx.error_page(user.error());
        nlohmann::json data = {{"form", {{"name", *patch.name}, {"role", *patch.role}, {"locale", *patch.locale},
                                         {"active", *patch.active}}}};
        show_error(ctx, updated.error(), data, [&](nlohmann::json d, int status) { render_edit(ctx, *user, std::move(d), status); });
    });

    web.page(http::Method::Post, R"(/admin/users/(\d+)/invitation)", [&web, &s](http::PageContext& ctx) {
        auto invitation = s.users.renew_invitation(ctx.actor(), ctx.path_id().value_or(0));
        if (!invitation) return ctx.error_page(invitation.error());
        nlohmann::json data = nlohmann::json::object();
        show_invitation(ctx, web, *invitation, data);
        render_edit(ctx, invitation->user, std::move(data), 200);
    });
}

}  // namespace comptoir::identity
