// /api/v1/me and /api/v1/users: the same use cases as the admin pages, as JSON.
#include <httplib.h>

#include <algorithm>

#include "modules/identity/http/api_support.hpp"
#include "modules/identity/http/page_support.hpp"
#include "modules/identity/http/routes.hpp"

namespace comptoir::identity {
namespace {

constexpr std::int64_t kDefaultLimit = 50;
constexpr std::int64_t kMaxLimit = 200;

bool all_digits(const std::string& s) {
    return !s.empty() && s.size() < 19 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// `?limit=` (1..200, default 50) and `?cursor=` (opaque: the next_cursor of the previous page).
Result<std::pair<std::int64_t, std::int64_t>> read_paging(const http::ApiContext& ctx) {
    std::vector<FieldIssue> issues;
    std::int64_t limit = kDefaultLimit, after = 0;
    if (ctx.has_param("limit")) {
        auto text = ctx.param("limit");
        if (all_digits(text) && std::stoll(text) >= 1 && std::stoll(text) <= kMaxLimit) limit = std::stoll(text);
        else issues.push_back({"limit", "limit.range", "« limit » doit être un entier entre 1 et 200.",
                               "\"limit\" must be an integer between 1 and 200."});
    }
    if (ctx.has_param("cursor") && !ctx.param("cursor").empty()) {
        auto text = ctx.param("cursor");
        if (all_digits(text)) after = std::stoll(text);
        else issues.push_back({"cursor", "cursor.invalid", "Curseur de pagination invalide.", "Invalid pagination cursor."});
    }
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    return std::pair{limit, after};
}

}  // namespace

void register_users_api(http::WebServer& web, Services& s) {
    web.api(http::Method::Get, "/api/v1/me", [&s](http::ApiContext& ctx) {
        auto me = s.users.get(ctx.actor(), ctx.actor().user_id);
        if (!me) return ctx.problem(me.error());
        auto body = user_json(*me);
        if (auto company = s.company.get(ctx.actor())) body["company"] = {{"id", company->id}, {"name", company->fields.name}};
        ctx.send(body);
    });

    web.api(http::Method::Get, "/api/v1/users", [&s](http::ApiContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.problem(Error::forbidden());  // before reading input: no probing
        auto paging = read_paging(ctx);
        if (!paging) return ctx.problem(paging.error());
        auto page = s.users.list(ctx.actor(), paging->second, paging->first);
        if (!page) return ctx.problem(page.error());
        nlohmann::json data = nlohmann::json::array();
        for (const auto& u : page->users) data.push_back(user_json(u));
        ctx.send({{"data", data},
                  {"next_cursor", page->next_after_id ? nlohmann::json(std::to_string(*page->next_after_id)) : nlohmann::json()}});
    });

    web.api(http::Method::Post, "/api/v1/users", [&web, &s](http::ApiContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.problem(Error::forbidden());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        JsonFields fields(*body, {"email", "name", "role", "locale"});
        InviteInput input{fields.text("email").value_or(""), fields.text("name").value_or(""),
                          fields.text("role").value_or(""), fields.text("locale").value_or("fr")};
        if (!fields.issues().empty()) return ctx.problem(fields.error());
        auto invitation = s.users.invite(ctx.actor(), input);
        if (!invitation) return ctx.problem(invitation.error());
        auto out = user_json(invitation->user);
        out["invitation_url"] = invitation_url(ctx, web, invitation->token);
        out["invitation_expires_at"] = invitation->user.invite_expires_at;
        ctx.response().set_header("Location", "/api/v1/users/" + std::to_string(invitation->user.id));
        ctx.send(out, 201);
    });

    web.api(http::Method::Get, R"(/api/v1/users/(\d+))", [&s](http::ApiContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.problem(Error::forbidden());
        auto user = s.users.get(ctx.actor(), ctx.path_id().value_or(0));
        if (!user) return ctx.problem(user.error());
        ctx.send(user_json(*user));
    });

    web.api(http::Method::Patch, R"(/api/v1/users/(\d+))", [&s](http::ApiContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.problem(Error::forbidden());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        JsonFields fields(*body, {"name", "role", "locale", "active"});
        UserPatch patch{fields.text("name"), fields.text("role"), fields.text("locale"), fields.boolean("active")};
        if (!fields.issues().empty()) return ctx.problem(fields.error());
        auto user = s.users.update(ctx.actor(), ctx.path_id().value_or(0), patch);
        if (!user) return ctx.problem(user.error());
        ctx.send(user_json(*user));
    });
}

}  // namespace comptoir::identity
