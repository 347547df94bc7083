#include "core/legal/vat_number.hpp"

#include <array>
#include <cstdint>
#include <regex>

#include "core/legal/compact.hpp"
#include "core/legal/siren.hpp"
#include "core/text/utf8.hpp"

namespace comptoir {
namespace {

using namespace legal_detail;

struct CountryFormat {
    std::string_view code;
    const char* pattern;     // applies to what follows the two-letter prefix
    std::string_view fr;     // the expected shape, told to the user
    std::string_view en;
};

// Formats published by the European Commission for VIES ("VAT number format by country").
constexpr std::array<CountryFormat, 27> kFormats{{
    {"AT", "U[0-9]{8}", "ATU suivi de 8 chiffres", "ATU followed by 8 digits"},
    {"BE", "[01][0-9]{9}", "BE suivi de 10 chiffres commençant par 0 ou 1", "BE followed by 10 digits starting with 0 or 1"},
    {"BG", "[0-9]{9,10}", "BG suivi de 9 ou 10 chiffres", "BG followed by 9 or 10 digits"},
    {"CY", "[0-9]{8}[A-Z]", "CY suivi de 8 chiffres et d'une lettre", "CY followed by 8 digits and a letter"},
    {"CZ", "[0-9]{8,10}", "CZ suivi de 8 à 10 chiffres", "CZ followed by 8 to 10 digits"},
    {"DE", "[0-9]{9}", "DE suivi de 9 chiffres", "DE followed by 9 digits"},
    {"DK", "[0-9]{8}", "DK suivi de 8 chiffres", "DK followed by 8 digits"},
    {"EE", "[0-9]{9}", "EE suivi de 9 chiffres", "EE followed by 9 digits"},
    {"EL", "[0-9]{9}", "EL suivi de 9 chiffres", "EL followed by 9 digits"},
    // First and last characters may be letters or digits, but not both digits (checked below).
    {"ES", "[0-9A-Z][0-9]{7}[0-9A-Z]", "ES suivi de 9 caractères, dont une lettre au début ou à la fin",
     "ES followed by 9 characters, with a letter first or last"},
    {"FI", "[0-9]{8}", "FI suivi de 8 chiffres", "FI followed by 8 digits"},
    {"HR", "[0-9]{11}", "HR suivi de 11 chiffres", "HR followed by 11 digits"},
    {"HU", "[0-9]{8}", "HU suivi de 8 chiffres", "HU followed by 8 digits"},
    {"IE", "[0-9][0-9A-Z+*][0-9]{5}[A-Z]{1,2}", "IE suivi de 8 ou 9 caractères (ex. IE1234567T)",
     "IE followed by 8 or 9 characters (e.g. IE1234567T)"},
    {"IT", "[0-9]{11}", "IT suivi de 11 chiffres", "IT followed by 11 digits"},
    {"LT", "[0-9]{9}|[0-9]{12}", "LT suivi de 9 ou 12 chiffres", "LT followed by 9 or 12 digits"},
    {"LU", "[0-9]{8}", "LU suivi de 8 chiffres", "LU followed by 8 digits"},
    {"LV", "[0-9]{11}", "LV suivi de 11 chiffres", "LV followed by 11 digits"},
    {"MT", "[0-9]{8}", "MT suivi de 8 chiffres", "MT followed by 8 digits"},
    {"NL", "[0-9]{9}B[0-9]{2}", "NL suivi de 9 chiffres, de la lettre B et de 2 chiffres",
     "NL followed by 9 digits, the letter B and 2 digits"},
    {"PL", "[0-9]{10}", "PL suivi de 10 chiffres", "PL followed by 10 digits"},
    {"PT", "[0-9]{9}", "PT suivi de 9 chiffres", "PT followed by 9 digits"},
    {"RO", "[0-9]{2,10}", "RO suivi de 2 à 10 chiffres", "RO followed by 2 to 10 digits"},
    {"SE", "[0-9]{10}01", "SE suivi de 12 chiffres finissant par 01", "SE followed by 12 digits ending in 01"},
    {"SI", "[0-9]{8}", "SI suivi de 8 chiffres", "SI followed by 8 digits"},
    {"SK", "[0-9]{10}", "SK suivi de 10 chiffres", "SK followed by 10 digits"},
    // Northern Ireland keeps EU VAT rules for goods (Windsor Framework), with UK-style numbers.
    {"XI", "[0-9]{9}|[0-9]{12}|GD[0-9]{3}|HA[0-9]{3}", "XI suivi de 9 ou 12 chiffres",
     "XI followed by 9 or 12 digits"},
}};

// The new French keys avoid I and O, which could be read as 1 and 0.
bool is_french_key_char(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O'); }

// Key of the French number (CGI, annexe IV art. 286 A; DGFiP): (12 + 3 × (SIREN mod 97)) mod 97.
// Precondition: 9 digits.
int french_key(std::string_view siren) {
    std::int64_t n = 0;
    for (char c : siren) n = n * 10 + (c - '0');
    return static_cast<int>((12 + 3 * (n % 97)) % 97);
}

// Compiled once; matching a const std::regex from several threads is safe. Inputs are at most
// 20 characters, so backtracking stays trivial.
const std::array<std::regex, kFormats.size()>& compiled_formats() {
    static const auto compiled = [] {
        std::array<std::regex, kFormats.size()> r;
        for (std::size_t i = 0; i < kFormats.size(); ++i) r[i] = std::regex(kFormats[i].pattern);
        return r;
    }();
    return compiled;
}

std::string two_digits(int n) { return std::string{static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)}; }

tl::unexpected<FieldIssue> bad_format(std::string_view fr_shape, std::string_view en_shape) {
    return reject("vat.format",
                  "Ce numéro de TVA n'a pas la bonne forme : attendu " + std::string(fr_shape) + ".",
                  "This VAT number has the wrong shape: expected " + std::string(en_shape) + ".");
}

Checked<std::string> check_french(const std::string& number) {
    constexpr std::string_view fr_shape = "FR suivi de 2 caractères (la clé) et des 9 chiffres du SIREN";
    constexpr std::string_view en_shape = "FR followed by a 2-character key and the 9-digit SIREN";
    if (number.size() != 13) return bad_format(fr_shape, en_shape);
    const std::string_view key = std::string_view(number).substr(2, 2);
    const std::string_view siren = std::string_view(number).substr(4);
    if (!all_digits(siren) || !is_french_key_char(key[0]) || !is_french_key_char(key[1])) {
        return bad_format(fr_shape, en_shape);
    }
    if (!all_digits(key)) return number;  // alphanumeric key: cannot be recomputed, format only
    if (!luhn_valid(siren)) {
        return reject("vat.siren_checksum",
                      "Ce numéro de TVA n'existe pas : le SIREN qu'il contient (" + std::string(siren) +
                          ") n'est pas valide. Vérifiez la saisie.",
                      "This VAT number does not exist: the SIREN it contains (" + std::string(siren) +
                          ") is not valid. Please check it.");
    }
    if (french_key(siren) != (key[0] - '0') * 10 + (key[1] - '0')) {
        return reject("vat.key",
                      "Ce numéro de TVA n'existe pas : la clé (" + std::string(key) +
                          ") ne correspond pas au SIREN. Pour ce SIREN, le numéro est FR" +
                          two_digits(french_key(siren)) + std::string(siren) + ".",
                      "This VAT number does not exist: its key (" + std::string(key) +
                          ") does not match the SIREN. For this SIREN the number is FR" +
                          two_digits(french_key(siren)) + std::string(siren) + ".");
    }
    return number;
}

}  // namespace

Checked<std::string> normalise_vat_number(std::string_view input) {
    std::string number = to_upper_ascii(strip_separators(input));
    if (number.empty()) {
        return reject("vat.empty", "Saisissez le numéro de TVA intracommunautaire.",
                      "Enter the intra-community VAT number.");
    }
    if (number[0] >= '0' && number[0] <= '9') {
        return reject("vat.country_missing",
                      "Le numéro de TVA commence par le code du pays (FR pour la France, suivi de 11 caractères).",
                      "A VAT number starts with the country code (FR for France, followed by 11 characters).");
    }
    if (number.size() > 20) return bad_format("le code pays suivi de 2 à 12 caractères", "the country code and 2 to 12 characters");
    if (number.starts_with("GR")) number.replace(0, 2, "EL");  // VIES uses EL for Greece
    const std::string prefix = number.substr(0, 2);
    if (prefix == "FR") return check_french(number);
    for (std::size_t i = 0; i < kFormats.size(); ++i) {
        const CountryFormat& format = kFormats[i];
        if (format.code != prefix) continue;
        const std::string rest = number.substr(2);
        const bool es_all_digits = prefix == "ES" && all_digits(rest);
        if (!std::regex_match(rest, compiled_formats()[i]) || es_all_digits) return bad_format(format.fr, format.en);
        return number;
    }
    const std::string shown = quote_excerpt(prefix, 2);
    if (prefix == "GB") {
        return reject("vat.country_unknown",
                      "Depuis le Brexit, les numéros de TVA britanniques (GB) ne sont plus intracommunautaires ; "
                      "pour l'Irlande du Nord, utilisez le préfixe XI.",
                      "Since Brexit, UK (GB) VAT numbers are no longer intra-community; for Northern Ireland use "
                      "the XI prefix.");
    }
    return reject("vat.country_unknown",
                  "« " + shown + " » n'est pas le code d'un pays de l'Union européenne (FR, BE, DE, ES, IT…).",
                  "\"" + shown + "\" is not the code of a European Union country (FR, BE, DE, ES, IT…).");
}

std::string vat_number_for_siren(std::string_view siren) {
    const auto normalised = normalise_siren(siren);
    if (!normalised) return {};
    return "FR" + two_digits(french_key(*normalised)) + *normalised;
}

}  // namespace comptoir
