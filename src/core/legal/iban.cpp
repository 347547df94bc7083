#include "core/legal/iban.hpp"

#include <cstdint>

#include "core/legal/compact.hpp"
#include "core/text/utf8.hpp"

namespace comptoir {
namespace {

using namespace legal_detail;

struct IbanLength {
    std::string_view country;
    std::size_t length;
};

// SWIFT IBAN registry (release 94, April 2023). Every SEPA country is here; French overseas
// departments and territories use the FR prefix.
constexpr IbanLength kIbanLengths[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22}, {"BH", 22},
    {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DJ", 27},
    {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22},
    {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23},
    {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21},
    {"LT", 20}, {"LU", 20}, {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20},
    {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"PK", 24}, {"PL", 28}, {"PS", 29},
    {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24}, {"SC", 31}, {"SD", 18}, {"SE", 24},
    {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28}, {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29},
    {"VA", 22}, {"VG", 24}, {"XK", 20},
};

std::size_t iban_length(std::string_view country) {
    for (const auto& e : kIbanLengths) {
        if (e.country == country) return e.length;
    }
    return 0;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_upper(c) || is_digit(c); }

// ISO 7064 MOD 97-10 over the rearranged IBAN (letters as 10..35), computed piecewise.
int iban_mod97(std::string_view iban) {
    int remainder = 0;
    const auto feed = [&](char c) {
        if (is_digit(c)) {
            remainder = (remainder * 10 + (c - '0')) % 97;
        } else {
            remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
        }
    };
    for (char c : iban.substr(4)) feed(c);
    for (char c : iban.substr(0, 4)) feed(c);
    return remainder;
}

// French RIB key: 97 - ((89 × bank + 15 × branch + 3 × account) mod 97), where letters in the
// account number stand for digits (A,J→1 B,K,S→2 … I,R,Z→9), as defined by the Banque de France.
bool rib_key_valid(std::string_view bban) {
    const auto value = [](std::string_view part) {
        std::int64_t v = 0;
        for (char c : part) {
            int d = 0;
            if (is_digit(c)) {
                d = c - '0';
            } else {
                static constexpr std::string_view kLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
                static constexpr std::string_view kDigits = "12345678912345678923456789";
                d = kDigits[kLetters.find(c)] - '0';
            }
            v = (v * 10 + d) % 97;
        }
        return v;
    };
    const std::string_view key = bban.substr(21, 2);
    if (!all_digits(key)) return false;
    const std::int64_t sum = 89 * value(bban.substr(0, 5)) + 15 * value(bban.substr(5, 5)) + 3 * value(bban.substr(10, 11));
    return 97 - sum % 97 == (key[0] - '0') * 10 + (key[1] - '0');
}

std::string first_not_alnum(std::string_view s) {
    for (std::size_t pos = 0; pos < s.size();) {
        const std::size_t start = pos;
        const char32_t cp = decode_utf8(s, pos);
        if (cp < 0x80 && is_alnum(static_cast<char>(cp))) continue;
        return quote_excerpt(s.substr(start, pos - start), 1);
    }
    return {};
}

}  // namespace

Checked<std::string> normalise_iban(std::string_view input) {
    const std::string iban = to_upper_ascii(strip_separators(input));
    if (iban.empty()) return reject("iban.empty", "Saisissez l'IBAN.", "Enter the IBAN.");
    if (const std::string bad = first_not_alnum(iban); !bad.empty()) {
        return reject("iban.format", "Un IBAN ne contient que des lettres et des chiffres : « " + bad + " » n'est pas accepté.",
                      "An IBAN contains only letters and digits: \"" + bad + "\" is not allowed.");
    }
    if (iban.size() < 2 || !is_upper(iban[0]) || !is_upper(iban[1])) {
        return reject("iban.country_missing",
                      "Un IBAN commence par le code du pays, par exemple FR76 pour un compte en France.",
                      "An IBAN starts with the country code, for example FR76 for an account in France.");
    }
    const std::string country = iban.substr(0, 2);
    const std::size_t expected = iban_length(country);
    if (expected == 0) {
        return reject("iban.country_unknown", "Le pays « " + country + " » n'utilise pas l'IBAN. Vérifiez les 2 premières lettres.",
                      "Country \"" + country + "\" does not use IBAN. Please check the first 2 letters.");
    }
    if (iban.size() != expected) {
        const std::string fr_subject = country == "FR" ? "Un IBAN français" : "Un IBAN commençant par " + country;
        return reject("iban.length",
                      fr_subject + " comporte " + std::to_string(expected) + " caractères " + count_given_fr(iban.size()) + ".",
                      "An IBAN starting with " + country + " has " + std::to_string(expected) + " characters " +
                          count_given_en(iban.size()) + ".");
    }
    // Check digits are 02..98 by construction (98 - remainder); "00", "01" and "99" never occur.
    const std::string_view check = std::string_view(iban).substr(2, 2);
    const bool check_ok = all_digits(check) && check != "00" && check != "01" && check != "99";
    if (!check_ok || iban_mod97(iban) != 1) {
        return reject("iban.checksum", "Cet IBAN n'existe pas : la clé de contrôle ne correspond pas. Vérifiez la saisie.",
                      "This IBAN does not exist: its check digits do not match. Please check it.");
    }
    if ((country == "FR" || country == "MC") && !rib_key_valid(std::string_view(iban).substr(4))) {
        return reject("iban.rib_key",
                      "Cet IBAN est incohérent : la clé RIB (les 2 derniers chiffres) ne correspond pas au compte. "
                      "Vérifiez-le sur le RIB.",
                      "This IBAN is inconsistent: the French RIB key (last 2 digits) does not match the account. "
                      "Please check it against the bank details.");
    }
    return iban;
}

std::string format_iban(std::string_view iban) {
    const std::string compact = to_upper_ascii(strip_separators(iban));
    std::string out;
    out.reserve(compact.size() + compact.size() / 4);
    for (std::size_t i = 0; i < compact.size(); ++i) {
        if (i > 0 && i % 4 == 0) out.push_back(' ');
        out.push_back(compact[i]);
    }
    return out;
}

Checked<std::string> normalise_bic(std::string_view input) {
    const std::string bic = to_upper_ascii(strip_separators(input));
    if (bic.empty()) return reject("bic.empty", "Saisissez le BIC (code SWIFT).", "Enter the BIC (SWIFT code).");
    if (bic.size() != 8 && bic.size() != 11) {
        return reject("bic.length", "Un BIC comporte 8 ou 11 caractères " + count_given_fr(bic.size()) + ".",
                      "A BIC has 8 or 11 characters " + count_given_en(bic.size()) + ".");
    }
    bool ok = true;
    for (std::size_t i = 0; i < bic.size(); ++i) ok = ok && (i < 6 ? is_upper(bic[i]) : is_alnum(bic[i]));
    if (!ok) {
        return reject("bic.format",
                      "Ce BIC n'a pas la bonne forme : 4 lettres pour la banque, 2 pour le pays, puis 2 ou 5 lettres "
                      "ou chiffres (ex. BNPAFRPP).",
                      "This BIC has the wrong shape: 4 letters for the bank, 2 for the country, then 2 or 5 letters "
                      "or digits (e.g. BNPAFRPP).");
    }
    return bic;
}

}  // namespace comptoir
