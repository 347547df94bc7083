#include "modules/sales/domain/situation.hpp"

#include <string>

#include "core/money/rounding.hpp"
#include "core/text/utf8.hpp"
#include "modules/sales/domain/line_field.hpp"

namespace comptoir::sales {
namespace {

// "Ligne 3 (« Maçonnerie ») : " — the designation helps on a long contract.
std::string describe_fr(std::size_t i, const DocumentLine& line) {
    if (line.description.empty()) return line_label_fr(i);
    return "Ligne " + std::to_string(i + 1) + " (« " + quote_excerpt(line.description) + " ») : ";
}

std::string describe_en(std::size_t i, const DocumentLine& line) {
    if (line.description.empty()) return line_label_en(i);
    return "Line " + std::to_string(i + 1) + " (\"" + quote_excerpt(line.description) + "\"): ";
}

std::string percent_fr(Decimal p) { return p.to_string_fr() + " %"; }
std::string percent_en(Decimal p) { return p.to_string() + "%"; }

std::vector<FieldIssue> check_progress(std::span<const DocumentLine> contract, std::span<const LineProgress> progress) {
    std::vector<FieldIssue> issues;
    if (progress.size() != contract.size()) {
        issues.push_back({"progress", "situation.progress_count",
                          "L'avancement doit être indiqué pour chaque ligne du marché (" + std::to_string(contract.size()) +
                              " lignes, " + std::to_string(progress.size()) + " avancements).",
                          "Progress must be given for each contract line (" + std::to_string(contract.size()) +
                              " lines, " + std::to_string(progress.size()) + " progress entries)."});
        return issues;
    }
    const Decimal hundred = Decimal::from_int(100);
    for (std::size_t i = 0; i < contract.size(); ++i) {
        if (contract[i].kind != LineKind::Item) continue;
        const LineProgress& p = progress[i];
        const auto out_of_range = [&](Decimal d) { return d.is_negative() || d > hundred; };
        if (out_of_range(p.previous_percent) || out_of_range(p.current_percent)) {
            const Decimal shown = out_of_range(p.current_percent) ? p.current_percent : p.previous_percent;
            issues.push_back({line_field(i, "progress"), "situation.percent_range",
                              describe_fr(i, contract[i]) + "l'avancement cumulé (" + percent_fr(shown) +
                                  ") doit être compris entre 0 et 100 %.",
                              describe_en(i, contract[i]) + "the cumulative progress (" + percent_en(shown) +
                                  ") must be between 0 and 100%."});
        } else if (p.current_percent < p.previous_percent) {
            issues.push_back({line_field(i, "progress"), "situation.progress_decreasing",
                              describe_fr(i, contract[i]) + "l'avancement cumulé (" + percent_fr(p.current_percent) +
                                  ") ne peut pas être inférieur à celui de la situation précédente (" +
                                  percent_fr(p.previous_percent) + ") ; pour revenir sur une situation, émettez un avoir.",
                              describe_en(i, contract[i]) + "the cumulative progress (" + percent_en(p.current_percent) +
                                  ") cannot be lower than at the previous situation (" + percent_en(p.previous_percent) +
                                  "); to correct a situation, issue a credit note."});
        }
    }
    return issues;
}

}  // namespace

Result<Situation> compute_situation(std::span<const DocumentLine> contract, std::span<const LineProgress> progress,
                                    const DocumentAdjustments& adjustments) {
    // The contract's own totals validate its lines and give each line's net.
    auto contract_totals = compute_totals(contract);
    std::vector<FieldIssue> issues = check_progress(contract, progress);
    if (!contract_totals) {
        auto& fields = contract_totals.error().fields;
        issues.insert(issues.begin(), fields.begin(), fields.end());
        if (fields.empty()) return fail(contract_totals.error());
    }
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));

    Situation s;
    s.contract_net = contract_totals->lines_net;
    for (std::size_t i = 0; i < contract.size(); ++i) {
        DocumentLine billed = contract[i];
        if (contract[i].kind != LineKind::Item) {
            s.invoice_lines.push_back(std::move(billed));
            continue;
        }
        const Money net = contract_totals->lines[i].net;
        const LineProgress& p = progress[i];
        // |net × percent| ≤ |net| for percent ≤ 100: no overflow here; the sums are checked below.
        const Money previous = *percent_of(net, p.previous_percent);
        const Money cumulative = *percent_of(net, p.current_percent);
        const Money now = cumulative - previous;
        s.lines.push_back({i, net, p.previous_percent, p.current_percent, previous, cumulative, now});
        const auto previous_sum = checked_add(s.previous_amount, previous);
        const auto cumulative_sum = checked_add(s.cumulative_amount, cumulative);
        const auto this_sum = checked_add(s.this_amount, now);
        const auto price = (now.is_negative() ? -now : now).to_decimal();
        if (!previous_sum || !cumulative_sum || !this_sum || !price) {
            return fail(Error::invalid_field(line_field(i), "totals.too_large",
                                             line_label_fr(i) + "montant trop grand pour être calculé.",
                                             line_label_en(i) + "amount too large to compute."));
        }
        s.previous_amount = *previous_sum;
        s.cumulative_amount = *cumulative_sum;
        s.this_amount = *this_sum;
        billed.quantity = Decimal::from_int(now.is_negative() ? -1 : (now.is_zero() ? 0 : 1));
        billed.unit_price = *price;
        billed.discount_percent = Decimal{};
        billed.unit = {};
        if (contract[i].unit_cost) {
            // The cost of the work done this time: cost × quantity × the progress made, per this line's one "unit".
            const Decimal delta = p.current_percent - p.previous_percent;
            const auto cost = checked_mul(*contract[i].unit_cost, contract[i].quantity);
            const auto share = cost ? checked_percent(*cost, delta) : std::nullopt;
            billed.unit_cost = share ? std::optional<Decimal>(share->is_negative() ? -*share : *share) : std::nullopt;
        }
        s.invoice_lines.push_back(std::move(billed));
    }

    auto totals = compute_totals(s.invoice_lines, adjustments);
    if (!totals) return fail(totals.error());
    s.totals = std::move(*totals);
    return s;
}

}  // namespace comptoir::sales
