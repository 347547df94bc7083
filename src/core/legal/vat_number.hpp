// Intra-community VAT numbers (numéro de TVA intracommunautaire), as checked by VIES.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir {

// Uppercases and removes spaces, dots and dashes, then checks:
//  - France: "FR" + 2-character key + 9-digit SIREN. A numeric key must equal
//    (12 + 3 × (SIREN mod 97)) mod 97 and the SIREN must pass Luhn. Keys containing a letter
//    (the newer format, assigned by the tax office) cannot be recomputed: format only.
//  - Other EU member states (AT BE BG CY CZ DE DK EE EL ES FI HR HU IE IT LT LU LV MT NL PL PT RO
//    SE SI SK) and XI (Northern Ireland): the European Commission's per-country format only.
//    "GR" is accepted for Greece and rewritten to the official prefix "EL".
// Codes: vat.empty, vat.country_missing, vat.country_unknown, vat.format, vat.key, vat.siren_checksum.
Checked<std::string> normalise_vat_number(std::string_view input);

// "732829320" → "FR44732829320". Returns "" when the SIREN is not valid (see normalise_siren).
std::string vat_number_for_siren(std::string_view siren);

}  // namespace comptoir
