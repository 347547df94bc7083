// Login sessions, looked up by the SHA-256 of the cookie's token. A session whose user was
// deactivated is never returned.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/actor.hpp"
#include "store/database.hpp"

namespace comptoir::identity::storage {

struct NewSession {
    std::string token_hash;
    std::int64_t user_id = 0;
    std::int64_t company_id = 0;
    std::string csrf_token;
    std::string created_at, expires_at;
};

struct SessionRow {
    Actor actor;
    std::string csrf_token;
    std::string last_seen_at;
};

void insert_session(store::Connection& conn, const NewSession& session);
// The live session: not past `now` (absolute expiry) and seen after `idle_cutoff`.
std::optional<SessionRow> find_live_session(store::Connection& conn, const std::string& token_hash,
                                            const std::string& now, const std::string& idle_cutoff);
void touch_session(store::Connection& conn, const std::string& token_hash, const std::string& now);
void delete_session(store::Connection& conn, const std::string& token_hash);
// Every session of a user except `keep_hash` (after a password change, or when the user is deactivated).
void delete_user_sessions(store::Connection& conn, std::int64_t user_id, const std::string& keep_hash = "");
void purge_expired_sessions(store::Connection& conn, const std::string& now, const std::string& idle_cutoff);

}  // namespace comptoir::identity::storage
