// Turns a document and its totals into what the PDF prints: every amount, date and rate formatted
// in French, the mandatory mentions chosen by the document's type and the parties' situation.
#pragma once

#include "modules/sales/model/printable.hpp"
#include "modules/sales/pdf/printable_document.hpp"

namespace comptoir::sales {

pdf::PrintableDocument printable(const PrintInput& input);

// The parts every page the company prints about a client shares: the seller's identity and logo, the
// client's name and billing address, and the company's bank details in the payment panel. From the
// same JSON snapshots as documents (see DocumentService). Other modules print their own pages
// (an account statement) on it.
pdf::PrintableDocument letterhead(const std::string& seller_json, const std::string& client_json, const std::string& logo);

// The module's renderer: printable() then the cairo/pango layout.
Result<std::string> render_document_pdf(const PrintInput& input);

}  // namespace comptoir::sales
