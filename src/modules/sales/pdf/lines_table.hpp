// The lines table: columns sized to their content, the header row repeated on every page, section
// titles kept with the line that follows, and rows moved whole to the next page rather than cut,
// unless a row is so long (a very long description) that it has to continue over pages.
#pragma once

#include "modules/sales/pdf/page_flow.hpp"
#include "modules/sales/pdf/pdf_labels.hpp"
#include "modules/sales/pdf/printable_document.hpp"

namespace comptoir::sales::pdf {

void lay_out_lines_table(const PrintableDocument& document, const Labels& labels, TextEngine& text, Rgb accent,
                         PageFlow& flow);

}  // namespace comptoir::sales::pdf
