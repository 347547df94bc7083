// Turns a document and its totals into what the PDF prints: every amount, date and rate formatted
// in French, the mandatory mentions chosen by the document's type and the parties' situation.
#pragma once

#include "modules/sales/model/printable.hpp"
#include "modules/sales/pdf/printable_document.hpp"

namespace comptoir::sales {

pdf::PrintableDocument printable(const PrintInput& input);

// The module's renderer: printable() then the cairo/pango layout.
Result<std::string> render_document_pdf(const PrintInput& input);

}  // namespace comptoir::sales
