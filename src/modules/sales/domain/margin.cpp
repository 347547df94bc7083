#include "modules/sales/domain/margin.hpp"

#include "core/money/rounding.hpp"
#include "modules/sales/domain/line_field.hpp"

namespace comptoir::sales {

std::optional<MarginFigures> margin_figures(Money revenue, Money cost) {
    const auto margin = checked_sub(revenue, cost);
    if (!margin) return std::nullopt;
    MarginFigures f{revenue, cost, *margin, std::nullopt, std::nullopt};
    // percent_ratio is nullopt for a zero denominator (undefined) and on overflow (a margin rate in the
    // quadrillions of percent, e.g. one cent of cost): both are reported as "no meaningful rate".
    f.markup_rate = percent_ratio(*margin, revenue);
    f.margin_rate = percent_ratio(*margin, cost);
    return f;
}

Result<DocumentMargin> compute_margins(std::span<const DocumentLine> lines, const Totals& totals) {
    DocumentMargin result;
    Money cost_sum;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].kind != LineKind::Item) continue;
        LineMargin lm{i, std::nullopt};
        if (!lines[i].unit_cost) {
            ++result.lines_without_cost;
            result.lines.push_back(lm);
            continue;
        }
        const Money revenue = i < totals.lines.size() ? totals.lines[i].net : Money{};
        const auto cost = multiply_to_cents(*lines[i].unit_cost, lines[i].quantity);
        const auto figures = cost ? margin_figures(revenue, *cost) : std::nullopt;
        const auto sum = cost ? checked_add(cost_sum, *cost) : std::nullopt;
        if (!figures || !sum) {
            return fail(Error::invalid_field(line_field(i), "totals.too_large",
                                             line_label_fr(i) + "montant trop grand pour être calculé.",
                                             line_label_en(i) + "amount too large to compute."));
        }
        cost_sum = *sum;
        lm.figures = *figures;
        result.lines.push_back(lm);
    }
    const auto total = margin_figures(totals.total_excl_vat, cost_sum);
    if (!total) {
        return fail(Error::invalid_field("lines", "totals.too_large", "Montant trop grand pour être calculé.",
                                         "Amount too large to compute."));
    }
    result.total = *total;
    return result;
}

bool is_below_threshold(const MarginFigures& figures, const MarginThreshold& threshold) {
    const auto& rate = threshold.basis == MarginBasis::MarkupRate ? figures.markup_rate : figures.margin_rate;
    if (rate) return *rate < threshold.minimum_percent;
    return figures.margin.is_negative();
}

std::vector<std::size_t> lines_below_threshold(const DocumentMargin& margin, const MarginThreshold& threshold) {
    std::vector<std::size_t> out;
    for (const LineMargin& lm : margin.lines) {
        if (lm.figures && is_below_threshold(*lm.figures, threshold)) out.push_back(lm.line_index);
    }
    return out;
}

}  // namespace comptoir::sales
