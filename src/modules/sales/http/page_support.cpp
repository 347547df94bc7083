#include "modules/sales/http/page_support.hpp"

#include <algorithm>

#include "core/clock.hpp"

namespace comptoir::sales::pages {

std::string tr(const http::PageContext& ctx, const std::string& key) { return ctx.t("sales." + key); }

std::string trf(const http::PageContext& ctx, const std::string& key,
                const std::vector<std::pair<std::string, std::string>>& values) {
    std::string s = tr(ctx, key);
    for (const auto& [name, value] : values) {
        const std::string token = "{" + name + "}";
        for (auto at = s.find(token); at != std::string::npos; at = s.find(token, at + value.size()))
            s.replace(at, token.size(), value);
    }
    return s;
}

std::string type_label(const http::PageContext& ctx, DocumentType type) {
    return std::string(ctx.locale() == "en" ? label_en(type) : label_fr(type));
}

std::string status_label(const http::PageContext& ctx, DocumentStatus status, DocumentType type) {
    return ctx.locale() == "en" ? std::string(label_en(status)) : label_fr(status, type);
}

std::string status_badge_class(DocumentStatus status) {
    switch (status) {
        case DocumentStatus::Draft: return "badge-muted";
        case DocumentStatus::Validated:
        case DocumentStatus::Sent: return "badge-info";
        case DocumentStatus::Accepted:
        case DocumentStatus::Delivered:
        case DocumentStatus::Closed: return "badge-success";
        case DocumentStatus::Refused:
        case DocumentStatus::Cancelled: return "badge-danger";
        case DocumentStatus::Expired: return "badge-warning";
        case DocumentStatus::InProgress:
        case DocumentStatus::Shipped: return "badge-prospect";
    }
    return "badge-muted";
}

std::string document_name(const http::PageContext& ctx, const Document& d) {
    if (d.number.empty()) return type_label(ctx, d.type) + " (" + tr(ctx, "draft_lower") + ")";
    return type_label(ctx, d.type) + " " + d.number;
}

std::string link_name(const http::PageContext& ctx, const DocumentLink& l) {
    if (l.number.empty()) return type_label(ctx, l.type) + " (" + tr(ctx, "draft_lower") + ")";
    return type_label(ctx, l.type) + " " + l.number;
}

std::string money(const http::PageContext& ctx, Money m) { return ctx.locale() == "en" ? m.to_display_en() : m.to_display_fr(); }

std::string rate(const http::PageContext& ctx, const Decimal& d) {
    if (ctx.locale() == "en") return d.rounded(2).to_string() + "%";
    return d.rounded(2).to_string_fr() + "\xC2\xA0%";
}

std::string number(const http::PageContext& ctx, const Decimal& d) {
    return ctx.locale() == "en" ? d.to_string() : d.to_string_fr();
}

std::string decimal_input(const http::PageContext& ctx, const Decimal& d, int min_fraction) {
    return decimal_input(ctx.locale(), d, min_fraction);
}

std::string decimal_input(const std::string& locale, const Decimal& d, int min_fraction) {
    std::string s = d.to_string_fr(min_fraction), out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 3, "\xE2\x80\xAF") == 0) {  // the narrow no-break space grouping thousands
            i += 2;
            continue;
        }
        out.push_back(locale == "en" && s[i] == ',' ? '.' : s[i]);
    }
    return out;
}

std::string date(const http::PageContext& ctx, const std::string& iso) {
    return iso.empty() ? std::string() : display_date(iso, ctx.locale());
}

// ---- VAT choices ----

std::string vat_value(const VatRate& vat) {
    if (vat.exemption != VatExemption::None) return "ex:" + std::string(to_code(vat.exemption));
    if (vat.category == VatCategory::ZeroRated) return "Z";
    return vat.percent.to_string();
}

