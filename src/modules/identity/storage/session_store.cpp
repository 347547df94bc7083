#include "modules/identity/storage/session_store.hpp"

namespace comptoir::identity::storage {
namespace {

constexpr const char* kInsertSession = R"SQL(
INSERT INTO sessions (token_hash, user_id, company_id, csrf_token, created_at, expires_at, last_seen_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
)SQL";

constexpr const char* kFindLiveSession = R"SQL(
SELECT u.id, u.company_id, u.role, u.locale, u.name, u.email, s.csrf_token, s.last_seen_at
FROM sessions s JOIN users u ON u.id = s.user_id AND u.company_id = s.company_id
WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ? AND u.active = 1
)SQL";

constexpr const char* kTouchSession = "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE token_hash = ?";
constexpr const char* kDeleteUserSessions = "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?";
constexpr const char* kPurgeExpired = "DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?";

}  // namespace

void insert_session(store::Connection& conn, const NewSession& s) {
    conn.execute(kInsertSession,
                 {s.token_hash, s.user_id, s.company_id, s.csrf_token, s.created_at, s.expires_at, s.created_at});
}

std::optional<SessionRow> find_live_session(store::Connection& conn, const std::string& token_hash,
                                            const std::string& now, const std::string& idle_cutoff) {
    auto row = conn.query_one(kFindLiveSession, {token_hash, now, idle_cutoff});
    if (!row) return std::nullopt;
    SessionRow out;
    out.actor.user_id = row->int64(0);
    out.actor.company_id = row->int64(1);
    out.actor.role = role_from_code(row->text(2)).value_or(Role::ReadOnly);
    out.actor.locale = row->text(3);
    out.actor.name = row->text(4);
    out.actor.email = row->text(5);
    out.csrf_token = row->text(6);
    out.last_seen_at = row->text(7);
    return out;
}

void touch_session(store::Connection& conn, const std::string& token_hash, const std::string& now) {
    conn.execute(kTouchSession, {now, token_hash});
}

void delete_session(store::Connection& conn, const std::string& token_hash) {
    conn.execute(kDeleteSession, {token_hash});
}

void delete_user_sessions(store::Connection& conn, std::int64_t user_id, const std::string& keep_hash) {
    conn.execute(kDeleteUserSessions, {user_id, keep_hash});
}

void purge_expired_sessions(store::Connection& conn, const std::string& now, const std::string& idle_cutoff) {
    conn.execute(kPurgeExpired, {now, idle_cutoff});
}

}  // namespace comptoir::identity::storage
