// API tokens, looked up by the SHA-256 of the bearer token. Revoked tokens and tokens of
// deactivated users never resolve.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "modules/identity/domain/model.hpp"
#include "store/database.hpp"

namespace comptoir::identity::storage {

struct NewToken {
    std::int64_t company_id = 0;
    std::int64_t user_id = 0;
    std::string name, token_hash, prefix, created_at;
};

struct TokenActor {
    std::int64_t token_id = 0;
    Actor actor;
    std::optional<std::string> last_used_at;
};

std::int64_t insert_token(store::Connection& conn, const NewToken& token);
std::vector<ApiToken> list_tokens(store::Connection& conn, std::int64_t company_id);
std::optional<ApiToken> find_token(store::Connection& conn, std::int64_t company_id, std::int64_t token_id);
std::optional<TokenActor> find_live_token(store::Connection& conn, const std::string& token_hash);
void touch_token(store::Connection& conn, std::int64_t token_id, const std::string& now);
// Returns false when the token was already revoked (or isn't the company's).
bool revoke_token(store::Connection& conn, std::int64_t company_id, std::int64_t token_id, const std::string& now);

}  // namespace comptoir::identity::storage
