// "Mes paramètres": the user's own name and language, and their password.
#include <httplib.h>

#include "core/crypto.hpp"
#include "modules/identity/http/page_support.hpp"
#include "modules/identity/http/routes.hpp"

namespace comptoir::identity {
namespace {

void render_settings(http::PageContext& ctx, const User& me, nlohmann::json data, int status) {
    if (!data.contains("form")) data["form"] = {{"name", me.name}, {"locale", me.locale}};
    data["user"] = user_view(me, ctx);
    data["locales"] = locale_options(data["form"].value("locale", me.locale));
    ctx.render_page("identity/settings", std::move(data), ctx.t("identity.settings.title"), "", status);
}

}  // namespace

void register_settings_pages(http::WebServer& web, Services& s) {
    web.page(http::Method::Get, "/settings", [&s](http::PageContext& ctx) {
        auto me = s.users.get(ctx.actor(), ctx.actor().user_id);
        if (!me) return ctx.error_page(me.error());
        nlohmann::json data = nlohmann::json::object();
        if (ctx.param("saved") == "1") data["notice"] = ctx.t("identity.settings.saved");
        if (ctx.param("password") == "1") data["notice"] = ctx.t("identity.settings.password_changed");
        render_settings(ctx, *me, std::move(data), 200);
    });

    web.page(http::Method::Post, "/settings", [&s](http::PageContext& ctx) {
        auto updated = s.accounts.update_settings(ctx.actor(), {ctx.param("name"), ctx.param("locale")});
        if (updated) return ctx.redirect("/settings?saved=1");
        auto me = s.users.get(ctx.actor(), ctx.actor().user_id);
        if (!me) return ctx.error_page(me.error());
        nlohmann::json data = {{"form", {{"name", ctx.param("name")}, {"locale", ctx.param("locale")}}}};
        show_error(ctx, updated.error(), data, [&](nlohmann::json d, int status) { render_settings(ctx, *me, std::move(d), status); });
    });

    web.page(http::Method::Post, "/settings/password", [&s](http::PageContext& ctx) {
        auto session_hash = sha256_hex(http::WebServer::cookie(ctx.request(), http::WebServer::kSessionCookie));
        auto changed = s.accounts.change_password(
            ctx.actor(), {ctx.param("current_password"), ctx.param("new_password"), ctx.param("password_confirmation")},
            session_hash);
        if (changed) return ctx.redirect("/settings?password=1");
        auto me = s.users.get(ctx.actor(), ctx.actor().user_id);
        if (!me) return ctx.error_page(me.error());
        nlohmann::json data = {{"password_errors", true}};
        show_error(ctx, changed.error(), data, [&](nlohmann::json d, int status) { render_settings(ctx, *me, std::move(d), status); });
    });
}

}  // namespace comptoir::identity
