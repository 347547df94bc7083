// What the identity module stores: companies (tenants), their users, and API tokens.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/actor.hpp"
#include "modules/identity/domain/company_rules.hpp"

namespace comptoir::identity {

struct Company {
    std::int64_t id = 0;
    CompanyFields fields;
    std::string logo_file;  // file name under <data_dir>/logos, "" when none
    std::string created_at;
};

enum class UserStatus { Active, Invited, Inactive };

struct User {
    std::int64_t id = 0;
    std::int64_t company_id = 0;
    std::string email;
    std::string name;
    Role role = Role::Sales;
    std::string locale = "fr";
    bool active = true;
    bool has_password = false;  // false while an invitation has not been accepted
    std::string invite_expires_at;
    std::string created_at;
    std::optional<std::string> last_login_at;

    UserStatus status() const {
        if (!active) return UserStatus::Inactive;
        return has_password ? UserStatus::Active : UserStatus::Invited;
    }
};

struct ApiToken {
    std::int64_t id = 0;
    std::int64_t company_id = 0;
    std::int64_t user_id = 0;
    std::string user_name;
    std::string name;
    std::string prefix;  // the first 8 characters, enough to recognise a token without revealing it
    std::string created_at;
    std::optional<std::string> last_used_at;
    std::optional<std::string> revoked_at;
};

// "active", "invited", "inactive"
inline std::string_view status_code(UserStatus status) {
    switch (status) {
        case UserStatus::Active: return "active";
        case UserStatus::Invited: return "invited";
        case UserStatus::Inactive: return "inactive";
    }
    return "inactive";
}

}  // namespace comptoir::identity