std::optional<VatRate> vat_from_value(const std::string& value) {
    if (value == "Z") return zero_rated();
    if (value.starts_with("ex:")) {
        auto e = parse_vat_exemption(value.substr(3));
        if (!e || *e == VatExemption::None) return std::nullopt;
        return exempt_rate(*e);
    }
    auto d = Decimal::parse(value, "vat");
    if (!d || d->is_negative() || d->is_zero() || *d >= Decimal::from_int(100)) return std::nullopt;
    return standard_rate(*d);
}

json vat_groups(const http::PageContext& ctx, const std::string& selected) {
    json standard = json::array();
    bool found = false;
    for (const auto& r : french_standard_rates()) {
        std::string value = r.to_string();
        found = found || value == selected;
        standard.push_back({{"value", value}, {"label", rate(ctx, r)}, {"selected", value == selected}});
    }
    // A rate typed through the API (Corsica, overseas departments) stays as it is.
    if (!found && !selected.empty() && !selected.starts_with("ex:") && selected != "Z")
        if (auto vat = vat_from_value(selected))
            standard.push_back({{"value", selected}, {"label", rate(ctx, vat->percent)}, {"selected", true}});
    json zero = json::array();
    for (auto e : kAllVatExemptions) {
        std::string value = "ex:" + std::string(to_code(e));
        zero.push_back({{"value", value}, {"label", tr(ctx, "vat.exemption." + std::string(to_code(e)))},
                        {"selected", value == selected}});
    }
    zero.push_back({{"value", "Z"}, {"label", tr(ctx, "vat.zero_rated")}, {"selected", selected == "Z"}});
    return json::array({{{"label", tr(ctx, "vat.standard_group")}, {"options", standard}},
                        {{"label", tr(ctx, "vat.zero_group")}, {"options", zero}}});
}

std::string vat_label(const http::PageContext& ctx, const VatRate& vat) { return rate(ctx, vat.percent); }

Error document_not_found() { return Error::not_found("Ce document n'existe pas.", "This document does not exist."); }

// ---- Field names ----

std::string form_name(const std::string& service_field) {
    // lines[2].unit_price -> lines[2][unit_price]; lines[2] and header fields stay as they are.
    if (!service_field.starts_with("lines[")) return service_field;
    auto dot = service_field.find("].");
    if (dot == std::string::npos) return service_field;
    return service_field.substr(0, dot + 1) + "[" + service_field.substr(dot + 2) + "]";
}

std::string input_id(const std::string& form_field) {
    if (form_field.starts_with("lines[")) {
        // lines[2][unit_price] -> line-2-unit_price
        std::string id = "line-";
        for (char c : form_field.substr(6)) {
            if (c == ']') continue;
            id.push_back(c == '[' ? '-' : c);
        }
        return id;
    }
    return crm::pages::field_id(form_field);
}

// ---- Computed view ----

namespace {

json totals_json(const http::PageContext& ctx, const Totals& t) {
    json rows = json::array();
    for (const auto& row : t.vat) {
        std::string mention(ctx.locale() == "en" ? mention_en(row.vat.exemption) : mention_fr(row.vat.exemption));
        rows.push_back({{"label", vat_label(ctx, row.vat)},
                        {"mention", opt(mention)},
                        {"basis", money(ctx, row.basis)},
                        {"amount", money(ctx, row.vat_amount)}});
    }
    const bool discount = !t.allowances.is_zero();
    const bool prepaid = !t.prepaid.is_zero();
    const bool retention = !t.retention.is_zero();
    return {{"vat_rows", rows},
            {"has_vat_rows", !rows.empty()},
            {"vat_table", false},
            {"show_total_vat", rows.size() != 1},  // one rate: its row already is the total
            {"lines_net", money(ctx, t.lines_net)},
            {"has_discount", discount},
            {"discount_label", tr(ctx, "totals.discount") + " (" + rate(ctx, t.discount_percent) + ")"},
            {"allowances", money(ctx, -t.allowances)},
            {"total_excl", money(ctx, t.total_excl_vat)},
            {"total_vat", money(ctx, t.total_vat)},
            {"total_incl", money(ctx, t.total_incl_vat)},
            {"has_prepaid", prepaid},
            {"prepaid", money(ctx, -t.prepaid)},
            {"amount_due", money(ctx, t.amount_due)},
            {"has_retention", retention},
            {"retention_label", tr(ctx, "totals.retention") + " (" + rate(ctx, t.retention_percent) + ")"},
            {"retention", money(ctx, -t.retention)},
            {"payable", money(ctx, t.payable)}};
}

std::string optional_rate(const http::PageContext& ctx, const std::optional<Decimal>& r) {
    return r ? rate(ctx, *r) : tr(ctx, "margins.undefined");
}

}  // namespace

