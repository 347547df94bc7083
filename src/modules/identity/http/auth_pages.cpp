// Pages reached without a session: login, and accepting an invitation. Both forms are protected from
// cross-site posting by a double-submit token: a random value in a cookie that the form repeats in a
// hidden field (there is no session yet to hold a CSRF token).
#include <httplib.h>

#include <algorithm>

#include "core/crypto.hpp"
#include "http/problem.hpp"
#include "modules/identity/domain/safe_redirect.hpp"
#include "modules/identity/http/routes.hpp"

namespace comptoir::identity {
namespace {

constexpr int kLoginCsrfLifetime = 2 * 60 * 60;

// The language of a page shown before login: English when the browser prefers it, French otherwise.
std::string guest_locale(const http::RequestBase& ctx) {
    return ctx.header("Accept-Language").starts_with("en") ? "en" : "fr";
}

void render(http::RequestBase& ctx, const http::WebServer& web, const std::string& tmpl, const nlohmann::json& data,
            const std::string& locale, int status) {
    ctx.response().status = status;
    ctx.response().set_header("Cache-Control", "no-store");
    ctx.response().set_content(web.renderer().render(tmpl, data, locale), "text/html; charset=utf-8");
}

// The double-submit token: kept if the browser already has a well-formed one (several tabs keep working).
std::string issue_login_csrf(http::RequestBase& ctx, const http::WebServer& web) {
    auto token = http::WebServer::cookie(ctx.request(), http::WebServer::kLoginCsrfCookie);
    bool well_formed = token.size() >= 32 && token.size() <= 64 &&
                       std::all_of(token.begin(), token.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
    if (!well_formed) token = random_token(24);
    web.set_cookie(ctx.response(), http::WebServer::kLoginCsrfCookie, token, kLoginCsrfLifetime);
    return token;
}

bool login_csrf_ok(const http::RequestBase& ctx) {
    auto expected = http::WebServer::cookie(ctx.request(), http::WebServer::kLoginCsrfCookie);
    auto sent = ctx.param("_csrf");
    return !expected.empty() && constant_time_equal(sent, expected);
}

void open_session(http::RequestBase& ctx, const http::WebServer& web, const SessionService& sessions,
                  const NewSession& session, const std::string& to) {
    web.set_cookie(ctx.response(), http::WebServer::kSessionCookie, session.token,
                   static_cast<int>(sessions.cookie_lifetime().count()));
    web.set_cookie(ctx.response(), http::WebServer::kLoginCsrfCookie, "", 0);
    ctx.response().set_redirect(to, 303);
}

void render_login(http::RequestBase& ctx, http::WebServer& web, const std::string& locale, nlohmann::json data,
                  int status) {
    data["login_csrf"] = issue_login_csrf(ctx, web);
    auto next = safe_next(ctx.param("next"));
    if (next != "/") data["next"] = next;
    data["title"] = web.renderer().translate("identity.login.title", locale);
    render(ctx, web, "identity/login", data, locale, status);
}

void register_login(http::WebServer& web, Services& s) {
    // Shown even to a logged-in browser: logging in again (as someone else) is legitimate, and the
    // new login ends the previous session.
    web.public_route(http::Method::Get, "/login", [&web](http::RequestBase& ctx) {
        render_login(ctx, web, guest_locale(ctx), nlohmann::json::object(), 200);
    });

    web.public_route(http::Method::Post, "/login", [&web, &s](http::RequestBase& ctx) {
        auto locale = guest_locale(ctx);
        nlohmann::json data = {{"email", ctx.param("email")}};
        if (!login_csrf_ok(ctx)) {
            data["error"] = web.renderer().translate("identity.login.csrf_expired", locale);
            render_login(ctx, web, locale, data, 403);
            return;
        }
        auto session = s.sessions.login({ctx.param("email"), ctx.param("password"), ctx.client_ip(),
                                         http::WebServer::cookie(ctx.request(), http::WebServer::kSessionCookie)});
        if (!session) {
            const auto& e = session.error();
            data["error"] = locale == "en" ? e.message_en : e.message_fr;
            for (const auto& f : e.fields) data["errors"][f.field] = locale == "en" ? f.message_en : f.message_fr;
            if (e.kind == ErrorKind::Invalid && e.fields.size() > 1)
                data["error"] = web.renderer().translate("common.fix_errors", locale);
            render_login(ctx, web, locale, data, http::status_for(e.kind));
            return;
        }
        open_session(ctx, web, s.sessions, *session, safe_next(ctx.param("next")));
    });

    web.page(http::Method::Post, "/logout", [&web, &s](http::PageContext& ctx) {
        s.sessions.logout(http::WebServer::cookie(ctx.request(), http::WebServer::kSessionCookie));
        web.set_cookie(ctx.response(), http::WebServer::kSessionCookie, "", 0);
        ctx.redirect("/login");
    });
}

void render_invitation(http::RequestBase& ctx, http::WebServer& web, const User& user, const std::string& company,
                       nlohmann::json data, int status) {
    data["login_csrf"] = issue_login_csrf(ctx, web);
    data["user"] = {{"name", user.name}, {"email", user.email}};
    data["company_name"] = company;
    data["token"] = ctx.path_arg(1);
    data["title"] = web.renderer().translate("identity.invite.title", user.locale);
    render(ctx, web, "identity/invite", data, user.locale, status);
}

void render_invalid_invitation(http::RequestBase& ctx, http::WebServer& web, const Error& error) {
    auto locale = guest_locale(ctx);
    nlohmann::json data = {{"error", locale == "en" ? error.message_en : error.message_fr},
                           {"title", web.renderer().translate("identity.invite.invalid_title", locale)}};
    render(ctx, web, "identity/invite_invalid", data, locale, 404);
}

std::string company_name(Services& s, const User& user) {
    auto company = s.company.get(Actor{user.company_id, user.id, user.role, user.locale, user.name, user.email});
    return company ? company->fields.name : std::string();
}

void register_invitation(http::WebServer& web, Services& s) {
    const std::string pattern = R"(/invite/([A-Za-z0-9_-]{10,100}))";
    web.public_route(http::Method::Get, pattern, [&web, &s](http::RequestBase& ctx) {
        auto user = s.accounts.find_invitation(ctx.path_arg(1));
        if (!user) return render_invalid_invitation(ctx, web, user.error());
        render_invitation(ctx, web, *user, company_name(s, *user), nlohmann::json::object(), 200);
    });

    web.public_route(http::Method::Post, pattern, [&web, &s](http::RequestBase& ctx) {
        auto token = ctx.path_arg(1);
        auto invited = s.accounts.find_invitation(token);
        if (!invited) return render_invalid_invitation(ctx, web, invited.error());
        if (!login_csrf_ok(ctx)) {
            nlohmann::json data = {{"error", web.renderer().translate("identity.login.csrf_expired", invited->locale)}};
            return render_invitation(ctx, web, *invited, company_name(s, *invited), data, 403);
        }
        auto user = s.accounts.accept_invitation(token, ctx.param("password"), ctx.param("password_confirmation"));
        if (!user) {
            const auto& e = user.error();
            if (e.kind != ErrorKind::Invalid) return render_invalid_invitation(ctx, web, e);
            bool en = invited->locale == "en";
            nlohmann::json data = {{"error", en ? e.message_en : e.message_fr}};
            for (const auto& f : e.fields) data["errors"][f.field] = en ? f.message_en : f.message_fr;
            return render_invitation(ctx, web, *invited, company_name(s, *invited), data, 422);
        }
        auto session = s.sessions.start(*user, http::WebServer::cookie(ctx.request(), http::WebServer::kSessionCookie));
        open_session(ctx, web, s.sessions, session, "/");
    });
}

}  // namespace

void register_auth_pages(http::WebServer& web, Services& services) {
    register_login(web, services);
    register_invitation(web, services);
}

}  // namespace comptoir::identity
