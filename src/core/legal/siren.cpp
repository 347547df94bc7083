#include "core/legal/siren.hpp"

#include "core/legal/compact.hpp"

namespace comptoir {
namespace {

using namespace legal_detail;

constexpr std::string_view kLaPosteSiren = "356000000";
constexpr std::string_view kLaPosteHeadOffice = "35600000000048";

int digit_sum(std::string_view digits) {
    int sum = 0;
    for (char c : digits) sum += c - '0';
    return sum;
}

}  // namespace

bool luhn_valid(std::string_view digits) {
    if (digits.empty() || !all_digits(digits)) return false;
    int sum = 0;
    bool doubled = false;  // every second digit from the right is doubled
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        int d = *it - '0';
        if (doubled) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
        doubled = !doubled;
    }
    return sum % 10 == 0;
}

Checked<std::string> normalise_siren(std::string_view input) {
    std::string digits = strip_separators(input);
    if (digits.empty()) {
        return reject("siren.empty", "Saisissez les 9 chiffres du SIREN.", "Enter the 9 digits of the SIREN.");
    }
    if (!all_digits(digits)) {
        const std::string bad = first_non_digit(digits);
        return reject("siren.format",
                      "Le SIREN ne contient que des chiffres : « " + bad + " » n'en est pas un.",
                      "A SIREN contains digits only: \"" + bad + "\" is not a digit.");
    }
    if (digits.size() != 9) {
        std::string fr = "Le SIREN doit comporter 9 chiffres " + count_given_fr(digits.size());
        std::string en = "A SIREN has 9 digits " + count_given_en(digits.size());
        if (digits.size() == 14) {
            fr += " : c'est sans doute un SIRET, dont le SIREN est formé des 9 premiers chiffres";
            en += "; this looks like a SIRET, whose first 9 digits are the SIREN";
        }
        return reject("siren.length", fr + ".", en + ".");
    }
    if (digits == "000000000") {
        return reject("siren.invalid", "Ce SIREN n'existe pas.", "This SIREN does not exist.");
    }
    if (!luhn_valid(digits)) {
        return reject("siren.checksum",
                      "Ce SIREN n'existe pas : la clé de contrôle ne correspond pas. Vérifiez la saisie.",
                      "This SIREN does not exist: its check digit does not match. Please check it.");
    }
    return digits;
}

Checked<std::string> normalise_siret(std::string_view input) {
    std::string digits = strip_separators(input);
    if (digits.empty()) {
        return reject("siret.empty", "Saisissez les 14 chiffres du SIRET.", "Enter the 14 digits of the SIRET.");
    }
    if (!all_digits(digits)) {
        const std::string bad = first_non_digit(digits);
        return reject("siret.format",
                      "Le SIRET ne contient que des chiffres : « " + bad + " » n'en est pas un.",
                      "A SIRET contains digits only: \"" + bad + "\" is not a digit.");
    }
    if (digits.size() != 14) {
        std::string fr = "Le SIRET doit comporter 14 chiffres " + count_given_fr(digits.size());
        std::string en = "A SIRET has 14 digits " + count_given_en(digits.size());
        if (digits.size() == 9) {
            fr += " : c'est sans doute le SIREN ; ajoutez les 5 chiffres du NIC de l'établissement";
            en += "; this looks like a SIREN: add the 5-digit establishment number (NIC)";
        }
        return reject("siret.length", fr + ".", en + ".");
    }
    const std::string_view siren = std::string_view(digits).substr(0, 9);
    if (siren == "000000000") {
        return reject("siret.invalid", "Ce SIRET n'existe pas.", "This SIRET does not exist.");
    }
    // INSEE: La Poste's establishments cannot all get a Luhn-valid NIC, so for SIREN 356000000 the
    // rule is "sum of the digits divisible by 5"; only the head office keeps a Luhn key.
    if (siren == kLaPosteSiren && digits != kLaPosteHeadOffice) {
        if (digit_sum(digits) % 5 == 0) return digits;
        return reject("siret.checksum",
                      "Ce SIRET de La Poste n'existe pas : la somme de ses chiffres doit être un multiple de 5. "
                      "Vérifiez la saisie.",
                      "This La Poste SIRET does not exist: the sum of its digits must be a multiple of 5. "
                      "Please check it.");
    }
    if (!luhn_valid(siren)) {
        return reject("siret.siren_checksum",
                      "Ce SIRET n'existe pas : ses 9 premiers chiffres ne forment pas un SIREN valide. "
                      "Vérifiez la saisie.",
                      "This SIRET does not exist: its first 9 digits are not a valid SIREN. Please check it.");
    }
    if (!luhn_valid(digits)) {
        return reject("siret.checksum",
                      "Ce SIRET n'existe pas : la clé de contrôle ne correspond pas. Vérifiez la saisie.",
                      "This SIRET does not exist: its check digit does not match. Please check it.");
    }
    return digits;
}

std::string format_siren(std::string_view siren) {
    const std::string d = strip_separators(siren);
    if (d.size() != 9 || !all_digits(d)) return std::string(siren);
    return d.substr(0, 3) + ' ' + d.substr(3, 3) + ' ' + d.substr(6, 3);
}

std::string format_siret(std::string_view siret) {
    const std::string d = strip_separators(siret);
    if (d.size() != 14 || !all_digits(d)) return std::string(siret);
    return d.substr(0, 3) + ' ' + d.substr(3, 3) + ' ' + d.substr(6, 3) + ' ' + d.substr(9, 5);
}

}  // namespace comptoir
