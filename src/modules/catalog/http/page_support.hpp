// Helpers shared by the catalog's pages: translations, number display, VAT labels, the form-field
// view model of the catalog/_field partial, query strings.
//
// Template data convention (as in the other modules): an absent or empty value is JSON null, never
// "" (in kainjow mustache an empty string is truthy), and every key a partial reads is present.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/form_fields.hpp"
#include "http/web_server.hpp"
#include "modules/catalog/model/catalog_item.hpp"

namespace comptoir::catalog::pages {

using nlohmann::json;
// Shared by every module's forms (http/form_fields.hpp).
using http::FieldOpts;
using http::field_id;
using http::FormFields;
using http::opt;
using http::parse_id;
using http::query_string;
using http::text_lines;
using http::when;

// Translation under "catalog.": tr(ctx, "list.title").
std::string tr(const http::PageContext& ctx, const std::string& key);

// 1234.5 -> "1 234,5" (fr, narrow no-break spaces) or "1,234.5" (en), at least `min_fraction` decimals.
std::string display_decimal(const Decimal& d, const std::string& locale, int min_fraction = 0);
// "1 234,50 €" / "€1,234.50" (at least two decimals, up to six).
std::string display_price(const Decimal& d, const std::string& locale);
// "5,5 %" / "5.5%"; with `min_fraction` 2, "33,50 %" (rates that line up in a column).
std::string display_percent(const Decimal& d, const std::string& locale, int min_fraction = 0);
// For a form input: the value as people type it ("12,5" in French), "" for none.
std::string input_decimal(const std::optional<Decimal>& d, const std::string& locale);

std::string kind_label(const http::PageContext& ctx, ItemKind kind);
// "20 %", "0 % · Franchise en base de TVA (art. 293 B du CGI)", "0 % · Taux zéro": the card.
std::string vat_label(const http::PageContext& ctx, const sales::VatRate& vat);
// For lists and pickers, where a reason is too long: {"rate": "0 %", "note": "Exonéré"} (note null
// for the standard category).
nlohmann::json vat_cell(const http::PageContext& ctx, const sales::VatRate& vat);
std::string exemption_label(const http::PageContext& ctx, sales::VatExemption exemption);



// Margin figures of a unit price and cost, for the roles that may see costs.
struct UnitMargin {
    Decimal amount;                     // price − cost
    std::optional<Decimal> markup_rate;  // taux de marque: margin / price × 100, absent for a free item
};
std::optional<UnitMargin> unit_margin(const Decimal& price, const Decimal& cost);

}  // namespace comptoir::catalog::pages