ComputedView computed_view(const http::PageContext& ctx, const DocumentDetail& detail, std::int64_t threshold_bp) {
    ComputedView v;
    const auto& lines = detail.document.lines;
    v.amounts.assign(lines.size(), json{{"amount", nullptr}, {"margin", nullptr}, {"low_margin", false}});
    if (detail.totals) {
        const Totals& t = *detail.totals;
        for (std::size_t i = 0; i < lines.size() && i < t.lines.size(); ++i) {
            if (lines[i].line.kind == LineKind::Item) v.amounts[i]["amount"] = money(ctx, t.lines[i].net);
            if (lines[i].line.kind == LineKind::Subtotal) v.amounts[i]["amount"] = money(ctx, t.lines[i].subtotal);
        }
        for (const auto& s : t.sections)
            if (s.line_index < v.amounts.size()) v.amounts[s.line_index]["amount"] = money(ctx, s.net);
        v.totals = totals_json(ctx, t);
        v.status_text = trf(ctx, "editor.preview_status",
                            {{"excl", money(ctx, t.total_excl_vat)}, {"incl", money(ctx, t.total_incl_vat)}});
    }
    if (detail.margins) {
        const DocumentMargin& m = *detail.margins;
        json per_line = json::array();
        std::string low_lines;
        for (const auto& lm : m.lines) {
            if (lm.line_index >= v.amounts.size() || !lm.figures) continue;
            const bool low = std::find(detail.low_margin_lines.begin(), detail.low_margin_lines.end(), lm.line_index) !=
                             detail.low_margin_lines.end();
            v.amounts[lm.line_index]["margin"] = money(ctx, lm.figures->margin) + " · " + optional_rate(ctx, lm.figures->markup_rate);
            v.amounts[lm.line_index]["low_margin"] = low;
            if (low) low_lines += (low_lines.empty() ? "" : ", ") + std::to_string(lm.line_index + 1);
            per_line.push_back({{"number", std::to_string(lm.line_index + 1)},
                                {"description", lines[lm.line_index].line.description},
                                {"margin", money(ctx, lm.figures->margin)},
                                {"markup_rate", optional_rate(ctx, lm.figures->markup_rate)},
                                {"low", low}});
        }
        std::string without_cost;
        if (m.lines_without_cost == 1) without_cost = tr(ctx, "margins.without_cost_one");
        else if (m.lines_without_cost > 1)
            without_cost = trf(ctx, "margins.without_cost_many", {{"n", std::to_string(m.lines_without_cost)}});
        v.margins = {{"revenue", money(ctx, m.total.revenue)},
                     {"cost", money(ctx, m.total.cost)},
                     {"margin", money(ctx, m.total.margin)},
                     {"markup_rate", optional_rate(ctx, m.total.markup_rate)},
                     {"margin_rate", optional_rate(ctx, m.total.margin_rate)},
                     {"low", detail.low_margin},
                     {"low_text", trf(ctx, "margins.low", {{"threshold", rate(ctx, Decimal::from_scaled(threshold_bp, 2))}})},
                     {"low_lines", low_lines.empty() ? json(nullptr) : json(tr(ctx, "margins.low_lines") + " " + low_lines)},
                     {"without_cost", opt(without_cost)},
                     {"lines", per_line},
                     {"has_lines", !per_line.empty()}};
    }
    return v;
}

}  // namespace comptoir::sales::pages
