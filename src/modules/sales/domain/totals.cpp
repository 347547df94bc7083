#include "modules/sales/domain/totals.hpp"

#include <algorithm>
#include <optional>

#include "core/money/rounding.hpp"
#include "modules/sales/domain/line_field.hpp"

namespace comptoir::sales {
namespace {

// On a line: "Ligne 3 : montant trop grand…"; on the sums: "Montant trop grand…".
Error too_large(std::string field, const std::string& fr_prefix = {}, const std::string& en_prefix = {}) {
    return Error::invalid_field(std::move(field), "totals.too_large",
                                fr_prefix + (fr_prefix.empty() ? "Montant" : "montant") + " trop grand pour être calculé.",
                                en_prefix + (en_prefix.empty() ? "Amount" : "amount") + " too large to compute.");
}

std::vector<FieldIssue> check_adjustments(const DocumentAdjustments& a) {
    std::vector<FieldIssue> issues;
    if (a.discount_percent.is_negative() || a.discount_percent > Decimal::from_int(100)) {
        issues.push_back({"discount_percent", "totals.discount_range", "La remise globale doit être comprise entre 0 et 100 %.",
                          "The document discount must be between 0 and 100%."});
    }
    if (a.prepaid.is_negative()) {
        issues.push_back({"prepaid", "totals.negative_prepaid", "Le montant déjà versé ne peut pas être négatif.",
                          "The amount already paid cannot be negative."});
    }
    if (a.retention_percent.is_negative() || a.retention_percent > Decimal::from_int(kMaxRetentionPercent)) {
        issues.push_back({"retention_percent", "totals.retention_range",
                          "La retenue de garantie est comprise entre 0 et 5 % (loi n° 71-584 du 16 juillet 1971).",
                          "The retention guarantee is between 0 and 5% (French law 71-584 of 16 July 1971)."});
    }
    return issues;
}

bool row_before(const VatBreakdown& a, const VatBreakdown& b) {
    if (a.vat.category != b.vat.category) return a.vat.category < b.vat.category;
    if (a.vat.percent != b.vat.percent) return a.vat.percent > b.vat.percent;
    return a.vat.exemption < b.vat.exemption;
}

}  // namespace

Result<Totals> compute_totals(std::span<const DocumentLine> lines, const DocumentAdjustments& adjustments) {
    std::vector<FieldIssue> issues;
    if (auto checked = check_lines(lines); !checked) issues = std::move(checked.error().fields);
    for (auto& i : check_adjustments(adjustments)) issues.push_back(std::move(i));
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));

    Totals t;
    t.lines.resize(lines.size());
    t.discount_percent = adjustments.discount_percent;
    t.retention_percent = adjustments.retention_percent;
    t.prepaid = adjustments.prepaid;

    Money since_subtotal;                   // items since the last section title or subtotal
    std::optional<std::size_t> open_section;  // index into t.sections
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const DocumentLine& line = lines[i];
        LineAmounts& out = t.lines[i];
        switch (line.kind) {
            case LineKind::Text:
                continue;
            case LineKind::Section:
                t.sections.push_back({i, Money{}});
                open_section = t.sections.size() - 1;
                since_subtotal = Money{};
                continue;
            case LineKind::Subtotal:
                out.subtotal = since_subtotal;
                since_subtotal = Money{};
                continue;
            case LineKind::Item:
                break;
        }
        const auto net_price = net_unit_price(line);
        const auto net = net_price ? multiply_to_cents(line.quantity, *net_price) : std::nullopt;
        if (!net) return fail(too_large(line_field(i), line_label_fr(i), line_label_en(i)));
        out.net_unit_price = *net_price;
        out.net = *net;

        auto row = std::find_if(t.vat.begin(), t.vat.end(), [&](const VatBreakdown& r) { return r.vat == line.vat; });
        if (row == t.vat.end()) row = t.vat.insert(t.vat.end(), VatBreakdown{line.vat, {}, {}, {}, {}});
        const auto row_net = checked_add(row->lines_net, *net);
        const auto lines_net = checked_add(t.lines_net, *net);
        const auto subtotal = checked_add(since_subtotal, *net);
        const auto section = open_section ? checked_add(t.sections[*open_section].net, *net) : std::optional<Money>(Money{});
        if (!row_net || !lines_net || !subtotal || !section) return fail(too_large("lines"));
        row->lines_net = *row_net;
        t.lines_net = *lines_net;
        since_subtotal = *subtotal;
        if (open_section) t.sections[*open_section].net = *section;
    }

    std::sort(t.vat.begin(), t.vat.end(), row_before);
    for (VatBreakdown& row : t.vat) {
        const auto allowance = percent_of(row.lines_net, adjustments.discount_percent);  // ≤ lines_net: cannot overflow
        row.allowance = *allowance;
        row.basis = row.lines_net - row.allowance;
        const auto vat = percent_of(row.basis, row.vat.percent);  // rate < 100 %: smaller than the basis
        row.vat_amount = *vat;
        const auto allowances = checked_add(t.allowances, row.allowance);
        const auto total_vat = checked_add(t.total_vat, row.vat_amount);
        if (!allowances || !total_vat) return fail(too_large("lines"));
        t.allowances = *allowances;
        t.total_vat = *total_vat;
    }
    t.total_excl_vat = t.lines_net - t.allowances;  // same sign, smaller magnitude: cannot overflow
    const auto incl = checked_add(t.total_excl_vat, t.total_vat);
    const auto due = incl ? checked_sub(*incl, t.prepaid) : std::nullopt;
    const auto retention = incl ? percent_of(*incl, adjustments.retention_percent) : std::nullopt;
    const auto payable = (due && retention) ? checked_sub(*due, *retention) : std::nullopt;
    if (!payable) return fail(too_large("lines"));
    t.total_incl_vat = *incl;
    t.amount_due = *due;
    t.retention = *retention;
    t.payable = *payable;
    return t;
}

}  // namespace comptoir::sales
