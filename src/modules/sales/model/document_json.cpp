#include "modules/sales/model/document_json.hpp"

#include <set>

#include "core/clock.hpp"

namespace comptoir::sales {
namespace {

using nlohmann::json;

struct Reader {
    std::vector<FieldIssue> issues;

    void type_error(const std::string& field, const char* expected_fr, const char* expected_en) {
        issues.push_back({field, "type", std::string("Ce champ doit être ") + expected_fr + ".",
                          std::string("This field must be ") + expected_en + "."});
    }
    void unknown_keys(const json& body, const std::set<std::string>& known, const std::string& prefix) {
        for (auto it = body.begin(); it != body.end(); ++it)
            if (!known.contains(it.key()))
                issues.push_back({prefix + it.key(), "unknown", "Ce champ n'existe pas.", "This field does not exist."});
    }
    void text(const json& body, const char* key, std::string& out, const std::string& prefix = "",
              std::size_t max = 2000) {
        if (!body.contains(key)) return;
        const auto& v = body.at(key);
        if (v.is_null()) out.clear();
        else if (!v.is_string()) type_error(prefix + key, "une chaîne de caractères", "a string");
        else if (v.get_ref<const std::string&>().size() > max)
            issues.push_back({prefix + key, "too_long", "Ce texte est trop long (" + std::to_string(max) + " caractères au plus).",
                              "This text is too long (at most " + std::to_string(max) + " characters)."});
        else out = v.get<std::string>();
    }
    void date(const json& body, const char* key, std::string& out) {
        std::string value = out;
        text(body, key, value);
        if (!value.empty() && !valid_iso_date(value)) {
            issues.push_back({key, "date.invalid", "Date invalide : attendu AAAA-MM-JJ.", "Invalid date: expected YYYY-MM-DD."});
            return;
        }
        out = value;
    }
    // A decimal as a string ("12,50", "12.5") or a JSON number; `present` tells whether the key was sent.
    bool decimal(const json& body, const char* key, Decimal& out, const std::string& prefix = "") {
        if (!body.contains(key)) return false;
        const auto& v = body.at(key);
        std::string field = prefix + key, text;
        if (v.is_string()) text = v.get<std::string>();
        else if (v.is_number()) text = v.dump();  // shortest round-trip form: 0.1 stays "0.1"
        else {
            type_error(field, "un nombre", "a number");
            return true;
        }
        auto parsed = Decimal::parse(text, field);
        if (!parsed) issues.insert(issues.end(), parsed.error().fields.begin(), parsed.error().fields.end());
        else out = *parsed;
        return true;
    }
    void id(const json& body, const char* key, std::optional<std::int64_t>& out, const std::string& prefix = "") {
        if (!body.contains(key)) return;
        const auto& v = body.at(key);
        if (v.is_null()) out.reset();
        else if (v.is_number_integer() && v.get<std::int64_t>() > 0) out = v.get<std::int64_t>();
        else type_error(prefix + key, "un identifiant (entier positif)", "an id (positive integer)");
    }
};

void read_line(Reader& r, const json& v, Line& out, const std::string& prefix) {
    if (!v.is_object()) return r.type_error(prefix.substr(0, prefix.size() - 1), "un objet ligne", "a line object");
    r.unknown_keys(v,
                   {"kind", "reference", "catalog_item_id", "description", "quantity", "unit", "unit_price",
                    "discount_percent", "vat_rate", "vat_category", "vat_exemption", "unit_cost"},
                   prefix);
    std::string code = "item";
    r.text(v, "kind", code, prefix);
    if (auto kind = parse_line_kind(code)) out.line.kind = *kind;
    else r.issues.push_back({prefix + "kind", "line_kind.unknown", "Type de ligne inconnu (item, text, section, subtotal).",
                             "Unknown line kind (item, text, section, subtotal)."});
    r.text(v, "reference", out.reference, prefix, 100);
    r.id(v, "catalog_item_id", out.catalog_item_id, prefix);
    r.text(v, "description", out.line.description, prefix, 5000);
    out.line.quantity = Decimal::from_int(1);
    r.decimal(v, "quantity", out.line.quantity, prefix);
    r.text(v, "unit", out.line.unit, prefix, 20);
    r.decimal(v, "unit_price", out.line.unit_price, prefix);
    r.decimal(v, "discount_percent", out.line.discount_percent, prefix);
    out.line.vat = standard_rate(Decimal::from_int(20));
    r.decimal(v, "vat_rate", out.line.vat.percent, prefix);
    std::string category = "S", exemption;
    r.text(v, "vat_category", category, prefix);
    r.text(v, "vat_exemption", exemption, prefix);
    if (auto c = parse_vat_category(category)) out.line.vat.category = *c;
    else r.issues.push_back({prefix + "vat_category", "vat_category.unknown", "Catégorie de TVA inconnue.",
                             "Unknown VAT category."});
    if (auto e = parse_vat_exemption(exemption)) out.line.vat.exemption = *e;
    else r.issues.push_back({prefix + "vat_exemption", "vat_exemption.unknown", "Motif d'exonération inconnu.",
                             "Unknown VAT exemption reason."});
    if (v.contains("unit_cost")) {
        if (v.at("unit_cost").is_null()) out.line.unit_cost.reset();
        else {
            Decimal cost;
            r.decimal(v, "unit_cost", cost, prefix);
            out.line.unit_cost = cost;
        }
    }
}

json decimal_json(const Decimal& d) { return d.to_string(); }

json vat_json(const VatRate& v) {
    return {{"category", std::string(to_code(v.category))},
            {"rate", v.percent.to_string()},
            {"exemption", std::string(to_code(v.exemption))},
            {"mention", std::string(mention_fr(v.exemption))}};
}

json figures_json(const MarginFigures& f) {
    return {{"revenue", money_text(f.revenue)},
            {"cost", money_text(f.cost)},
            {"margin", money_text(f.margin)},
            {"markup_rate", f.markup_rate ? json(f.markup_rate->rounded(2).to_string()) : json(nullptr)},
            {"margin_rate", f.margin_rate ? json(f.margin_rate->rounded(2).to_string()) : json(nullptr)}};
}

}  // namespace

std::string money_text(Money m) { return m.to_string(); }

Result<Document> document_from_json(const json& body, Document d, bool creating) {
    if (!body.is_object())
        return fail(Error::invalid_field("", "body.type", "Le corps de la requête doit être un objet JSON.",
                                         "The request body must be a JSON object."));
    Reader r;
    r.unknown_keys(body,
                   {"type", "client_id", "title", "issue_date", "validity_date", "due_date", "payment_terms",
                    "payment_method", "customer_reference", "operation", "notes", "discount_percent",
                    "retention_percent", "lines"},
                   "");
    if (body.contains("type")) {
        if (!creating) {
            r.issues.push_back({"type", "type.immutable", "Le type d'un document ne change pas : convertissez-le.",
                                "A document's type does not change: convert it instead."});
        } else {
            std::string code;
            r.text(body, "type", code);
            if (auto t = parse_document_type(code)) d.type = *t;
            else r.issues.push_back({"type", "document_type.unknown", "Type de document inconnu.", "Unknown document type."});
        }
    } else if (creating) {
        r.issues.push_back({"type", "required", "Choisissez le type de document.", "Choose the document type."});
    }
    std::optional<std::int64_t> client = d.client_id ? std::optional(d.client_id) : std::nullopt;
    const std::size_t before = r.issues.size();
    r.id(body, "client_id", client);
    if (client) d.client_id = *client;
    else if (r.issues.size() == before && (creating || body.contains("client_id")))
        r.issues.push_back({"client_id", "required", "Choisissez le client.", "Choose the client."});
    r.text(body, "title", d.title, "", 200);
    r.date(body, "issue_date", d.issue_date);
    r.date(body, "validity_date", d.validity_date);
    r.date(body, "due_date", d.due_date);
    r.text(body, "payment_terms", d.payment_terms, "", 40);
    r.text(body, "payment_method", d.payment_method, "", 40);
    r.text(body, "customer_reference", d.customer_reference, "", 100);
    if (body.contains("operation")) {
        std::string code;
        r.text(body, "operation", code);
        if (auto op = parse_operation_category(code)) d.operation = *op;
        else r.issues.push_back({"operation", "operation.unknown", "Catégorie d'opération inconnue (goods, services, mixed).",
                                 "Unknown category of operation (goods, services, mixed)."});
    }
    r.text(body, "notes", d.notes, "", 5000);
    r.decimal(body, "discount_percent", d.discount_percent);
    r.decimal(body, "retention_percent", d.retention_percent);
    if (body.contains("lines")) {
        const auto& lines = body.at("lines");
        if (!lines.is_array()) {
            r.type_error("lines", "une liste de lignes", "an array of lines");
        } else if (lines.size() > 1000) {
            r.issues.push_back({"lines", "lines.too_many", "1000 lignes au plus par document.", "At most 1000 lines per document."});
        } else {
            d.lines.clear();
            for (std::size_t i = 0; i < lines.size(); ++i) {
                Line line;
                read_line(r, lines[i], line, "lines[" + std::to_string(i) + "].");
                d.lines.push_back(std::move(line));
            }
        }
    }
    if (!r.issues.empty()) return fail(Error::invalid(std::move(r.issues)));
    return d;
}

std::string payment_status(const Document& d, const std::string& today) {
    if (!is_legal_invoice(d.type) || d.status == DocumentStatus::Draft) return "";
    if (!d.payment_status.empty()) return d.payment_status;  // from the payments module
    if (d.amount_due.cents() <= 0) return "paid";  // fully covered by deposits
    return !d.due_date.empty() && d.due_date < today ? "overdue" : "unpaid";
}

json summary_json(const Document& d) {
    const auto paid = payment_status(d, today_paris());
    return {{"id", d.id},
            {"payment_status", paid.empty() ? json(nullptr) : json(paid)},
            {"type", std::string(to_code(d.type))},
            {"status", std::string(to_code(d.status))},
            {"number", d.number.empty() ? json(nullptr) : json(d.number)},
            {"client_id", d.client_id},
            {"client_name", d.client_name},
            {"title", d.title},
            {"issue_date", d.issue_date.empty() ? json(nullptr) : json(d.issue_date)},
            {"due_date", d.due_date.empty() ? json(nullptr) : json(d.due_date)},
            {"total_excl_vat", money_text(d.total_excl_vat)},
            {"total_incl_vat", money_text(d.total_incl_vat)},
            {"amount_due", money_text(d.amount_due)},
            {"archived", d.archived},
            {"created_at", d.created_at}};
}

json to_json(const DocumentView& view) {
    const Document& d = view.document;
    json j = summary_json(d);
    j["validity_date"] = d.validity_date.empty() ? json(nullptr) : json(d.validity_date);
    j["payment_terms"] = d.payment_terms;
    j["payment_method"] = d.payment_method;
    j["customer_reference"] = d.customer_reference;
    j["operation"] = std::string(to_code(d.operation));
    j["notes"] = d.notes;
    j["discount_percent"] = decimal_json(d.discount_percent);
    j["retention_percent"] = decimal_json(d.retention_percent);
    j["source_id"] = d.source_id ? json(*d.source_id) : json(nullptr);
    j["corrects_id"] = d.corrects_id ? json(*d.corrects_id) : json(nullptr);
    j["situation_number"] = d.situation_number ? json(d.situation_number) : json(nullptr);
    j["validated_at"] = d.validated_at.empty() ? json(nullptr) : json(d.validated_at);
    j["hash"] = d.hash.empty() ? json(nullptr) : json(d.hash);
    j["updated_at"] = d.updated_at;
    json lines = json::array();
    for (std::size_t i = 0; i < d.lines.size(); ++i) {
        const auto& l = d.lines[i];
        json x = {{"kind", std::string(to_code(l.line.kind))},
                  {"reference", l.reference},
                  {"catalog_item_id", l.catalog_item_id ? json(*l.catalog_item_id) : json(nullptr)},
                  {"description", l.line.description},
                  {"quantity", decimal_json(l.line.quantity)},
                  {"unit", l.line.unit},
                  {"unit_price", decimal_json(l.line.unit_price)},
                  {"discount_percent", decimal_json(l.line.discount_percent)},
                  {"vat", vat_json(l.line.vat)}};
        if (view.margins) x["unit_cost"] = l.line.unit_cost ? decimal_json(*l.line.unit_cost) : json(nullptr);
        if (view.totals && i < view.totals->lines.size()) {
            const auto& a = view.totals->lines[i];
            if (l.line.kind == LineKind::Item) x["net"] = money_text(a.net);
            if (l.line.kind == LineKind::Subtotal) x["subtotal"] = money_text(a.subtotal);
        }
        lines.push_back(std::move(x));
    }
    j["lines"] = std::move(lines);
    if (view.totals) {
        const Totals& t = *view.totals;
        json vat = json::array();
        for (const auto& row : t.vat)
            vat.push_back({{"vat", vat_json(row.vat)},
                           {"lines_net", money_text(row.lines_net)},
                           {"allowance", money_text(row.allowance)},
                           {"basis", money_text(row.basis)},
                           {"amount", money_text(row.vat_amount)}});
        j["totals"] = {{"lines_net", money_text(t.lines_net)},       {"allowances", money_text(t.allowances)},
                       {"total_excl_vat", money_text(t.total_excl_vat)}, {"total_vat", money_text(t.total_vat)},
                       {"total_incl_vat", money_text(t.total_incl_vat)}, {"prepaid", money_text(t.prepaid)},
                       {"amount_due", money_text(t.amount_due)},     {"retention", money_text(t.retention)},
                       {"payable", money_text(t.payable)},           {"vat", vat}};
    } else {
        j["totals"] = nullptr;
    }
    if (view.margins) {
        json per_line = json::array();
        for (const auto& lm : view.margins->lines)
            per_line.push_back({{"line", lm.line_index}, {"figures", lm.figures ? figures_json(*lm.figures) : json(nullptr)}});
        j["margins"] = {{"total", figures_json(view.margins->total)},
                        {"lines", per_line},
                        {"lines_without_cost", view.margins->lines_without_cost}};
    }
    json links = json::array();
    for (const auto& l : view.links)
        links.push_back({{"id", l.id},
                         {"type", std::string(to_code(l.type))},
                         {"status", std::string(to_code(l.status))},
                         {"number", l.number.empty() ? json(nullptr) : json(l.number)},
                         {"relation", l.relation},
                         {"total_incl_vat", money_text(l.total_incl_vat)}});
    j["links"] = std::move(links);
    json next = json::array();
    for (auto s : view.next_statuses) next.push_back(std::string(to_code(s)));
    j["next_statuses"] = std::move(next);
    json conv = json::array();
    for (auto t : view.conversions) conv.push_back(std::string(to_code(t)));
    j["conversions"] = std::move(conv);
    return j;
}

}  // namespace comptoir::sales
