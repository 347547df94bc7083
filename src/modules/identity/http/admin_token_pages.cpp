// Administration › Jetons d'API: the company's tokens, creating one (its secret is shown once, on
// the page that answers the creation, and never again), and revoking.
#include <httplib.h>

#include "modules/identity/http/page_support.hpp"
#include "modules/identity/http/routes.hpp"

namespace comptoir::identity {
namespace {

nlohmann::json token_view(const ApiToken& t, const http::PageContext& ctx) {
    return {{"id", t.id},
            {"name", t.name},
            {"prefix", t.prefix},
            {"owner", t.user_name},
            {"created", when(t.created_at, ctx.locale())},
            {"last_used", when(t.last_used_at, ctx.locale())},
            {"revoked", t.revoked_at.has_value()},
            {"revoked_at", when(t.revoked_at, ctx.locale())}};
}

void render_tokens(http::PageContext& ctx, Services& s, nlohmann::json data, int status) {
    auto tokens = s.tokens.list(ctx.actor());
    if (!tokens) return ctx.error_page(tokens.error());
    auto& rows = data["tokens"] = nlohmann::json::array();
    for (const auto& t : *tokens) rows.push_back(token_view(t, ctx));
    data["has_tokens"] = !rows.empty();
    set_admin_tab(data, "tokens");
    // The secret must not be kept by the browser's or a proxy's cache.
    ctx.response().set_header("Cache-Control", "no-store");
    ctx.render_page("identity/admin_tokens", std::move(data), ctx.t("identity.tokens.title"), "admin", status);
}

}  // namespace

void register_admin_token_pages(http::WebServer& web, Services& s) {
    web.page(http::Method::Get, "/admin/tokens", [&s](http::PageContext& ctx) {
        nlohmann::json data = nlohmann::json::object();
        if (ctx.param("revoked") == "1") data["notice"] = ctx.t("identity.tokens.revoked_notice");
        render_tokens(ctx, s, std::move(data), 200);
    });

    web.page(http::Method::Post, "/admin/tokens", [&s](http::PageContext& ctx) {
        auto created = s.tokens.create(ctx.actor(), ctx.param("name"));
        if (created) {
            nlohmann::json data = {{"created", {{"name", created->token.name}, {"secret", created->secret}}}};
            return render_tokens(ctx, s, std::move(data), 200);
        }
        nlohmann::json data = {{"form", {{"name", ctx.param("name")}}}};
        show_error(ctx, created.error(), data, [&](nlohmann::json d, int status) { render_tokens(ctx, s, std::move(d), status); });
    });

    web.page(http::Method::Post, R"(/admin/tokens/(\d+)/revoke)", [&s](http::PageContext& ctx) {
        auto revoked = s.tokens.revoke(ctx.actor(), ctx.path_id().value_or(0));
        if (!revoked) return ctx.error_page(revoked.error());
        ctx.redirect("/admin/tokens?revoked=1");
    });
}

}  // namespace comptoir::identity
