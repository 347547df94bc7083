#include "modules/identity/http/page_support.hpp"

#include <algorithm>

#include "core/clock.hpp"

namespace comptoir::identity {

nlohmann::json when(const std::optional<std::string>& iso, const std::string& locale) {
    return iso && !iso->empty() ? nlohmann::json(display_datetime(*iso, locale)) : nlohmann::json();
}

nlohmann::json user_view(const User& user, const http::PageContext& ctx) {
    auto status = user.status();
    std::string badge = status == UserStatus::Active ? "badge-success"
                        : status == UserStatus::Invited ? "badge-warning" : "badge-muted";
    return {{"id", user.id},
            {"email", user.email},
            {"name", user.name},
            {"role", std::string(to_code(user.role))},
            {"role_label", std::string(role_label(user.role, ctx.locale()))},
            {"locale", user.locale},
            {"active", user.active},
            {"invited", status == UserStatus::Invited},
            {"status_label", ctx.t("identity.users.status_" + std::string(status_code(status)))},
            {"badge", badge},
            {"last_login", when(user.last_login_at, ctx.locale())},
            {"invite_expires", when(user.invite_expires_at, ctx.locale())},
            {"is_me", user.id == ctx.actor().user_id}};
}

nlohmann::json role_options(const std::string& selected, const http::PageContext& ctx) {
    nlohmann::json out = nlohmann::json::array();
    for (Role role : {Role::Admin, Role::Sales, Role::Accountant, Role::ReadOnly}) {
        std::string code(to_code(role));
        out.push_back({{"value", code},
                       {"label", std::string(role_label(role, ctx.locale()))},
                       {"hint", ctx.t("identity.roles." + code)},
                       {"selected", code == selected}});
    }
    return out;
}

nlohmann::json locale_options(const std::string& selected) {
    return nlohmann::json::array({{{"value", "fr"}, {"label", "Français"}, {"selected", selected != "en"}},
                                  {{"value", "en"}, {"label", "English"}, {"selected", selected == "en"}}});
}

void set_admin_tab(nlohmann::json& data, const std::string& tab) { data["admin_tab"] = {{tab, true}}; }

}  // namespace comptoir::identity

namespace comptoir::identity {

std::string invitation_url(const http::RequestBase& ctx, const http::WebServer& web, const std::string& token) {
    std::string path = "/invite/" + token;
    auto host = ctx.header("Host");
    bool host_ok = !host.empty() && host.size() < 256 && std::all_of(host.begin(), host.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    });
    if (!host_ok) return path;
    return std::string(web.options().secure_cookies ? "https://" : "http://") + host + path;
}

}  // namespace comptoir::identity
