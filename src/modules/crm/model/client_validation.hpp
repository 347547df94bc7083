// Checks and normalises a client card before it is stored: every wrong field is reported at once,
// with a message naming it, and values are put in canonical form (SIRET digits only, phones in
// E.164, emails lower-case...) so that duplicate detection compares like with like.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "modules/crm/model/client.hpp"

namespace comptoir::crm {

// `today` (YYYY-MM-DD) dates a consent granted without a date.
std::vector<FieldIssue> normalise_client(Client& client, const std::string& today);
std::vector<FieldIssue> normalise_contact(Contact& contact, const std::string& field_prefix);

bool is_known_country(const std::string& iso2);
std::string money_percent(std::int64_t basis_points);  // 550 -> "5.50"
// "5", "5.5", "5,50", "5 %" -> 550 basis points; nullopt when not a percentage.
std::optional<std::int64_t> parse_percent(const std::string& text);

}  // namespace comptoir::crm
