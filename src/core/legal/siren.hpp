// SIREN (company) and SIRET (establishment) numbers, as assigned by INSEE in the SIRENE register.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir {

// Luhn (mod 10) check used by SIREN and SIRET. False for an empty string or any non-digit.
bool luhn_valid(std::string_view digits);

// "732 829 320", "732.829.320", "732-829-320" → "732829320". 9 digits and a valid Luhn key.
// Codes: siren.empty, siren.format, siren.length, siren.checksum, siren.invalid.
Checked<std::string> normalise_siren(std::string_view input);

// 14 digits: the SIREN then a 5-digit NIC. The whole number passes Luhn, and so does its SIREN,
// except at La Poste (SIREN 356000000), whose establishments follow INSEE's special rule: the sum
// of the 14 digits is a multiple of 5 (its head office, 356 000 000 00048, uses plain Luhn).
// Codes: siret.empty, siret.format, siret.length, siret.siren_checksum, siret.checksum, siret.invalid.
Checked<std::string> normalise_siret(std::string_view input);

// Display forms: "123 456 789" and "123 456 789 00012". Input that does not reduce to the right
// number of digits is returned unchanged, so that displaying never loses what was stored.
std::string format_siren(std::string_view siren);
std::string format_siret(std::string_view siret);

}  // namespace comptoir
