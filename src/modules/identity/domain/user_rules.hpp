// Checks on what identifies a person: email (the login), display name, language and role.
// Pure functions: each returns the normalised value or a FieldIssue without its field name.
#pragma once

#include <string>
#include <string_view>

#include "core/actor.hpp"
#include "core/error.hpp"

namespace comptoir::identity {

// Trims and lowercases; one '@', a non-empty local part, a dotted domain, no spaces, ≤ 254 bytes.
// Lowercasing makes the login case-insensitive, which people expect of email addresses.
// Codes: email.empty, email.format, email.too_long.
Checked<std::string> normalise_email(std::string_view input);

// Trims; 1 to 100 characters, no control characters. Codes: name.empty, name.too_long, name.format.
Checked<std::string> normalise_person_name(std::string_view input);

// "fr" or "en". Codes: locale.unknown.
Checked<std::string> check_locale(std::string_view input);

// "admin", "sales", "accountant", "read_only". Codes: role.unknown.
Checked<Role> parse_role(std::string_view input);

// A display name from an email when none is given: the local part, "jean.dupont" → "jean.dupont".
std::string name_from_email(std::string_view email);

std::string trim(std::string_view s);

}  // namespace comptoir::identity
