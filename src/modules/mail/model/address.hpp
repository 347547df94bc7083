// Email addresses as a sender needs them: a list typed in one field, each address checked (and
// normalised) before anything is sent or recorded. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace comptoir::mail {

// Splits what a person types or pastes in one field: addresses separated by commas, semicolons,
// spaces or line breaks; "Jean Dupont <jean@exemple.fr>" gives "jean@exemple.fr". Empty pieces are
// dropped; nothing is checked here.
std::vector<std::string> split_addresses(std::string_view text);

// One address to send to: core's normalise_email (trimmed, lower-case, RFC 5321 limits), and ASCII
// only, since the SMTP servers we talk to are not required to accept internationalised mailboxes
// (RFC 6531). Code: email.invalid or email.not_ascii.
Checked<std::string> check_send_address(std::string_view address);

// Checks every address of a list, naming `field[i]` (e.g. "recipients[2]", "cc[0]"); duplicates
// within the list are dropped, keeping the first. `required` makes an empty list an error naming
// `field`; more than `max` addresses is one too.
std::vector<std::string> check_address_list(const std::vector<std::string>& addresses, const std::string& field,
                                            bool required, std::size_t max, std::vector<FieldIssue>& issues);

}  // namespace comptoir::mail
