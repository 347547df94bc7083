#include "modules/identity/storage/token_store.hpp"

namespace comptoir::identity::storage {
namespace {

constexpr const char* kInsertToken = R"SQL(
INSERT INTO api_tokens (company_id, user_id, name, token_hash, prefix, created_at) VALUES (?, ?, ?, ?, ?, ?)
)SQL";

constexpr const char* kListTokens = R"SQL(
SELECT t.id, t.company_id, t.user_id, u.name, t.name, t.prefix, t.created_at, t.last_used_at, t.revoked_at
FROM api_tokens t JOIN users u ON u.id = t.user_id
WHERE t.company_id = ? ORDER BY t.id DESC
)SQL";

constexpr const char* kFindToken = R"SQL(
SELECT t.id, t.company_id, t.user_id, u.name, t.name, t.prefix, t.created_at, t.last_used_at, t.revoked_at
FROM api_tokens t JOIN users u ON u.id = t.user_id
WHERE t.company_id = ? AND t.id = ?
)SQL";

constexpr const char* kFindLiveToken = R"SQL(
SELECT t.id, u.id, u.company_id, u.role, u.locale, u.name, u.email, t.last_used_at
FROM api_tokens t JOIN users u ON u.id = t.user_id AND u.company_id = t.company_id
WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.active = 1
)SQL";

constexpr const char* kTouchToken = "UPDATE api_tokens SET last_used_at = ? WHERE id = ?";
constexpr const char* kRevokeToken =
    "UPDATE api_tokens SET revoked_at = ? WHERE company_id = ? AND id = ? AND revoked_at IS NULL";

ApiToken read_token(const store::Row& row) {
    ApiToken t;
    t.id = row.int64(0);
    t.company_id = row.int64(1);
    t.user_id = row.int64(2);
    t.user_name = row.text(3);
    t.name = row.text(4);
    t.prefix = row.text(5);
    t.created_at = row.text(6);
    t.last_used_at = row.opt_text(7);
    t.revoked_at = row.opt_text(8);
    return t;
}

}  // namespace

std::int64_t insert_token(store::Connection& conn, const NewToken& t) {
    return conn.insert(kInsertToken, {t.company_id, t.user_id, t.name, t.token_hash, t.prefix, t.created_at});
}

std::vector<ApiToken> list_tokens(store::Connection& conn, std::int64_t company_id) {
    std::vector<ApiToken> out;
    for (const auto& row : conn.query(kListTokens, {company_id})) out.push_back(read_token(row));
    return out;
}

std::optional<ApiToken> find_token(store::Connection& conn, std::int64_t company_id, std::int64_t token_id) {
    auto row = conn.query_one(kFindToken, {company_id, token_id});
    if (!row) return std::nullopt;
    return read_token(*row);
}

std::optional<TokenActor> find_live_token(store::Connection& conn, const std::string& token_hash) {
    auto row = conn.query_one(kFindLiveToken, {token_hash});
    if (!row) return std::nullopt;
    TokenActor out;
    out.token_id = row->int64(0);
    out.actor.user_id = row->int64(1);
    out.actor.company_id = row->int64(2);
    out.actor.role = role_from_code(row->text(3)).value_or(Role::ReadOnly);
    out.actor.locale = row->text(4);
    out.actor.name = row->text(5);
    out.actor.email = row->text(6);
    out.last_used_at = row->opt_text(7);
    return out;
}

void touch_token(store::Connection& conn, std::int64_t token_id, const std::string& now) {
    conn.execute(kTouchToken, {now, token_id});
}

bool revoke_token(store::Connection& conn, std::int64_t company_id, std::int64_t token_id, const std::string& now) {
    return conn.execute(kRevokeToken, {now, company_id, token_id}) > 0;
}

}  // namespace comptoir::identity::storage
