// Logging in and out: password checks with throttling, and browser sessions.
//
// A session is a random 32-byte token in an HttpOnly cookie; only its SHA-256 is stored. Each login
// creates a fresh token and a fresh CSRF token (a token known before login is never reused), and
// sessions end after 12 hours without activity or 7 days in any case.
#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"
#include "http/web_server.hpp"
#include "modules/identity/domain/model.hpp"
#include "modules/identity/domain/session_policy.hpp"
#include "modules/identity/domain/throttle.hpp"
#include "store/database.hpp"

namespace comptoir::identity {

struct LoginInput {
    std::string email, password, ip;
    std::string previous_token;  // the session cookie the browser sent, if any: it is ended
};

struct NewSession {
    std::string token;  // for the cookie; never stored
    std::string csrf_token;
};

class SessionService {
public:
    explicit SessionService(store::Database& db, ThrottlePolicy throttle = {}, SessionPolicy policy = {})
        : db_(db), throttle_(throttle), policy_(policy) {}

    // Refused with TooMany while throttled (even with the right password), Unauthorized for a wrong
    // email or password (one message for both, and the same work, so emails can't be probed).
    Result<NewSession> login(const LoginInput& input);
    // A session for a user who just proved who they are another way (accepting an invitation).
    NewSession start(const User& user, const std::string& previous_token);
    std::optional<http::SessionInfo> resolve(const std::string& token);
    void logout(const std::string& token);

    std::chrono::seconds cookie_lifetime() const { return policy_.absolute_timeout; }

private:
    NewSession create_session(store::Connection& conn, const User& user, const std::string& previous_token);

    store::Database& db_;
    ThrottlePolicy throttle_;
    SessionPolicy policy_;
};

}  // namespace comptoir::identity
