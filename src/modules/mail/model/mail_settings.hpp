// A company's outgoing mail server (SMTP) and the sender its emails show. The password is
// write-only: services never return it, the API and the pages only say whether one is set, and the
// audit log only records that it changed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace comptoir::mail {

// none: plain SMTP (a local relay); starttls: plain then upgraded (port 587); tls: TLS from the
// first byte (SMTPS, port 465).
enum class Security { None, StartTls, Tls };
std::string_view to_code(Security s);  // "none", "starttls", "tls"
std::optional<Security> parse_security(std::string_view code);

struct MailSettings {
    std::string host;
    int port = 587;
    Security security = Security::StartTls;
    std::string username;
    std::string password;  // never shown back
    std::string from_address;
    std::string from_name;
    std::string reply_to;
    bool bcc_self = false;        // a blind copy of every email to the sender's address
    std::string language = "fr";  // of the default templates and of the amounts and dates they show
    std::string updated_at;
    std::int64_t updated_by = 0;

    bool configured() const { return !host.empty() && !from_address.empty(); }
};

// What a change asks for: every field but the password replaces the stored one; the password is
// kept when absent (nullopt), replaced when given ("" removes it).
struct MailSettingsInput {
    MailSettings settings;
    std::optional<std::string> password;
};

// Checks and normalises `s` (addresses lower-cased, host trimmed); every wrong field at once, named
// as in the API: host, port, security, username, password, from_address, from_name, reply_to, language.
std::vector<FieldIssue> check_settings(MailSettings& s);

}  // namespace comptoir::mail
