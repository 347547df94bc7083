// E-mail addresses as people type them in a contact form.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir {

// Trims surrounding whitespace and lowercases the WHOLE address, local part included. RFC 5321
// lets a server treat "Jean.Dupont" and "jean.dupont" as different mailboxes, but no mainstream
// provider does, and users expect "Jean.Dupont@Orange.fr" to be recognised as a duplicate of
// "jean.dupont@orange.fr". Non-ASCII letters (internationalised domains and mailboxes, RFC 6531)
// are accepted as UTF-8 and lowercased with Unicode rules.
// Refused, with a message naming the problem: no "@" or several, empty local part or domain,
// spaces, consecutive dots or a dot at either end of a part, a domain without a dot, a label
// starting or ending with "-", characters outside RFC 5322's unquoted set (quoted local parts
// and IP-literal domains are deliberately not supported), malformed UTF-8, more than 64 bytes
// before the "@" or 254 bytes in all (RFC 5321 limits).
// Code: email.invalid.
Checked<std::string> normalise_email(std::string_view input);

}  // namespace comptoir
