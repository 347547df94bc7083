// What users do with their own account: name and language, password change, and accepting the
// invitation an admin sent them (choosing a first password).
#pragma once

#include <string>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/identity/domain/model.hpp"
#include "store/database.hpp"

namespace comptoir::identity {

struct SettingsInput {
    std::string name, locale;
};

struct PasswordChange {
    std::string current, next, confirmation;
};

class AccountService {
public:
    explicit AccountService(store::Database& db) : db_(db) {}

    Result<User> update_settings(const Actor& actor, const SettingsInput& input);
    // Closes the user's other sessions; the one whose token hash is `current_session_hash` stays open.
    Result<void> change_password(const Actor& actor, const PasswordChange& input, const std::string& current_session_hash);

    // The user an invitation link belongs to, if the link is known, not expired, and the user active.
    Result<User> find_invitation(const std::string& token);
    // Sets the first password and consumes the link.
    Result<User> accept_invitation(const std::string& token, const std::string& password, const std::string& confirmation);

private:
    store::Database& db_;
};

// The checks of a new password and its confirmation, with the fields named `field` and `confirmation_field`.
std::vector<FieldIssue> new_password_issues(const std::string& password, const std::string& confirmation,
                                            const std::string& field, const std::string& confirmation_field);

}  // namespace comptoir::identity
