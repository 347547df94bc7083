// OASIS UBL 2.1 Invoice and CreditNote (the EN 16931 UBL syntax): writing and reading.
#pragma once

#include <string>

#include "modules/einvoice/model/invoice.hpp"

namespace comptoir::einvoice::xml {

// An Invoice document, or a CreditNote for credit-note type codes (381…). Notes carry their
// subject code as "#PMD#text", the usual UBL binding of BT-21.
std::string write_ubl(const Invoice& invoice);

// BT-8, the VAT point date code, is held as CII writes it (UNTDID 2475: 5 invoice date, i.e. the
// option for VAT on debits; 29 delivery date; 72 paid to date). UBL writes the same meaning with
// UNTDID 2005 codes (3, 35, 432). An unknown code passes through unchanged, for the rules to see.
std::string ubl_vat_point_code(const std::string& cii_code);
std::string cii_vat_point_code(const std::string& ubl_code);

}  // namespace comptoir::einvoice::xml
