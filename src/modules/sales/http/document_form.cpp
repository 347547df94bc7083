#include "modules/sales/http/document_form.hpp"

#include <httplib.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "core/text/trim.hpp"
#include "modules/sales/http/page_support.hpp"
#include "modules/sales/model/document_json.hpp"

namespace comptoir::sales::pages {
namespace {

constexpr int kMaxLines = 1000;  // as the API (document_json.cpp)

// "lines[12][unit_price]" -> (12, "unit_price").
bool split_line_key(const std::string& key, int& index, std::string& field) {
    if (!key.starts_with("lines[")) return false;
    auto close = key.find("][", 6);
    if (close == std::string::npos || close == 6 || close - 6 > 4 || !key.ends_with("]")) return false;
    index = 0;
    for (std::size_t i = 6; i < close; ++i) {
        if (key[i] < '0' || key[i] > '9') return false;
        index = index * 10 + (key[i] - '0');
    }
    field = key.substr(close + 2, key.size() - close - 3);
    return index < kMaxLines && !field.empty();
}

void set_line_field(LineForm& l, const std::string& field, const std::string& value) {
    if (field == "kind") l.kind = value;
    else if (field == "reference") l.reference = value;
    else if (field == "catalog_item_id") l.catalog_item_id = value;
    else if (field == "description") l.description = value;
    else if (field == "quantity") l.quantity = value;
    else if (field == "unit") l.unit = value;
    else if (field == "unit_price") l.unit_price = value;
    else if (field == "discount_percent") l.discount_percent = value;
    else if (field == "vat") l.vat = value;
    else if (field == "unit_cost") l.unit_cost = value;
    else if (field == "orig") l.orig = value;
}

bool blank(const std::string& s) { return trim(s).empty(); }

FieldIssue line_issue(std::size_t i, const std::string& field, const std::string& fr, const std::string& en) {
    return {"lines[" + std::to_string(i) + "]." + field, "required", "Ligne " + std::to_string(i + 1) + " : " + fr,
            "Line " + std::to_string(i + 1) + ": " + en};
}

// Removes from `body` the keys an issue names, so that a second reading keeps everything else.
void drop_named(nlohmann::json& body, const std::vector<FieldIssue>& issues, ParseMode mode) {
    for (const auto& issue : issues) {
        const std::string& f = issue.field;
        if (f.starts_with("lines[")) {
            auto close = f.find(']');
            auto dot = f.find('.', close);
            if (close == std::string::npos || dot == std::string::npos) continue;
            std::size_t i = std::stoul(f.substr(6, close - 6));
            std::string key = f.substr(dot + 1);
            if (i >= body["lines"].size()) continue;
            auto& line = body["lines"][i];
            // A number that cannot be read counts as zero in the preview (never as the default of 1).
            if (mode == ParseMode::Preview && (key == "quantity" || key == "unit_price")) line[key] = "0";
            else line.erase(key);
        } else if (!f.empty() && f != "type" && f != "lines") {
            body.erase(f);
        }
    }
}

}  // namespace

DocumentForm read_form(const http::RequestBase& req) {
    DocumentForm f;
    auto take = [&](const char* name, std::string& out) {
        if (req.has_param(name)) out = req.param(name);
    };
    take("type", f.type);
    take("client_id", f.client_id);
    take("client_q", f.client_q);
    take("title", f.title);
    take("issue_date", f.issue_date);
    take("validity_date", f.validity_date);
    take("due_date", f.due_date);
    take("payment_terms", f.payment_terms);
    take("payment_method", f.payment_method);
    take("customer_reference", f.customer_reference);
    take("operation", f.operation);
    take("notes", f.notes);
    take("discount_percent", f.discount_percent);
    take("retention_percent", f.retention_percent);
    std::map<int, LineForm> lines;
    for (const auto& [key, value] : req.request().params) {
        int index;
        std::string field;
        if (split_line_key(key, index, field)) set_line_field(lines[index], field, value);
    }
    for (auto& [index, line] : lines) f.lines.push_back(std::move(line));
    return f;
}

DocumentForm form_from_document(const Document& d, const std::string& locale, bool with_costs) {
    DocumentForm f;
    f.type = std::string(to_code(d.type));
    f.client_id = d.client_id ? std::to_string(d.client_id) : "";
    f.title = d.title;
    f.issue_date = d.issue_date;
    f.validity_date = d.validity_date;
    f.due_date = d.due_date;
    f.payment_terms = d.payment_terms;
    f.payment_method = d.payment_method;
    f.customer_reference = d.customer_reference;
    f.operation = std::string(to_code(d.operation));
    f.notes = d.notes;
    f.discount_percent = d.discount_percent.is_zero() ? "" : decimal_input(locale, d.discount_percent);
    f.retention_percent = d.retention_percent.is_zero() ? "" : decimal_input(locale, d.retention_percent);
    for (std::size_t i = 0; i < d.lines.size(); ++i) {
        const Line& l = d.lines[i];
        LineForm lf;
        lf.kind = std::string(to_code(l.line.kind));
        lf.reference = l.reference;
        lf.catalog_item_id = l.catalog_item_id ? std::to_string(*l.catalog_item_id) : "";
        lf.description = l.line.description;
        lf.orig = std::to_string(i);
        if (l.line.kind == LineKind::Item) {
            lf.quantity = decimal_input(locale, l.line.quantity);
            lf.unit = l.line.unit;
            lf.unit_price = decimal_input(locale, l.line.unit_price, 2);
            lf.discount_percent = l.line.discount_percent.is_zero() ? "" : decimal_input(locale, l.line.discount_percent);
            lf.vat = vat_value(l.line.vat);
            if (with_costs && l.line.unit_cost) lf.unit_cost = decimal_input(locale, *l.line.unit_cost, 2);
        }
        f.lines.push_back(std::move(lf));
    }
    return f;
}

ParsedForm parse_form(const DocumentForm& form, const Document& base, ParseMode mode, bool with_costs) {
    ParsedForm out;
    const bool preview = mode == ParseMode::Preview;
    const bool creating = base.id == 0 && !preview;
    Document start = base;
    nlohmann::json body = nlohmann::json::object();
    if (creating) body["type"] = form.type;
    if (!form.client_id.empty()) {
        auto id = parse_id(form.client_id);
        body["client_id"] = id ? nlohmann::json(*id) : nlohmann::json(form.client_id);
    }
    for (auto [key, value] : {std::pair{"title", &form.title}, std::pair{"issue_date", &form.issue_date},
                              std::pair{"validity_date", &form.validity_date}, std::pair{"due_date", &form.due_date},
                              std::pair{"payment_terms", &form.payment_terms},
                              std::pair{"payment_method", &form.payment_method},
                              std::pair{"customer_reference", &form.customer_reference},
                              std::pair{"operation", &form.operation}, std::pair{"notes", &form.notes}})
        body[key] = trim(*value);
    body["notes"] = form.notes;  // several lines: kept as typed
    body["discount_percent"] = blank(form.discount_percent) ? "0" : form.discount_percent;
    body["retention_percent"] = blank(form.retention_percent) ? "0" : form.retention_percent;

    nlohmann::json lines = nlohmann::json::array();
    for (std::size_t i = 0; i < form.lines.size(); ++i) {
        const LineForm& lf = form.lines[i];
        nlohmann::json l = {{"kind", lf.kind}, {"reference", trim(lf.reference)}, {"description", lf.description}};
        if (auto id = parse_id(lf.catalog_item_id)) l["catalog_item_id"] = *id;
        const bool item = lf.kind == "item";
        // While typing, a line not yet described still counts in the totals.
        if (preview && blank(lf.description) && lf.kind != "subtotal") l["description"] = "…";
        if (item) {
            l["unit"] = trim(lf.unit);
            for (auto [key, value, fr, en] :
                 {std::tuple{"quantity", &lf.quantity, "indiquez la quantité.", "give the quantity."},
                  std::tuple{"unit_price", &lf.unit_price, "indiquez le prix unitaire HT (0 pour une ligne offerte).",
                             "give the unit price excluding VAT (0 for a free line)."}}) {
                if (!blank(*value)) l[key] = trim(*value);
                else if (preview) l[key] = "0";
                else {
                    l[key] = "0";
                    out.issues.push_back(line_issue(i, key, fr, en));
                }
            }
            if (!blank(lf.discount_percent)) l["discount_percent"] = trim(lf.discount_percent);
            if (auto vat = vat_from_value(lf.vat)) {
                l["vat_rate"] = vat->percent.to_string();
                l["vat_category"] = std::string(to_code(vat->category));
                l["vat_exemption"] = std::string(to_code(vat->exemption));
            } else {
                out.issues.push_back(line_issue(i, "vat", "choisissez un taux de TVA de la liste.",
                                                "choose a VAT rate from the list."));
            }
            if (with_costs && !blank(lf.unit_cost)) l["unit_cost"] = trim(lf.unit_cost);
        }
        lines.push_back(std::move(l));
    }
    body["lines"] = std::move(lines);
    if (preview) start.type = parse_document_type(form.type).value_or(base.type);

    auto parsed = document_from_json(body, start, creating);
    if (!parsed) {
        const auto& issues = parsed.error().fields;
        out.issues.insert(out.issues.end(), issues.begin(), issues.end());
        // Read again without what was wrong, as an edit (a missing client is not a reason to show
        // nothing): what remains still computes, so every other problem is found in the same round.
        drop_named(body, issues, mode);
        body.erase("type");
        start.type = parse_document_type(form.type).value_or(base.type);
        parsed = document_from_json(body, start, false);
    }
    out.document = parsed ? std::move(*parsed) : start;
    // Give back what the form does not carry, from the stored line each line came from.
    if (base.id != 0) {
        for (std::size_t i = 0; i < out.document.lines.size() && i < form.lines.size(); ++i) {
            auto orig = parse_id(form.lines[i].orig);
            if (!orig || *orig >= static_cast<std::int64_t>(base.lines.size())) continue;
            const Line& stored = base.lines[*orig];
            out.document.lines[i].progress_percent = stored.progress_percent;
            if (!with_costs && out.document.lines[i].line.kind == LineKind::Item)
                out.document.lines[i].line.unit_cost = stored.line.unit_cost;
        }
    }
    return out;
}

LineFocus apply_line_op(DocumentForm& form, const std::string& op, const http::RequestBase& req, bool with_costs,
                        const std::string& locale) {
    const int n = static_cast<int>(form.lines.size());
    auto index_of = [&](std::size_t prefix) -> int {
        auto id = parse_id(op.substr(prefix));
        return id && *id < n ? static_cast<int>(*id) : -1;
    };
    if (op.starts_with("add:") && n < kMaxLines) {
        LineForm l;
        l.kind = op.substr(4);
        if (l.kind != "section" && l.kind != "text" && l.kind != "subtotal") l.kind = "item";
        if (l.kind == "item") l.quantity = "1";
        form.lines.push_back(std::move(l));
        return {n, "description"};
    }
    if (op.starts_with("up:")) {
        int i = index_of(3);
        if (i <= 0) return {i, "up"};
        std::swap(form.lines[i], form.lines[i - 1]);
        return {i - 1, i - 1 == 0 ? "down" : "up"};
    }
    if (op.starts_with("down:")) {
        int i = index_of(5);
        if (i < 0 || i + 1 >= n) return {i, "down"};
        std::swap(form.lines[i], form.lines[i + 1]);
        return {i + 1, i + 2 == n ? "up" : "down"};
    }
    if (op.starts_with("remove:")) {
        int i = index_of(7);
        if (i < 0) return {};
        form.lines.erase(form.lines.begin() + i);
        if (form.lines.empty()) return {-1, "add"};
        return {std::min(i, n - 2), "description"};
    }
    if (op == "pick" && n < kMaxLines) {
        LineForm l;
        l.reference = req.param("pick_reference");
        l.catalog_item_id = parse_id(req.param("pick_id")) ? req.param("pick_id") : "";
        l.description = req.param("pick_label");
        l.quantity = "1";
        l.unit = req.param("pick_unit");
        if (auto price = Decimal::parse(req.param("pick_unit_price"), "unit_price")) l.unit_price = decimal_input(locale, *price, 2);
        VatRate vat = standard_rate(Decimal::from_int(20));
        auto exemption = parse_vat_exemption(req.param("pick_vat_exemption"));
        auto category = parse_vat_category(req.param("pick_vat_category"));
        if (exemption && *exemption != VatExemption::None) vat = exempt_rate(*exemption);
        else if (category && *category == VatCategory::ZeroRated) vat = zero_rated();
        else if (auto r = Decimal::parse(req.param("pick_vat_rate"), "vat")) vat = standard_rate(*r);
        l.vat = vat_value(vat);
        if (with_costs)
            if (auto cost = Decimal::parse(req.param("pick_cost_price"), "unit_cost")) l.unit_cost = decimal_input(locale, *cost, 2);
        form.lines.push_back(std::move(l));
        return {n, "quantity"};
    }
    return {};
}

}  // namespace comptoir::sales::pages
