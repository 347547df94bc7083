// Margins on a quote, order or invoice: what is left of the selling price once the cost price is
// paid. French practice names two rates, easily confused, so both are given:
//   margin (marge brute)        = net selling price − cost price × quantity
//   markup rate (taux de marque) = margin / net selling price × 100
//   margin rate (taux de marge)  = margin / cost × 100
// e.g. bought 60, sold 100: margin 40, taux de marque 40 %, taux de marge 66.67 %.
// A rate whose denominator is zero (a free item, an item with no cost) is undefined and absent —
// never a division by zero, never "infinite".
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "core/error.hpp"
#include "core/money/decimal.hpp"
#include "core/money/money.hpp"
#include "modules/sales/domain/document_line.hpp"
#include "modules/sales/domain/totals.hpp"

namespace comptoir::sales {

struct MarginFigures {
    Money revenue;                      // net selling price excluding VAT
    Money cost;                         // cost price × quantity, rounded to the cent
    Money margin;                       // revenue − cost
    std::optional<Decimal> markup_rate;  // taux de marque, %; absent when revenue is zero
    std::optional<Decimal> margin_rate;  // taux de marge, %; absent when cost is zero
};

// nullopt only on overflow.
std::optional<MarginFigures> margin_figures(Money revenue, Money cost);

struct LineMargin {
    std::size_t line_index;
    std::optional<MarginFigures> figures;  // absent when the line has no cost price
};

struct DocumentMargin {
    // Revenue is the document's total excluding VAT after its discount (BT-109), so a global
    // discount lowers the margin as it should; cost is the sum over items with a cost price.
    MarginFigures total;
    std::vector<LineMargin> lines;       // one per item line, in order; line revenue is its net (BT-131)
    std::size_t lines_without_cost = 0;  // items counted at zero cost in the total: warn the user
};

// `totals` must be compute_totals(lines, …) of the same lines. Issue: totals.too_large on overflow.
Result<DocumentMargin> compute_margins(std::span<const DocumentLine> lines, const Totals& totals);

// Which rate a company's minimum applies to.
enum class MarginBasis { MarkupRate, MarginRate };

struct MarginThreshold {
    MarginBasis basis = MarginBasis::MarkupRate;
    Decimal minimum_percent;
};

// Below the threshold when the chosen rate is under the minimum. When that rate is undefined (zero
// price or zero cost), only a negative margin is below: a cost with no price is a loss, while a free
// item that costs nothing, or a sale with zero cost, loses nothing.
bool is_below_threshold(const MarginFigures& figures, const MarginThreshold& threshold);

// The item lines (their indices in the document) whose margin is below the threshold.
std::vector<std::size_t> lines_below_threshold(const DocumentMargin& margin, const MarginThreshold& threshold);

}  // namespace comptoir::sales
