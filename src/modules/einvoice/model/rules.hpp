// Comptoir's own implementation of the EN 16931 business rules (CEN/TC 434, validation artefacts
// v1.3.x) that apply to what an invoice carries, and of the French rules of the e-invoicing reform
// (FNFE-MPE BR-FR, XP Z12-012). A pure function over the invoice model: the same checks run before
// an invoice is issued (it cannot be issued while one fails) and on every supplier invoice received.
//
// Implemented:
//   core        BR-01..BR-16, BR-21..BR-28, BR-31..BR-33, BR-36..BR-38, BR-41..BR-44, BR-45..BR-48,
//               BR-49, BR-55, BR-61
//   calculation BR-CO-04, BR-CO-09, BR-CO-10..BR-CO-17, BR-CO-18, BR-CO-25, BR-CO-26
//   decimals    BR-DEC-01..BR-DEC-20, BR-DEC-23 (amounts with at most two decimals)
//   categories  BR-S-*, BR-Z-*, BR-E-*, BR-AE-*, BR-IC-* (category K; the CEN names its rules
//               "IC"), BR-G-*, BR-O-*: presence of the breakdown row, VAT identifiers, rates, the
//               taxable amount and VAT of each row, exemption reasons
//   France      BR-FR-01..06, 08..13, 21, 32 and BR-FR-CO-04, -05, -08
//   Comptoir    CPT-LINE: a line's amount is its quantity × net price (÷ base quantity), less its
//               allowances, plus its charges, to the cent (EN 16931 leaves it unchecked)
// Profiles without lines (MINIMUM, BASIC WL) skip the rules about lines and the VAT breakdown.
#pragma once

#include <string>
#include <vector>

#include "modules/einvoice/model/invoice.hpp"

namespace comptoir::einvoice {

struct RuleViolation {
    std::string rule;    // "BR-CO-15", "BR-FR-10"
    std::string term;    // the business term or group concerned: "BT-112", "BG-23"
    std::string field;   // where it is in Comptoir: "seller.siren", "client.vat_number", "lines[2].vat", "totals"
    std::string message_fr;
    std::string message_en;
    // A warning is shown but blocks nothing: Comptoir's own checks beyond EN 16931 (CPT-*), an
    // unrecognised profile identifier.
    bool warning = false;
};

// Only the violations that are errors (what blocks an issue).
std::vector<RuleViolation> errors_only(std::vector<RuleViolation> violations);

std::vector<RuleViolation> check_rules(const Invoice& invoice);

}  // namespace comptoir::einvoice
