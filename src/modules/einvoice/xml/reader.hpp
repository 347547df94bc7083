// Reading a received e-invoice's XML (CII of any Factur-X/ZUGFeRD 2 profile, or UBL 2.1 Invoice and
// CreditNote) into the EN 16931 model. What cannot be read is reported as issues naming the element
// (a number that is not one, a date not in format 102…); the business rules then run on the result.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "modules/einvoice/model/invoice.hpp"
#include "modules/einvoice/model/rules.hpp"

namespace comptoir::einvoice::xml {

enum class Syntax { Cii, Ubl };

struct ParsedInvoice {
    Syntax syntax = Syntax::Cii;
    Invoice invoice;
    std::vector<RuleViolation> issues;  // syntax problems (rule "XML"), missing mandatory totals (BR-12…15)
};

// Detects CII or UBL from the root element. Errors (field "file"): the xml.* ones of XmlDocument,
// einvoice.zugferd1 (ZUGFeRD 1.0: recognised, not read), einvoice.unknown_xml (not an invoice).
Result<ParsedInvoice> read_invoice_xml(const std::string& bytes);

}  // namespace comptoir::einvoice::xml
