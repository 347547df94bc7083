// The identity module's HTTP adapters, one registration function per page group. Handlers parse the
// request, call one service function and render; permissions are checked by the services.
#pragma once

#include "http/web_server.hpp"
#include "modules/identity/service/account_service.hpp"
#include "modules/identity/service/company_service.hpp"
#include "modules/identity/service/session_service.hpp"
#include "modules/identity/service/token_service.hpp"
#include "modules/identity/service/user_service.hpp"

namespace comptoir::identity {

struct Services {
    UserService& users;
    AccountService& accounts;
    SessionService& sessions;
    CompanyService& company;
    TokenService& tokens;
};

void register_auth_pages(http::WebServer& web, Services& services);      // /login, /logout, /invite/{token}
void register_settings_pages(http::WebServer& web, Services& services);  // /settings
void register_admin_user_pages(http::WebServer& web, Services& services);
void register_admin_company_pages(http::WebServer& web, Services& services);  // + /company/logo
void register_admin_token_pages(http::WebServer& web, Services& services);
void register_users_api(http::WebServer& web, Services& services);    // /api/v1/me, /api/v1/users
void register_company_api(http::WebServer& web, Services& services);  // /api/v1/company

}  // namespace comptoir::identity
