#include "modules/sales/domain/document_line.hpp"

#include <vector>

#include "core/text/trim.hpp"
#include "core/text/utf8.hpp"
#include "modules/sales/domain/line_field.hpp"

namespace comptoir::sales {
namespace {

struct KindInfo {
    LineKind kind;
    std::string_view code;
};

constexpr std::array<KindInfo, 4> kKinds = {{
    {LineKind::Item, "item"},
    {LineKind::Text, "text"},
    {LineKind::Section, "section"},
    {LineKind::Subtotal, "subtotal"},
}};

FieldIssue issue(std::size_t index, std::string_view field, std::string code, const std::string& fr, const std::string& en) {
    return FieldIssue{line_field(index, field), std::move(code), line_label_fr(index) + fr, line_label_en(index) + en};
}

}  // namespace

std::string_view to_code(LineKind kind) {
    for (const auto& k : kKinds) {
        if (k.kind == kind) return k.code;
    }
    return "item";
}

Checked<LineKind> parse_line_kind(std::string_view code) {
    std::string c = trim(code);
    for (char& ch : c) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    for (const auto& k : kKinds) {
        if (k.code == c) return k.kind;
    }
    const std::string shown = quote_excerpt(code);
    return reject("line_kind.unknown",
                  "« " + shown + " » n'est pas un type de ligne connu (item, text, section ou subtotal).",
                  "\"" + shown + "\" is not a known line kind (item, text, section or subtotal).");
}

std::optional<Decimal> net_unit_price(const DocumentLine& line) {
    if (line.discount_percent.is_zero()) return line.unit_price;
    const auto kept = checked_sub(Decimal::from_int(100), line.discount_percent);  // the share of the price kept
    if (!kept) return std::nullopt;
    return checked_percent(line.unit_price, *kept);
}

Result<void> check_lines(std::span<const DocumentLine> lines) {
    std::vector<FieldIssue> issues;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const DocumentLine& line = lines[i];
        const bool blank = trim(line.description).empty();
        switch (line.kind) {
            case LineKind::Subtotal:
                continue;
            case LineKind::Section:
                if (blank) {
                    issues.push_back(issue(i, "description", "line.description_required", "indiquez le titre de la section.",
                                           "give the section title."));
                }
                continue;
            case LineKind::Text:
                if (blank) {
                    issues.push_back(issue(i, "description", "line.description_required", "saisissez le texte de la note.",
                                           "enter the text of the note."));
                }
                continue;
            case LineKind::Item:
                break;
        }
        if (blank) {
            issues.push_back(issue(i, "description", "line.description_required",
                                   "indiquez la désignation (mention obligatoire).", "give the description (mandatory)."));
        }
        if (line.unit_price.is_negative()) {
            issues.push_back(issue(i, "unit_price", "line.negative_price",
                                   "le prix unitaire HT ne peut pas être négatif ; pour une remise ou une reprise, "
                                   "saisissez une quantité négative.",
                                   "the unit price cannot be negative; for a reduction or a take-back, enter a negative "
                                   "quantity."));
        }
        if (line.discount_percent.is_negative() || line.discount_percent > Decimal::from_int(100)) {
            issues.push_back(issue(i, "discount_percent", "line.discount_range",
                                   "la remise doit être comprise entre 0 et 100 %.",
                                   "the discount must be between 0 and 100%."));
        }
        if (line.unit_cost && line.unit_cost->is_negative()) {
            issues.push_back(issue(i, "unit_cost", "line.negative_cost", "le prix de revient ne peut pas être négatif.",
                                   "the cost price cannot be negative."));
        }
        if (auto vat = check_vat_rate(line.vat); !vat) {
            issues.push_back(issue(i, "vat", vat.error().code, vat.error().message_fr, vat.error().message_en));
        }
    }
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    return {};
}

}  // namespace comptoir::sales
