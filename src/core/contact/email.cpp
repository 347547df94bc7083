#include "core/contact/email.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "core/text/utf8.hpp"

namespace comptoir {
namespace {

tl::unexpected<FieldIssue> invalid(std::string_view address, const std::string& why_fr, const std::string& why_en) {
    const std::string shown = quote_excerpt(address, 60);
    return reject("email.invalid", "L'adresse e-mail « " + shown + " » n'est pas valide : " + why_fr + ".",
                  "The e-mail address \"" + shown + "\" is not valid: " + why_en + ".");
}

bool is_space(char32_t cp) {
    return cp == U' ' || cp == U'\t' || cp == U'\r' || cp == U'\n' || cp == 0xA0 || cp == 0x202F || cp == 0x2009 ||
           cp == 0x3000;
}

// Removes leading and trailing spaces, including the no-break spaces pasted from documents.
std::string trim(std::string_view s) {
    std::size_t begin = std::string_view::npos;
    std::size_t end = 0;
    for (std::size_t pos = 0; pos < s.size();) {
        const std::size_t start = pos;
        if (!is_space(decode_utf8(s, pos))) {
            if (begin == std::string_view::npos) begin = start;
            end = pos;
        }
    }
    return begin == std::string_view::npos ? std::string() : std::string(s.substr(begin, end - begin));
}

std::string lowercase(const std::string& s) {
    bool ascii = true;
    for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (!ascii) {
        std::string out;
        icu::UnicodeString::fromUTF8(s).toLower(icu::Locale::getRoot()).toUTF8String(out);
        return out;
    }
    std::string out = s;
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// RFC 5322 "atext" plus the dot: what may appear unquoted before the "@".
bool local_char_ok(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80) return true;
    return std::string_view("!#$%&'*+/=?^_`{|}~-.").find(c) != std::string_view::npos;
}

// Letters, digits, hyphen (RFC 1035 "LDH"), and any non-ASCII for internationalised domains.
bool domain_char_ok(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

std::string first_bad_char(std::string_view s, bool (*ok)(char)) {
    for (std::size_t pos = 0; pos < s.size();) {
        const std::size_t start = pos;
        decode_utf8(s, pos);
        if (pos - start == 1 && !ok(s[start])) return std::string(1, s[start]);
    }
    return {};
}

}  // namespace

Checked<std::string> normalise_email(std::string_view input) {
    const std::string raw = trim(input);
    if (raw.empty()) {
        return reject("email.invalid", "Saisissez une adresse e-mail.", "Enter an e-mail address.");
    }
    if (!is_valid_utf8(raw)) return invalid(raw, "elle contient des caractères illisibles", "it contains unreadable characters");
    for (std::size_t pos = 0; pos < raw.size();) {
        if (is_space(decode_utf8(raw, pos))) {
            return invalid(raw, "elle ne doit pas contenir d'espace", "it must not contain spaces");
        }
    }
    if (raw.size() > 254) return invalid(raw, "elle dépasse 254 caractères", "it is longer than 254 characters");
    const std::size_t at = raw.find('@');
    if (at == std::string::npos) return invalid(raw, "il manque le « @ »", "the \"@\" is missing");
    if (raw.find('@', at + 1) != std::string::npos) {
        return invalid(raw, "elle contient plusieurs « @ »", "it contains more than one \"@\"");
    }
    const std::string address = lowercase(raw);
    const std::size_t split = address.find('@');  // lowercasing may change byte offsets, not the "@"
    const std::string_view local = std::string_view(address).substr(0, split);
    const std::string_view domain = std::string_view(address).substr(split + 1);

    if (local.empty()) return invalid(raw, "il manque la partie avant le « @ »", "nothing comes before the \"@\"");
    if (domain.empty()) return invalid(raw, "il manque le domaine après le « @ »", "the domain after the \"@\" is missing");
    if (local.size() > 64) {
        return invalid(raw, "la partie avant le « @ » dépasse 64 caractères", "the part before the \"@\" is longer than 64 characters");
    }
    if (const std::string bad = first_bad_char(local, local_char_ok); !bad.empty()) {
        return invalid(raw, "le caractère « " + bad + " » n'est pas autorisé avant le « @ »",
                       "the character \"" + bad + "\" is not allowed before the \"@\"");
    }
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
        return invalid(raw, "un point ne peut pas commencer ou finir la partie avant le « @ », ni être doublé",
                       "a dot cannot start or end the part before the \"@\", nor be doubled");
    }
    if (const std::string bad = first_bad_char(domain, domain_char_ok); !bad.empty()) {
        return invalid(raw, "le caractère « " + bad + " » n'est pas autorisé dans le domaine",
                       "the character \"" + bad + "\" is not allowed in the domain");
    }
    if (domain.find('.') == std::string_view::npos) {
        return invalid(raw, "le domaine doit contenir un point (par exemple orange.fr)",
                       "the domain must contain a dot (for example orange.fr)");
    }
    if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos) {
        return invalid(raw, "un point ne peut pas commencer ou finir le domaine, ni être doublé",
                       "a dot cannot start or end the domain, nor be doubled");
    }
    std::string_view rest = domain;
    std::string_view label;
    while (!rest.empty()) {
        const std::size_t dot = rest.find('.');
        label = rest.substr(0, dot);
        if (label.size() > 63) return invalid(raw, "une partie du domaine dépasse 63 caractères", "a domain label is longer than 63 characters");
        if (label.front() == '-' || label.back() == '-') {
            return invalid(raw, "une partie du domaine commence ou finit par un tiret",
                           "a domain label starts or ends with a hyphen");
        }
        rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
    }
    // The last label is a top-level domain: never all digits, at least 2 characters.
    if (label.size() < 2 || label.find_first_not_of("0123456789") == std::string_view::npos) {
        return invalid(raw, "l'extension du domaine (« ." + std::string(label) + " ») n'existe pas",
                       "the top-level domain (\"." + std::string(label) + "\") does not exist");
    }
    if (address.size() > 254) return invalid(raw, "elle dépasse 254 caractères", "it is longer than 254 characters");
    return address;
}

}  // namespace comptoir
