#include "modules/identity/domain/user_rules.hpp"

#include <algorithm>

namespace comptoir::identity {

std::string trim(std::string_view s) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

Checked<std::string> normalise_email(std::string_view input) {
    std::string email = trim(input);
    if (email.empty())
        return reject("email.empty", "L'adresse e-mail est obligatoire.", "The email address is required.");
    if (email.size() > 254)
        return reject("email.too_long", "L'adresse e-mail est trop longue (254 caractères au plus).",
                      "The email address is too long (254 characters at most).");
    std::transform(email.begin(), email.end(), email.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    auto at = email.find('@');
    bool ok = at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos;
    if (ok) {
        std::string_view domain = std::string_view(email).substr(at + 1);
        auto dot = domain.find('.');
        ok = dot != std::string_view::npos && dot > 0 && !domain.ends_with('.') && domain.find("..") == domain.npos;
    }
    ok = ok && std::none_of(email.begin(), email.end(), [](unsigned char c) {
             return c <= ' ' || c == 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"';
         });
    if (!ok)
        return reject("email.format", "L'adresse e-mail n'est pas valide (exemple : prenom.nom@entreprise.fr).",
                      "The email address is not valid (example: first.last@company.com).");
    return email;
}

Checked<std::string> normalise_person_name(std::string_view input) {
    std::string name = trim(input);
    if (name.empty()) return reject("name.empty", "Le nom est obligatoire.", "The name is required.");
    if (name.size() > 100)
        return reject("name.too_long", "Le nom est trop long (100 caractères au plus).",
                      "The name is too long (100 characters at most).");
    if (std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; }))
        return reject("name.format", "Le nom contient des caractères non autorisés.",
                      "The name contains characters that are not allowed.");
    return name;
}

Checked<std::string> check_locale(std::string_view input) {
    if (input == "fr" || input == "en") return std::string(input);
    return reject("locale.unknown", "La langue doit être « fr » (français) ou « en » (anglais).",
                  "The language must be \"fr\" (French) or \"en\" (English).");
}

Checked<Role> parse_role(std::string_view input) {
    if (auto role = role_from_code(input)) return *role;
    return reject("role.unknown",
                  "Le rôle doit être Administrateur (admin), Commercial (sales), Comptable (accountant) ou Lecture "
                  "seule (read_only).",
                  "The role must be Administrator (admin), Sales (sales), Accountant (accountant) or Read-only (read_only).");
}

std::string name_from_email(std::string_view email) {
    auto at = email.find('@');
    std::string local(email.substr(0, at));
    return local.empty() ? std::string(email) : local;
}

}  // namespace comptoir::identity
