#include "modules/catalog/model/item_json.hpp"

#include <set>

#include "modules/catalog/model/item_validation.hpp"

namespace comptoir::catalog {
namespace {

using nlohmann::json;

json decimal_json(const std::optional<Decimal>& d) { return d ? json(d->to_string()) : json(nullptr); }

// Collects type errors while reading fields, so one response names every wrong field.
struct Reader {
    std::vector<FieldIssue> issues;

    void type_error(const std::string& field, const char* expected_fr, const char* expected_en) {
        issues.push_back({field, "type", std::string("Ce champ doit être ") + expected_fr + ".",
                          std::string("This field must be ") + expected_en + "."});
    }
    void unknown_keys(const json& body, const std::set<std::string>& known, const std::string& prefix) {
        for (auto it = body.begin(); it != body.end(); ++it)
            if (!known.contains(it.key()))
                issues.push_back({prefix + it.key(), "unknown_field", "Champ inconnu.", "Unknown field."});
    }
    void text(const json& body, const char* key, std::string& out) {
        if (!body.contains(key)) return;
        const auto& v = body.at(key);
        if (v.is_null()) out.clear();
        else if (v.is_string()) out = v.get<std::string>();
        else type_error(key, "une chaîne de caractères", "a string");
    }
    // A decimal as a string or an integer; the text is parsed by Decimal::parse (issues name `field`).
    std::optional<std::string> decimal_text(const json& v, const std::string& field) {
        if (v.is_string()) return v.get<std::string>();
        if (v.is_number_integer()) return v.dump();
        type_error(field, "un nombre décimal écrit en chaîne, par exemple \"12.50\"",
                   "a decimal number written as a string, for example \"12.50\"");
        return std::nullopt;
    }
    void decimal(const json& v, const std::string& field, Decimal& out) {
        auto text = decimal_text(v, field);
        if (!text) return;
        if (auto d = Decimal::parse(*text, field)) out = *d;
        else issues.insert(issues.end(), d.error().fields.begin(), d.error().fields.end());
    }
};

}  // namespace

json vat_json(const sales::VatRate& vat) {
    auto exemption = sales::to_code(vat.exemption);
    return {{"category", std::string(sales::to_code(vat.category))},
            {"rate", vat.percent.to_string()},
            {"exemption", exemption.empty() ? json(nullptr) : json(std::string(exemption))}};
}

json to_json(const CatalogItem& i) {
    json j = {{"id", i.id},
              {"reference", i.reference},
              {"label", i.label},
              {"description", i.description},
              {"unit", i.unit},
              {"kind", std::string(to_code(i.kind))},
              {"unit_price", i.unit_price.to_string()},
              {"vat", vat_json(i.vat)},
              {"category", i.category},
              {"active", i.active},
              {"created_at", i.created_at},
              {"created_by", i.created_by},
              {"updated_at", i.updated_at},
              {"updated_by", i.updated_by}};
    if (i.cost_visible) j["cost_price"] = decimal_json(i.cost_price);
    return j;
}

json audit_snapshot(const CatalogItem& i) {
    auto exemption = sales::to_code(i.vat.exemption);
    return {{"reference", i.reference},
            {"label", i.label},
            {"description", i.description},
            {"unit", i.unit},
            {"kind", std::string(to_code(i.kind))},
            {"unit_price", i.unit_price.to_string()},
            {"cost_price", decimal_json(i.cost_price)},
            {"vat.category", std::string(sales::to_code(i.vat.category))},
            {"vat.rate", i.vat.percent.to_string()},
            {"vat.exemption", std::string(exemption)},
            {"category", i.category}};
}

Result<CatalogItem> item_from_json(const json& body, CatalogItem item) {
    static const std::set<std::string> known{
        "reference", "label", "description", "unit", "kind", "unit_price", "cost_price", "vat", "category",
        // read-only fields a client may send back unchanged
        "id", "active", "created_at", "created_by", "updated_at", "updated_by"};
    Reader r;
    r.unknown_keys(body, known, "");
    r.text(body, "reference", item.reference);
    r.text(body, "label", item.label);
    r.text(body, "description", item.description);
    r.text(body, "unit", item.unit);
    r.text(body, "category", item.category);
    if (body.contains("kind")) {
        const auto& v = body.at("kind");
        if (!v.is_string()) r.type_error("kind", "une chaîne de caractères", "a string");
        else if (auto kind = parse_item_kind(v.get<std::string>())) item.kind = *kind;
        else r.issues.push_back(with_field(kind.error(), "kind"));
    }
    if (body.contains("unit_price")) r.decimal(body.at("unit_price"), "unit_price", item.unit_price);
    if (body.contains("cost_price")) {
        const auto& v = body.at("cost_price");
        if (v.is_null() || (v.is_string() && v.get<std::string>().find_first_not_of(" ") == std::string::npos)) {
            item.cost_price.reset();
        } else {
            Decimal cost;
            std::size_t before = r.issues.size();
            r.decimal(v, "cost_price", cost);
            if (r.issues.size() == before) item.cost_price = cost;
        }
    }
    if (body.contains("vat")) {
        const auto& v = body.at("vat");
        if (!v.is_object()) {
            r.type_error("vat", "un objet {category, rate, exemption}", "an object {category, rate, exemption}");
        } else {
            r.unknown_keys(v, {"category", "rate", "exemption"}, "vat.");
            VatInput input;
            if (v.contains("category")) {
                if (v["category"].is_string()) input.category = v["category"].get<std::string>();
                else r.type_error("vat.category", "une chaîne de caractères", "a string");
            }
            if (v.contains("rate")) input.rate = r.decimal_text(v["rate"], "vat.rate");
            if (v.contains("exemption")) {
                if (v["exemption"].is_null()) input.exemption = "";
                else if (v["exemption"].is_string()) input.exemption = v["exemption"].get<std::string>();
                else r.type_error("vat.exemption", "une chaîne de caractères ou null", "a string or null");
            }
            auto issues = apply_vat_input(item.vat, input);
            r.issues.insert(r.issues.end(), issues.begin(), issues.end());
        }
    }
    if (!r.issues.empty()) return fail(Error::invalid(r.issues));
    return item;
}

}  // namespace comptoir::catalog
