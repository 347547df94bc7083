// What the identity pages share: view models of users, the admin tabs, error handling for forms.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "http/web_server.hpp"
#include "modules/identity/domain/model.hpp"

namespace comptoir::identity {

// A user as the templates show them: labels and badge class in the viewer's language.
nlohmann::json user_view(const User& user, const http::PageContext& ctx);
// <option> entries for a role select, `selected` marking the current one.
nlohmann::json role_options(const std::string& selected, const http::PageContext& ctx);
nlohmann::json locale_options(const std::string& selected);
// "26/11/2026 16:04" (fr) from an ISO timestamp; null for none (falsy in templates, unlike "").
nlohmann::json when(const std::optional<std::string>& iso, const std::string& locale);
// Marks the active admin tab ("users", "company", "tokens").
void set_admin_tab(nlohmann::json& data, const std::string& tab);

// Shows a service error as the page it deserves: the form again (with `errors` and a summary) for
// Invalid, the shared error page otherwise. `render_form` receives the data to render with.
template <typename F>
void show_error(http::PageContext& ctx, const Error& error, nlohmann::json data, F&& render_form) {
    if (error.kind != ErrorKind::Invalid) {
        ctx.error_page(error);
        return;
    }
    data["errors"] = ctx.field_errors(error);
    data["error_summary"] = ctx.message(error);
    render_form(std::move(data), 422);
}

}  // namespace comptoir::identity

namespace comptoir::identity {

// The absolute link of an invitation, built from the Host the admin used to reach the server (email
// sending will come later; for now the admin passes the link on).
std::string invitation_url(const http::RequestBase& ctx, const http::WebServer& web, const std::string& token);

}  // namespace comptoir::identity
