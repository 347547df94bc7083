// User rows. Every function but the two login lookups (by email, by invitation) is scoped by company:
// a user id from another company simply isn't found.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/identity/domain/model.hpp"
#include "store/database.hpp"

namespace comptoir::identity::storage {

struct NewUser {
    std::int64_t company_id = 0;
    std::string email, name;
    Role role = Role::Sales;
    std::string locale = "fr";
    std::optional<std::string> password_hash;
    std::optional<std::string> invite_token_hash;
    std::optional<std::string> invite_expires_at;
    std::string created_at;
};

// A user with the secret needed to check a login.
struct Credentials {
    User user;
    std::string password_hash;  // "" when the user has none yet (pending invitation)
};

std::int64_t insert_user(store::Connection& conn, const NewUser& user);  // throws UniqueViolation on a taken email
std::optional<User> find_user(store::Connection& conn, std::int64_t company_id, std::int64_t user_id);
std::optional<Credentials> find_credentials(store::Connection& conn, std::int64_t company_id, std::int64_t user_id);
std::optional<Credentials> find_credentials_by_email(store::Connection& conn, const std::string& email);
std::optional<User> find_user_by_invitation(store::Connection& conn, const std::string& token_hash);
bool email_taken(store::Connection& conn, const std::string& email);
// Users with id > after_id, by id, at most `limit`.
std::vector<User> list_users(store::Connection& conn, std::int64_t company_id, std::int64_t after_id, std::int64_t limit);
std::int64_t count_active_admins(store::Connection& conn, std::int64_t company_id);
// Serialises changes to a company's users until the transaction ends (a no-op write on the company
// row: a row lock on PostgreSQL, SQLite's write lock is already held), so that two admins demoting
// each other at once can't both see "another admin remains".
void lock_company_users(store::Connection& conn, std::int64_t company_id);

void update_user(store::Connection& conn, const User& user);  // name, role, locale, active
void set_password_hash(store::Connection& conn, std::int64_t company_id, std::int64_t user_id, const std::string& hash);
void set_invitation(store::Connection& conn, std::int64_t company_id, std::int64_t user_id, const std::string& token_hash,
                    const std::string& expires_at);
void set_last_login(store::Connection& conn, std::int64_t user_id, const std::string& at);

}  // namespace comptoir::identity::storage
