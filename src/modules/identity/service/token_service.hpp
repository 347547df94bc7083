// API tokens: created by an admin for themselves, shown in clear once (only a SHA-256 is stored),
// listed by their 8-character prefix, and revoked. A token acts as its owner, with the owner's
// current role; tokens of deactivated users stop working.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/identity/domain/model.hpp"
#include "store/database.hpp"

namespace comptoir::identity {

struct CreatedToken {
    ApiToken token;
    std::string secret;  // "cpt_" + 43 random characters; shown once
};

class TokenService {
public:
    explicit TokenService(store::Database& db) : db_(db) {}

    Result<std::vector<ApiToken>> list(const Actor& actor);
    Result<CreatedToken> create(const Actor& actor, const std::string& name);
    Result<ApiToken> revoke(const Actor& actor, std::int64_t token_id);
    std::optional<Actor> resolve(const std::string& secret);

    // For the command line: a token for the user with this email.
    Result<std::string> create_for_email(const std::string& email, const std::string& name);

private:
    CreatedToken insert(store::Connection& conn, const Actor& actor, const std::string& name);

    store::Database& db_;
};

}  // namespace comptoir::identity
