// A line of a commercial document (quote, order, invoice, credit note…), as the user typed it.
// What it amounts to is computed in one place only: totals.hpp.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/money/decimal.hpp"
#include "modules/sales/domain/vat.hpp"

namespace comptoir::sales {

enum class LineKind {
    Item,      // something sold: quantity × unit price, with VAT
    Text,      // a free-text note between lines (no amount)
    Section,   // a section title ("Lot 1 — Maçonnerie"); the items after it, up to the next title, form the section
    Subtotal,  // shows the sum of the items since the last section title or subtotal
};

inline constexpr std::array<LineKind, 4> kAllLineKinds = {LineKind::Item, LineKind::Text, LineKind::Section,
                                                         LineKind::Subtotal};

std::string_view to_code(LineKind kind);  // "item", "text", "section", "subtotal"
// Case and surrounding spaces ignored. Issue: line_kind.unknown.
Checked<LineKind> parse_line_kind(std::string_view code);

struct DocumentLine {
    LineKind kind = LineKind::Item;
    // The designation (a legal mention: "désignation précise", CGI ann. II art. 242 nonies A I 8°);
    // the title of a section; the text of a note; an optional label for a subtotal.
    std::string description;
    // Items only. May be negative — a returned item, a take-back, a deduction — because EN 16931
    // forbids negative prices (BR-27) and expresses every negative line through its quantity. Credit
    // notes, on the contrary, carry positive quantities of what is credited (type 381, positive amounts).
    Decimal quantity;
    // As shown ("h", "m²", "forfait", "u"); mapped to a UN/ECE Rec. 20 code by the e-invoice writer.
    std::string unit;
    // Excluding VAT, per unit, before the line discount (BT-148 gross price). Never negative (BR-28).
    Decimal unit_price;
    // Line discount as a percentage of the unit price, 0 to 100. A percentage and not an amount: it
    // maps exactly onto EN 16931's price discount (BT-147) and gives the net price (BT-146) that
    // the one line formula multiplies, whereas a per-line amount is ambiguous (per unit or for the
    // line?) and would need a second formula. A fixed reduction is a line of its own with a
    // negative quantity ("Remise exceptionnelle", -1 × 50.00).
    Decimal discount_percent;
    VatRate vat;
    // Cost price per unit excluding VAT, for margins; absent when unknown (not the same as zero).
    std::optional<Decimal> unit_cost;
};

// The unit price net of the line discount (BT-146): unit_price × (1 − discount / 100), rounded half
// away from zero to 6 decimals. Kept as a number of its own so that the PDF, the XML (gross price,
// discount, net price) and the line net all agree. nullopt on overflow.
std::optional<Decimal> net_unit_price(const DocumentLine& line);

// Every problem in every line at once, each naming its field ("lines[2].unit_price"):
//   items: line.description_required, line.negative_price, line.discount_range, line.negative_cost,
//          and the VAT issues of check_vat_rate() on "lines[i].vat";
//   sections and notes: line.description_required (a title or a text is their whole content).
// Amounts on non-item lines are ignored, never an error.
Result<void> check_lines(std::span<const DocumentLine> lines);

}  // namespace comptoir::sales
