// Resolves the credentials the web server receives (session cookie, bearer token) to an Actor.
#pragma once

#include "http/web_server.hpp"
#include "modules/identity/service/session_service.hpp"
#include "modules/identity/service/token_service.hpp"

namespace comptoir::identity {

class IdentityAuthenticator : public http::Authenticator {
public:
    IdentityAuthenticator(SessionService& sessions, TokenService& tokens) : sessions_(sessions), tokens_(tokens) {}
    std::optional<http::SessionInfo> session(const std::string& token) override { return sessions_.resolve(token); }
    std::optional<Actor> bearer(const std::string& token) override { return tokens_.resolve(token); }

private:
    SessionService& sessions_;
    TokenService& tokens_;
};

}  // namespace comptoir::identity
