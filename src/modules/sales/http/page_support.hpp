// Helpers shared by the commercial documents' pages: labels in the viewer's language, amounts and
// rates as people read them, the VAT choices of a line, and the view of a computed document (lines,
// VAT summary, totals, margins) used by both the editor's live preview and the document page.
//
// Template data follows crm's convention (crm/http/page_support.hpp): an absent value is JSON null,
// never "", and every key a partial reads is always present. The crm helpers (opt, FormFields,
// payment terms options, query strings) are reused as they are: sales depends on crm, not the reverse.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/web_server.hpp"
#include "modules/crm/http/page_support.hpp"
#include "modules/sales/service/document_service.hpp"

namespace comptoir::sales::pages {

using nlohmann::json;
using crm::pages::opt;
using crm::pages::parse_id;
using crm::pages::query_string;

// Translation under "sales.": tr(ctx, "list.title").
std::string tr(const http::PageContext& ctx, const std::string& key);
// tr() with "{name}" placeholders replaced.
std::string trf(const http::PageContext& ctx, const std::string& key,
                const std::vector<std::pair<std::string, std::string>>& values);

std::string type_label(const http::PageContext& ctx, DocumentType type);
std::string status_label(const http::PageContext& ctx, DocumentStatus status, DocumentType type);
std::string status_badge_class(DocumentStatus status);  // "badge-muted", "badge-info", "badge-success"…
// "Devis DE-2026-00001", or "Devis (brouillon)".
std::string document_name(const http::PageContext& ctx, const Document& d);
std::string link_name(const http::PageContext& ctx, const DocumentLink& l);

std::string money(const http::PageContext& ctx, Money m);          // "1 234,56 €" / "€1,234.56"
std::string rate(const http::PageContext& ctx, const Decimal& d);  // "5,5 %" / "5.5%", at most 2 decimals
std::string number(const http::PageContext& ctx, const Decimal& d);  // "12,5" / "12.5" (grouped, for reading)
// A decimal as typed back into an input: no grouping, the locale's separator, at least `min_fraction`
// decimals ("38,40").
std::string decimal_input(const http::PageContext& ctx, const Decimal& d, int min_fraction = 0);
std::string decimal_input(const std::string& locale, const Decimal& d, int min_fraction = 0);
std::string date(const http::PageContext& ctx, const std::string& iso);  // "" for ""

// The VAT choice of a line as one <select> value: the rate of a standard rate ("20", "5.5"), "Z"
// for zero rated, "ex:<exemption code>" for an exempt line.
std::string vat_value(const VatRate& vat);
std::optional<VatRate> vat_from_value(const std::string& value);
// [{label, options: [{value, label, selected}]}] optgroups; an unusual stored rate stays selectable.
json vat_groups(const http::PageContext& ctx, const std::string& selected);
std::string vat_label(const http::PageContext& ctx, const VatRate& vat);

Error document_not_found();

// Field names: the service's "lines[2].unit_price" is the form's "lines[2][unit_price]" and the
// input id "line-2-unit_price"; header fields keep their names ("discount_percent") and crm's ids.
std::string form_name(const std::string& service_field);
std::string input_id(const std::string& form_field);

// Everything computed about a document, ready for the templates:
//   amounts[i]: {amount, margin, low_margin} per line (amount: an item's net, a section's total, a
//   subtotal; margin only for roles that see margins);
//   totals: the VAT rows and totals (null when they cannot be computed);
//   margins: the margin panel (null when hidden);
//   status_text: one sentence for the screen reader's live region.
struct ComputedView {
    std::vector<json> amounts;
    json totals = nullptr;
    json margins = nullptr;
    std::string status_text;
};
ComputedView computed_view(const http::PageContext& ctx, const DocumentDetail& detail, std::int64_t threshold_bp);

}  // namespace comptoir::sales::pages
