// Bank account identifiers: IBAN (ISO 13616) and BIC (ISO 9362), needed on invoices (payment
// details) and in SEPA files.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir {

// Removes spaces (and dots, dashes), uppercases, then checks the country's length from the SWIFT
// IBAN registry and the ISO 7064 mod-97 check (remainder 1). For French and Monegasque accounts
// the RIB key inside the number is checked too. Returns the compact form "FR7630006000011234567890189".
// Codes: iban.empty, iban.format, iban.country_missing, iban.country_unknown, iban.length,
// iban.checksum, iban.rib_key.
Checked<std::string> normalise_iban(std::string_view input);

// Groups of 4 for display: "FR76 3000 6000 0112 3456 7890 189". Does not validate.
std::string format_iban(std::string_view iban);

// "bnpa fr pp" → "BNPAFRPP". 8 or 11 characters: 4-letter institution, 2-letter country,
// 2-character location, optional 3-character branch ("XXX" for the head office, kept as typed).
// Codes: bic.empty, bic.length, bic.format.
Checked<std::string> normalise_bic(std::string_view input);

}  // namespace comptoir
