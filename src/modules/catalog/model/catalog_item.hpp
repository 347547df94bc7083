// A product or service of the company's catalog: what commercial documents pick their lines from.
// Plain data; validation and normalisation live in item_validation.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/money/decimal.hpp"
#include "modules/sales/domain/vat.hpp"

namespace comptoir::catalog {

// Goods or a service: decides the e-invoice's category of operation (delivery of goods, provision of
// services, or both) and, later, the revenue account of the line.
enum class ItemKind { Goods, Service };

std::string_view to_code(ItemKind kind);  // "goods", "service"
// Case and surrounding spaces ignored. Issue: kind.invalid.
Checked<ItemKind> parse_item_kind(std::string_view code);

struct CatalogItem {
    std::int64_t id = 0;
    std::string reference;    // "PLB-001": unique per company, compared without regard to case
    std::string label;        // one line: the designation shown on documents
    std::string description;  // several lines, copied under the designation
    std::string unit = "u";   // free text ("h", "m²", "forfait"…), mapped to UN/ECE Rec. 20 by the e-invoice writer
    ItemKind kind = ItemKind::Goods;
    Decimal unit_price;                // excluding VAT, ≥ 0, up to 6 decimals
    std::optional<Decimal> cost_price;  // excluding VAT, per unit; absent when unknown (not the same as zero)
    sales::VatRate vat = sales::standard_rate(Decimal::from_int(20));
    std::string category;     // free label ("Fournitures", "Main d'œuvre"); "" for none
    bool active = true;       // inactive items stay on past documents but leave the pickers

    // Read-only, filled by the store.
    std::string created_at;
    std::string updated_at;
    std::int64_t created_by = 0;
    std::int64_t updated_by = 0;
    std::string created_by_name;
    std::string updated_by_name;
    // False when the viewer's role may not see cost prices: `cost_price` was removed by the service
    // and must not be shown as "unknown" either.
    bool cost_visible = true;
};

// The key that makes references unique and searchable: whitespace collapsed, Unicode case folding
// ("plb-001" and "PLB-001" are one reference; accents are kept: "RÉF" and "REF" are two).
std::string reference_key(std::string_view reference);

// The units offered as suggestions (the field stays free text).
inline constexpr std::string_view kSuggestedUnits[] = {"u", "h", "jour", "m", "m²", "m³", "kg", "forfait", "lot"};

}  // namespace comptoir::catalog
