// Who is acting: every service call carries an Actor, and every query is scoped by its company.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace comptoir {

enum class Role { Admin, Sales, Accountant, ReadOnly };

std::string_view to_code(Role role);                        // "admin", "sales", "accountant", "read_only"
std::optional<Role> role_from_code(std::string_view code);
std::string_view role_label(Role role, std::string_view locale);

struct Actor {
    std::int64_t company_id = 0;
    std::int64_t user_id = 0;
    Role role = Role::ReadOnly;
    std::string locale = "fr";
    std::string name;
    std::string email;

    bool is_admin() const { return role == Role::Admin; }
};

}  // namespace comptoir
