// Helpers shared by the user use cases: the audited view of a user and the invitation secret.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "modules/identity/domain/model.hpp"
#include "modules/identity/domain/session_policy.hpp"

namespace comptoir::identity {

// What the audit log records about a user (never a password hash or token).
inline nlohmann::json audit_view(const User& u) {
    return {{"email", u.email}, {"name", u.name}, {"role", std::string(to_code(u.role))}, {"locale", u.locale},
            {"active", u.active}};
}

struct InvitationSecret {
    std::string token, token_hash, expires_at;
};

inline InvitationSecret new_invitation_secret() {
    InvitationSecret s;
    s.token = random_token(32);
    s.token_hash = sha256_hex(s.token);
    s.expires_at = to_iso(now() + kInvitationValidity);
    return s;
}

}  // namespace comptoir::identity
