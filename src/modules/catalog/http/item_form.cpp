#include "modules/catalog/http/item_form.hpp"

#include <algorithm>

#include "modules/catalog/http/page_support.hpp"
#include "modules/catalog/service/catalog_service.hpp"

namespace comptoir::catalog::pages {
namespace {

constexpr const char* kZeroRated = "zero_rated";  // the exemption select's value for category Z

void take(const http::RequestBase& req, const std::string& name, std::string& target) {
    if (req.has_param(name)) target = req.param(name);
}

std::string message_of(const http::PageContext& ctx, const FieldIssue& issue) {
    return ctx.locale() == "en" ? issue.message_en : issue.message_fr;
}

std::string message_of(const http::PageContext& ctx, const Error& error) {
    return error.fields.empty() ? ctx.message(error) : message_of(ctx, error.fields.front());
}

json vat_rate_options(const http::PageContext& ctx, const std::string& selected) {
    json out = json::array();
    bool found = false;
    for (const auto& rate : sales::french_standard_rates()) {
        std::string value = rate.to_string();
        found = found || value == selected;
        out.push_back({{"value", value}, {"label", display_percent(rate, ctx.locale())}, {"selected", value == selected}});
    }
    // Another positive rate (Corsica, overseas departments), set through the API, stays selectable.
    if (!found && selected != "0" && !selected.empty())
        if (auto rate = Decimal::parse(selected, "vat.rate"))
            out.push_back({{"value", selected}, {"label", display_percent(*rate, ctx.locale())}, {"selected", true}});
    out.push_back({{"value", "0"}, {"label", tr(ctx, "form.vat_rate_zero")}, {"selected", selected == "0"}});
    return out;
}

json vat_exemption_options(const http::PageContext& ctx, const std::string& selected) {
    json out = json::array({{{"value", ""}, {"label", tr(ctx, "form.vat_exemption_choose")}, {"selected", selected.empty()}}});
    for (auto e : sales::kAllVatExemptions) {
        std::string value(sales::to_code(e));
        out.push_back({{"value", value}, {"label", exemption_label(ctx, e)}, {"selected", value == selected}});
    }
    out.push_back({{"value", kZeroRated}, {"label", tr(ctx, "vat.zero_rated_option")}, {"selected", selected == kZeroRated}});
    return out;
}

json suggestions(const std::vector<std::string>& values) {
    json out = json::array();
    for (const auto& v : values) out.push_back({{"value", v}});
    return out;
}

}  // namespace

ItemForm form_from_item(const CatalogItem& item, const std::string& locale) {
    ItemForm f;
    f.item = item;
    f.kind_text = std::string(to_code(item.kind));
    f.unit_price_text = item.id == 0 && item.unit_price.is_zero() ? std::string() : input_decimal(item.unit_price, locale);
    f.cost_price_text = input_decimal(item.cost_price, locale);
    f.vat_rate_text = item.vat.percent.to_string();
    if (item.vat.exemption != sales::VatExemption::None) f.vat_exemption_text = std::string(sales::to_code(item.vat.exemption));
    else if (item.vat.category == sales::VatCategory::ZeroRated) f.vat_exemption_text = kZeroRated;
    return f;
}

ItemForm parse_item_form(const http::PageContext& ctx, CatalogItem base) {
    ItemForm f = form_from_item(base, ctx.locale());
    CatalogItem& item = f.item;
    take(ctx, "reference", item.reference);
    take(ctx, "label", item.label);
    take(ctx, "description", item.description);
    take(ctx, "unit", item.unit);
    take(ctx, "category", item.category);

    take(ctx, "kind", f.kind_text);
    if (auto kind = parse_item_kind(f.kind_text)) item.kind = *kind;
    else f.issues.push_back({"kind", message_of(ctx, kind.error())});

    take(ctx, "unit_price", f.unit_price_text);
    if (auto price = Decimal::parse(f.unit_price_text, "unit_price")) item.unit_price = *price;
    else f.issues.push_back({"unit_price", message_of(ctx, price.error())});

    // The cost price field is shown to the roles that may see costs only; without it, the stored
    // cost is kept.
    if (ctx.has_param("cost_price")) {
        f.cost_price_text = ctx.param("cost_price");
        if (f.cost_price_text.find_first_not_of(" \t") == std::string::npos) item.cost_price.reset();
        else if (auto cost = Decimal::parse(f.cost_price_text, "cost_price")) item.cost_price = *cost;
        else f.issues.push_back({"cost_price", message_of(ctx, cost.error())});
    }

    take(ctx, "vat_rate", f.vat_rate_text);
    take(ctx, "vat_exemption", f.vat_exemption_text);
    auto rate = Decimal::parse(f.vat_rate_text, "vat.rate");
    if (!rate) {
        f.issues.push_back({"vat_rate", message_of(ctx, rate.error())});
    } else if (!rate->is_zero()) {
        item.vat = sales::standard_rate(*rate);  // the exemption select, hidden for a positive rate, is ignored
    } else if (f.vat_exemption_text == kZeroRated) {
        item.vat = sales::zero_rated();
    } else if (f.vat_exemption_text.empty()) {
        item.vat = {sales::VatCategory::Standard, Decimal{}, sales::VatExemption::None};
        f.issues.push_back({"vat_exemption", tr(ctx, "form.vat_exemption_required")});
    } else if (auto exemption = sales::parse_vat_exemption(f.vat_exemption_text)) {
        item.vat = sales::exempt_rate(*exemption);
    } else {
        f.issues.push_back({"vat_exemption", message_of(ctx, exemption.error())});
    }
    return f;
}

std::string item_form_field(const std::string& f) {
    if (f == "vat.rate") return "vat_rate";
    if (f == "vat.exemption" || f == "vat.category" || f == "vat") return "vat_exemption";
    return f;
}

json item_form_view(const http::PageContext& ctx, const ItemForm& form, const ItemFormContext& fc) {
    const CatalogItem& item = form.item;
    auto T = [&](const std::string& key) { return tr(ctx, key); };
    FormFields ff(fc.errors);
    json f = json::object();

    f["reference"] = ff.field("reference", T("fields.reference"), item.reference,
                              {.hint = T("form.reference_hint"), .required = true, .autocomplete = "off", .maxlength = 40,
                               .mono = true});
    f["label"] = ff.field("label", T("fields.label"), item.label, {.hint = T("form.label_hint"), .required = true, .maxlength = 200});
    json kinds = json::array();
    for (auto k : {ItemKind::Goods, ItemKind::Service}) {
        std::string code(to_code(k));
        kinds.push_back({{"id", "f-kind-" + code}, {"value", code}, {"label", kind_label(ctx, k)}, {"checked", item.kind == k}});
    }
    ff.remember("kind", "f-kind-goods", T("fields.kind"));
    f["unit"] = ff.field("unit", T("fields.unit"), item.unit,
                         {.hint = T("form.unit_hint"), .required = true, .autocomplete = "off", .list = "unit-suggestions",
                          .maxlength = 20});
    f["category"] = ff.field("category", T("fields.category"), item.category,
                             {.hint = T("form.category_hint"), .autocomplete = "off", .list = "category-suggestions",
                              .maxlength = 60});
    f["description"] = ff.field("description", T("fields.description"), item.description,
                                {.type = "textarea", .hint = T("form.description_hint"), .rows = 4});
    f["unit_price"] = ff.field("unit_price", T("fields.unit_price"), form.unit_price_text,
                               {.hint = T("form.price_hint"), .required = true, .autocomplete = "off", .inputmode = "decimal",
                                .placeholder = T("form.price_placeholder")});
    const bool costs = can_see_costs(ctx.actor());
    if (costs)
        f["cost_price"] = ff.field("cost_price", T("fields.cost_price"), form.cost_price_text,
                                   {.hint = T("form.cost_hint"), .autocomplete = "off", .inputmode = "decimal"});
    f["vat_rate"] = ff.field("vat_rate", T("fields.vat_rate"), form.vat_rate_text,
                             {.type = "select", .required = true, .options = vat_rate_options(ctx, form.vat_rate_text)});
    f["vat_exemption"] = ff.field("vat_exemption", T("fields.vat_exemption"), form.vat_exemption_text,
                                  {.type = "select", .hint = T("form.vat_exemption_hint"),
                                   .options = vat_exemption_options(ctx, form.vat_exemption_text)});

    json units = json::array();
    for (auto u : kSuggestedUnits) units.push_back({{"value", std::string(u)}});
    std::vector<std::string> categories = fc.categories;
    for (const char* key : {"form.category_example_supplies", "form.category_example_labour"}) {
        std::string example = T(key);
        if (std::find(categories.begin(), categories.end(), example) == categories.end()) categories.push_back(example);
    }
    std::string id = std::to_string(fc.item_id);
    return {{"f", f},
            {"kinds", kinds},
            {"kind_error", ff.error_for("kind")},
            {"show_costs", costs},
            {"units", units},
            {"categories", suggestions(categories)},
            {"create", fc.create},
            {"item_id", fc.create ? json(nullptr) : json(id)},
            {"action", fc.create ? "/catalog" : "/catalog/" + id},
            {"cancel_url", fc.create ? "/catalog" : "/catalog/" + id},
            {"submit_label", T(fc.create ? "form.create" : "form.save")},
            {"has_errors", ff.has_errors()},
            {"summary", ff.summary(ctx.locale())}};
}

}  // namespace comptoir::catalog::pages
