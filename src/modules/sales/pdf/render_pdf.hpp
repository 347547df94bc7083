// The PDF adapter for commercial documents: quotes, orders, pro-forma and provisional invoices,
// invoices, deposit and situation invoices, credit notes.
//
// render_pdf lays the whole document out first (pagination, "Page N/M", the totals block kept
// together), then draws it on an A4 cairo PDF surface with pango text. It is thread-safe: each
// thread keeps its own pango context, and decoded logos are shared read-only between threads.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "modules/sales/pdf/printable_document.hpp"

namespace comptoir::sales::pdf {

// The PDF bytes (starting with "%PDF-", ending with "%%EOF").
// Errors: Invalid with field "seller.logo" when the logo is not a readable PNG or JPEG (checked,
// never skipped silently: an issued document is kept forever and must look as the user expects),
// Invalid when a text is absurdly long, Internal when no usable font is installed.
Result<std::string> render_pdf(const PrintableDocument& document);

// The check render_pdf applies to a logo, for the settings page to refuse a bad upload early.
Result<void> check_logo(std::string_view bytes);

}  // namespace comptoir::sales::pdf
