#include "modules/identity/storage/user_store.hpp"

namespace comptoir::identity::storage {
namespace {

// The column list read by `read_user`, then the password hash for credentials.
#define USER_COLUMNS                                                                                          \
    "id, company_id, email, name, role, locale, CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END, active, " \
    "invite_expires_at, created_at, last_login_at"

constexpr const char* kInsertUser = R"SQL(
INSERT INTO users (company_id, email, name, role, locale, password_hash, active, invite_token_hash,
                   invite_expires_at, created_at)
VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
)SQL";

constexpr const char* kSelectUser = "SELECT " USER_COLUMNS " FROM users WHERE company_id = ? AND id = ?";
constexpr const char* kSelectCredentials =
    "SELECT " USER_COLUMNS ", password_hash FROM users WHERE company_id = ? AND id = ?";
constexpr const char* kSelectCredentialsByEmail = "SELECT " USER_COLUMNS ", password_hash FROM users WHERE email = ?";
constexpr const char* kSelectByInvitation = "SELECT " USER_COLUMNS " FROM users WHERE invite_token_hash = ?";
constexpr const char* kEmailTaken = "SELECT id FROM users WHERE email = ?";
constexpr const char* kListUsers =
    "SELECT " USER_COLUMNS " FROM users WHERE company_id = ? AND id > ? ORDER BY id LIMIT ?";
constexpr const char* kCountActiveAdmins =
    "SELECT COUNT(*) FROM users WHERE company_id = ? AND role = 'admin' AND active = 1";

constexpr const char* kLockCompany = "UPDATE companies SET name = name WHERE id = ?";

constexpr const char* kUpdateUser =
    "UPDATE users SET name = ?, role = ?, locale = ?, active = ? WHERE company_id = ? AND id = ?";
// Setting a password consumes any pending invitation: the link can't be used twice.
constexpr const char* kSetPassword = R"SQL(
UPDATE users SET password_hash = ?, invite_token_hash = NULL, invite_expires_at = NULL
WHERE company_id = ? AND id = ?
)SQL";
constexpr const char* kSetInvitation =
    "UPDATE users SET invite_token_hash = ?, invite_expires_at = ? WHERE company_id = ? AND id = ?";
constexpr const char* kSetLastLogin = "UPDATE users SET last_login_at = ? WHERE id = ?";

#undef USER_COLUMNS

User read_user(const store::Row& row) {
    User u;
    u.id = row.int64(0);
    u.company_id = row.int64(1);
    u.email = row.text(2);
    u.name = row.text(3);
    u.role = role_from_code(row.text(4)).value_or(Role::ReadOnly);
    u.locale = row.text(5);
    u.has_password = row.boolean(6);
    u.active = row.boolean(7);
    u.invite_expires_at = row.text(8);
    u.created_at = row.text(9);
    u.last_login_at = row.opt_text(10);
    return u;
}

std::optional<Credentials> read_credentials(const std::optional<store::Row>& row) {
    if (!row) return std::nullopt;
    return Credentials{read_user(*row), row->text(11)};
}

}  // namespace

std::int64_t insert_user(store::Connection& conn, const NewUser& u) {
    return conn.insert(kInsertUser, {u.company_id, u.email, u.name, std::string(to_code(u.role)), u.locale,
                                     store::opt(u.password_hash), store::opt(u.invite_token_hash),
                                     store::opt(u.invite_expires_at), u.created_at});
}

std::optional<User> find_user(store::Connection& conn, std::int64_t company_id, std::int64_t user_id) {
    auto row = conn.query_one(kSelectUser, {company_id, user_id});
    if (!row) return std::nullopt;
    return read_user(*row);
}

std::optional<Credentials> find_credentials(store::Connection& conn, std::int64_t company_id, std::int64_t user_id) {
    return read_credentials(conn.query_one(kSelectCredentials, {company_id, user_id}));
}

std::optional<Credentials> find_credentials_by_email(store::Connection& conn, const std::string& email) {
    return read_credentials(conn.query_one(kSelectCredentialsByEmail, {email}));
}

std::optional<User> find_user_by_invitation(store::Connection& conn, const std::string& token_hash) {
    auto row = conn.query_one(kSelectByInvitation, {token_hash});
    if (!row) return std::nullopt;
    return read_user(*row);
}

bool email_taken(store::Connection& conn, const std::string& email) {
    return conn.query_one(kEmailTaken, {email}).has_value();
}

std::vector<User> list_users(store::Connection& conn, std::int64_t company_id, std::int64_t after_id,
                             std::int64_t limit) {
    std::vector<User> out;
    for (const auto& row : conn.query(kListUsers, {company_id, after_id, limit})) out.push_back(read_user(row));
    return out;
}

std::int64_t count_active_admins(store::Connection& conn, std::int64_t company_id) {
    auto row = conn.query_one(kCountActiveAdmins, {company_id});
    return row ? row->int64(0) : 0;
}

void lock_company_users(store::Connection& conn, std::int64_t company_id) { conn.execute(kLockCompany, {company_id}); }

void update_user(store::Connection& conn, const User& u) {
    conn.execute(kUpdateUser, {u.name, std::string(to_code(u.role)), u.locale, std::int64_t{u.active ? 1 : 0},
                               u.company_id, u.id});
}

void set_password_hash(store::Connection& conn, std::int64_t company_id, std::int64_t user_id, const std::string& hash) {
    conn.execute(kSetPassword, {hash, company_id, user_id});
}

void set_invitation(store::Connection& conn, std::int64_t company_id, std::int64_t user_id,
                    const std::string& token_hash, const std::string& expires_at) {
    conn.execute(kSetInvitation, {token_hash, expires_at, company_id, user_id});
}

void set_last_login(store::Connection& conn, std::int64_t user_id, const std::string& at) {
    conn.execute(kSetLastLogin, {at, user_id});
}

}  // namespace comptoir::identity::storage
