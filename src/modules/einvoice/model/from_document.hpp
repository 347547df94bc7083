// The e-invoice of an issued document: the same frozen data and the same totals the PDF prints.
// Every amount comes from sales::compute_totals (passed in), never from a sum made here; the
// parties come from the JSON frozen at validation, so an e-invoice exported a year later says what
// the PDF said on the day.
//
// Mapping of what a Comptoir document carries (see also the module README):
//   type         invoice 380, deposit invoice 386, situation invoice 380, credit note 381
//   BT-23        B/S/M (goods, services, mixed) + 1; a final invoice deducting deposits: + 4
//   notes        PMD (late-payment penalties), PMT (40 € indemnity), AAB (no discount), REG (seller's
//                legal form, capital, RCS), BAR (B2B / B2BINT / B2C), the document's notes and free
//                text lines (AAI), the retention guarantee, the VAT-on-debits option (also BT-8 = 5)
//   lines        items only; gross price, line discount and net price; a situation's line is the
//                amount billed this time (quantity ±1), with the cumulative progress as its note
//   allowances   the document discount, one per VAT row (its share, with that row's category/rate)
//   VAT rows     category, rate, basis, VAT, exemption mention (BT-120) and VATEX code (BT-121)
//   prepaid      deposits deducted (BT-113), the deposit invoices listed as preceding invoices
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "modules/einvoice/model/invoice.hpp"
#include "modules/sales/domain/totals.hpp"
#include "modules/sales/model/document.hpp"

namespace comptoir::einvoice {

// What the document alone does not say, gathered by the service.
struct EmissionContext {
    Profile profile = Profile::En16931;
    // BG-3: the invoice a credit note corrects; the deposit invoices a final invoice deducts.
    std::vector<PrecedingInvoice> preceding;
    // Public-sector buyers (Chorus Pro): the service code (BT-10) and the commitment number (BT-13,
    // which replaces the purchase-order reference when given).
    std::string buyer_reference;
    std::string commitment_number;
};

// True for the documents that are e-invoices: invoices, deposit, situation invoices, credit notes.
bool is_einvoice_document(const sales::Document& d);

// Fails only when the document is not an issued invoice or credit note (einvoice.not_invoice).
Result<Invoice> from_document(const sales::Document& d, const sales::Totals& totals, const EmissionContext& context);

// "goods"/"services"/"mixed" and whether deposits are deducted → "B1", "S4"…
std::string framework_code(sales::OperationCategory operation, bool deposits_deducted);

}  // namespace comptoir::einvoice
