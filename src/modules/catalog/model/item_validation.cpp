#include "modules/catalog/model/item_validation.hpp"

#include "core/text/utf8.hpp"

namespace comptoir::catalog {
namespace {

// Prices are unit prices, multiplied later by quantities: one billion euros per unit is far beyond
// any real price and keeps every line total well inside Decimal's range.
const Decimal kMaxPrice = Decimal::from_int(1'000'000'000);

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t pos = 0; pos < s.size();) {
        decode_utf8(s, pos);
        ++n;
    }
    return n;
}

bool has_control(std::string_view s, bool multi_line) {
    for (unsigned char c : s) {
        if (c == 0x7F) return true;
        if (c < 0x20 && !(multi_line && (c == '\n' || c == '\t'))) return true;
    }
    return false;
}

struct Issues {
    std::vector<FieldIssue> list;
    void add(const std::string& field, std::string code, std::string fr, std::string en) {
        list.push_back({field, std::move(code), std::move(fr), std::move(en)});
    }
    void add(const std::string& field, const FieldIssue& issue) { list.push_back(with_field(issue, field)); }

    // UTF-8, control characters and length; `value` is already trimmed. Returns false on a problem.
    bool text(const std::string& value, const std::string& field, std::size_t max, bool multi_line = false) {
        if (!is_valid_utf8(value)) {
            add(field, "encoding", "Ce texte contient des caractères illisibles (encodage non UTF-8).",
                "This text contains unreadable characters (not UTF-8).");
            return false;
        }
        if (has_control(value, multi_line)) {
            add(field, "control_character", "Ce texte contient des caractères de contrôle invisibles.",
                "This text contains invisible control characters.");
            return false;
        }
        if (code_points(value) > max) {
            add(field, "too_long", "Ce champ ne peut pas dépasser " + std::to_string(max) + " caractères.",
                "This field cannot exceed " + std::to_string(max) + " characters.");
            return false;
        }
        return true;
    }

    void price(const Decimal& value, const std::string& field) {
        if (value.is_negative())
            add(field, field + ".negative", "Le prix ne peut pas être négatif.", "The price cannot be negative.");
        else if (value >= kMaxPrice)
            add(field, field + ".too_large", "Le prix doit être inférieur à un milliard d'euros.",
                "The price must be below one billion euros.");
    }
};

// Multi-line text: Windows and old Mac line ends become "\n", trailing spaces of each line and
// blank lines at both ends go.
std::string multi_line(std::string_view text) {
    std::string s;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            s.push_back('\n');
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            s.push_back(text[i]);
        }
    }
    std::string out;
    std::size_t start = 0;
    while (start <= s.size()) {
        auto nl = s.find('\n', start);
        std::string line = s.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
        if (!out.empty() || !line.empty()) out += line + "\n";
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

}  // namespace

std::string one_line(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        if (is_space) {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

std::string vat_issue_field(const std::string& code) {
    if (code == "vat.rate_range" || code == "vat.rate_must_be_zero") return "vat.rate";
    return "vat.exemption";
}

std::vector<FieldIssue> apply_vat_input(sales::VatRate& vat, const VatInput& in) {
    std::vector<FieldIssue> issues;
    std::optional<sales::VatCategory> category;
    std::optional<Decimal> rate;
    std::optional<sales::VatExemption> exemption;
    if (in.category) {
        if (auto c = sales::parse_vat_category(*in.category)) category = *c;
        else issues.push_back(with_field(c.error(), "vat.category"));
    }
    if (in.rate) {
        // "20 %" is how people write a rate.
        std::string text = *in.rate;
        while (!text.empty() && (text.back() == '%' || text.back() == ' ')) text.pop_back();
        if (auto r = Decimal::parse(text, "vat.rate")) rate = *r;
        else issues.insert(issues.end(), r.error().fields.begin(), r.error().fields.end());
    }
    if (in.exemption) {
        if (auto e = sales::parse_vat_exemption(*in.exemption)) exemption = *e;
        else issues.push_back(with_field(e.error(), "vat.exemption"));
    }
    if (!issues.empty()) return issues;

    using sales::VatCategory;
    using sales::VatExemption;
    if (category) vat.category = *category;
    if (rate) vat.percent = *rate;
    if (exemption) vat.exemption = *exemption;

    if (exemption && *exemption != VatExemption::None && !category) {
        vat.category = sales::category_of(*exemption);
        if (!rate) vat.percent = Decimal{};
    } else if (category) {
        const bool taxed = *category == VatCategory::Standard || *category == VatCategory::ZeroRated;
        if (!taxed && !rate) vat.percent = Decimal{};
        if (taxed && !exemption) vat.exemption = VatExemption::None;
    } else if (rate && !rate->is_zero()) {
        vat.category = VatCategory::Standard;
        if (!exemption) vat.exemption = VatExemption::None;
    }
    return issues;
}

std::vector<FieldIssue> normalise_item(CatalogItem& item) {
    Issues issues;

    item.reference = one_line(item.reference);
    if (item.reference.empty())
        issues.add("reference", "required", "La référence est obligatoire (par exemple PLB-001).",
                   "The reference is required (for example PLB-001).");
    else
        issues.text(item.reference, "reference", kMaxReference);

    item.label = one_line(item.label);
    if (item.label.empty())
        issues.add("label", "required", "Le libellé est obligatoire.", "The label is required.");
    else
        issues.text(item.label, "label", kMaxLabel);

    item.description = multi_line(item.description);
    issues.text(item.description, "description", kMaxDescription, true);

    item.unit = one_line(item.unit);
    if (item.unit.empty())
        issues.add("unit", "required", "Indiquez l'unité de vente (u, h, jour, m², forfait…).",
                   "Give the sales unit (u, h, day, m², flat rate…).");
    else
        issues.text(item.unit, "unit", kMaxUnit);

    item.category = one_line(item.category);
    issues.text(item.category, "category", kMaxCategory);

    issues.price(item.unit_price, "unit_price");
    if (item.cost_price) issues.price(*item.cost_price, "cost_price");

    if (auto vat = sales::check_vat_rate(item.vat); !vat) issues.add(vat_issue_field(vat.error().code), vat.error());
    return issues.list;
}

}  // namespace comptoir::catalog
