// Realistic documents for the tests, the benchmark and visual checks of the layout. Not used by
// the application: amounts are computed here with integer cents only to look plausible.
#pragma once

#include <string>

#include "modules/sales/pdf/printable_document.hpp"

namespace comptoir::sales::pdf::samples {

// A plumbing and joinery company's invoice: sections "Fournitures" and "Main d'œuvre", 12 lines,
// VAT at 10 % and 20 %, a deposit deducted, a logo, every mandatory mention.
PrintableDocument joinery_invoice();

// The same company's invoice with `items` priced lines in sections of 15 (several pages at 120).
PrintableDocument long_invoice(int items);

// A small PNG logo drawn with cairo.
std::string logo_png();

// "1 234,56 €" with French spacing: narrow no-break space between thousands, no-break space
// before the euro sign.
std::string euros(long long cents);

}  // namespace comptoir::sales::pdf::samples
