#include "modules/mail/model/mail_settings.hpp"

#include <algorithm>

#include "core/text/trim.hpp"
#include "core/text/utf8.hpp"
#include "modules/mail/model/address.hpp"

namespace comptoir::mail {
namespace {

bool host_char_ok(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == ':' || c == '[' || c == ']';
}

void one_line(std::vector<FieldIssue>& issues, const std::string& field, const std::string& value, std::size_t max) {
    if (!is_valid_utf8(value)) {
        issues.push_back({field, "text.utf8", "Ce texte contient des caractères invalides.",
                          "This text contains invalid characters."});
    } else if (value.find_first_of("\r\n") != std::string::npos || value.find('\0') != std::string::npos) {
        issues.push_back({field, "text.one_line", "Ce champ tient sur une seule ligne.", "This field must fit on one line."});
    } else if (value.size() > max) {
        issues.push_back({field, "too_long", "Ce texte est trop long (" + std::to_string(max) + " caractères au plus).",
                          "This text is too long (at most " + std::to_string(max) + " characters)."});
    }
}

}  // namespace

std::string_view to_code(Security s) {
    switch (s) {
        case Security::None: return "none";
        case Security::StartTls: return "starttls";
        case Security::Tls: return "tls";
    }
    return "starttls";
}

std::optional<Security> parse_security(std::string_view code) {
    if (code == "none") return Security::None;
    if (code == "starttls") return Security::StartTls;
    if (code == "tls") return Security::Tls;
    return std::nullopt;
}

std::vector<FieldIssue> check_settings(MailSettings& s) {
    std::vector<FieldIssue> issues;
    s.host = trim(s.host);
    if (s.host.empty()) {
        issues.push_back({"host", "required", "Indiquez le serveur SMTP (par exemple smtp.exemple.fr).",
                          "Give the SMTP server (for example smtp.example.com)."});
    } else if (s.host.size() > 253 || !std::all_of(s.host.begin(), s.host.end(), host_char_ok)) {
        issues.push_back({"host", "host.invalid",
                          "Nom de serveur invalide : lettres, chiffres, points et tirets (ou une adresse IP).",
                          "Invalid server name: letters, digits, dots and hyphens (or an IP address)."});
    }
    if (s.port < 1 || s.port > 65535)
        issues.push_back({"port", "port.range", "Le port est un nombre entre 1 et 65535 (587, 465 ou 25 en général).",
                          "The port is a number between 1 and 65535 (usually 587, 465 or 25)."});
    one_line(issues, "username", s.username, 200);
    one_line(issues, "password", s.password, 200);
    s.from_address = trim(s.from_address);
    if (s.from_address.empty()) {
        issues.push_back({"from_address", "required", "Indiquez l'adresse de l'expéditeur.", "Give the sender's address."});
    } else if (auto a = check_send_address(s.from_address); !a) {
        issues.push_back(with_field(a.error(), "from_address"));
    } else {
        s.from_address = *a;
    }
    s.from_name = trim(s.from_name);
    one_line(issues, "from_name", s.from_name, 100);
    s.reply_to = trim(s.reply_to);
    if (!s.reply_to.empty()) {
        if (auto a = check_send_address(s.reply_to); !a) issues.push_back(with_field(a.error(), "reply_to"));
        else s.reply_to = *a;
    }
    if (s.language != "fr" && s.language != "en")
        issues.push_back({"language", "language.unknown", "Langue inconnue (fr ou en).", "Unknown language (fr or en)."});
    return issues;
}

}  // namespace comptoir::mail
