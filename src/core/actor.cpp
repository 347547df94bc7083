#include "core/actor.hpp"

namespace comptoir {

std::string_view to_code(Role role) {
    switch (role) {
        case Role::Admin: return "admin";
        case Role::Sales: return "sales";
        case Role::Accountant: return "accountant";
        case Role::ReadOnly: return "read_only";
    }
    return "read_only";
}

std::optional<Role> role_from_code(std::string_view code) {
    if (code == "admin") return Role::Admin;
    if (code == "sales") return Role::Sales;
    if (code == "accountant") return Role::Accountant;
    if (code == "read_only") return Role::ReadOnly;
    return std::nullopt;
}

std::string_view role_label(Role role, std::string_view locale) {
    bool fr = locale != "en";
    switch (role) {
        case Role::Admin: return fr ? "Administrateur" : "Administrator";
        case Role::Sales: return fr ? "Commercial" : "Sales";
        case Role::Accountant: return fr ? "Comptable" : "Accountant";
        case Role::ReadOnly: return fr ? "Lecture seule" : "Read-only";
    }
    return "";
}

}  // namespace comptoir
