// OASIS UBL 2.1 Invoice and CreditNote (the EN 16931 UBL syntax): writing and reading.
#pragma once

#include <string>

#include "modules/einvoice/model/invoice.hpp"

namespace comptoir::einvoice::xml {

// An Invoice document, or a CreditNote for credit-note type codes (381…). Notes carry their
// subject code as "#PMD#text", the usual UBL binding of BT-21.
std::string write_ubl(const Invoice& invoice);

}  // namespace comptoir::einvoice::xml
