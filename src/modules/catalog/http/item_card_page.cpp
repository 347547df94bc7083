// GET /catalog/{id}: the item card — designation, prices and VAT, cost and margin for the roles that
// may see them, and the history of its changes.
#include <algorithm>

#include "modules/catalog/http/page_support.hpp"
#include "modules/catalog/http/pages_internal.hpp"

namespace comptoir::catalog::pages {
namespace {

using http::Method;
using http::PageContext;

json row(const std::string& label, const std::string& text, bool mono = false) {
    return {{"label", label}, {"text", opt(text)}, {"mono", mono}, {"lines", nullptr}};
}

json lines_row(const std::string& label, const std::string& text) {
    json r = row(label, text);
    if (text.find('\n') != std::string::npos) r["lines"] = text_lines(text);
    return r;
}

json flash_for(const PageContext& ctx, const std::string& saved) {
    if (saved.empty()) return nullptr;
    std::string key = "flash.saved";
    if (saved == "deactivated") key = "flash.deactivated";
    else if (saved == "activated") key = "flash.activated";
    return {{"message", tr(ctx, key)}};
}

// ---- History ----

std::size_t field_rank(const std::string& key) {
    static const std::vector<std::string> order{"reference", "label",     "kind",     "unit",          "category",
                                                "description", "unit_price", "cost_price", "vat.category", "vat.rate",
                                                "vat.exemption"};
    return static_cast<std::size_t>(std::find(order.begin(), order.end(), key) - order.begin());
}

std::string history_label(const PageContext& ctx, const std::string& key) {
    std::string flat = key;
    std::replace(flat.begin(), flat.end(), '.', '_');
    std::string catalog_key = "catalog.history_fields." + flat;
    std::string label = ctx.t(catalog_key);
    return label == catalog_key ? key : label;
}

std::string history_value(const PageContext& ctx, const std::string& key, const json& v) {
    if (v.is_null()) return "";
    if (!v.is_string()) return v.dump();
    const std::string s = v.get<std::string>();
    if (s.empty()) return s;
    if (key == "unit_price" || key == "cost_price")
        if (auto d = Decimal::parse(s, key)) return display_price(*d, ctx.locale());
    if (key == "vat.rate")
        if (auto d = Decimal::parse(s, key)) return display_percent(*d, ctx.locale());
    if (key == "vat.category")
        if (auto c = sales::parse_vat_category(s))
            return std::string(ctx.locale() == "en" ? sales::label_en(*c) : sales::label_fr(*c));
    if (key == "vat.exemption")
        if (auto e = sales::parse_vat_exemption(s)) return exemption_label(ctx, *e);
    if (key == "kind")
        if (auto k = parse_item_kind(s)) return kind_label(ctx, *k);
    return s;
}

json history_view(const PageContext& ctx, const std::vector<audit::Entry>& entries) {
    static const std::vector<std::string> known{"create", "update", "deactivate", "activate"};
    json out = json::array();
    for (const auto& e : entries) {
        const bool is_known = std::find(known.begin(), known.end(), e.action) != known.end();
        std::string who = !e.user_name.empty() ? e.user_name : tr(ctx, "history.unknown_user");
        json changes = json::array();
        if (e.action == "update" && e.changes.is_object()) {
            std::vector<std::string> keys;
            for (auto it = e.changes.begin(); it != e.changes.end(); ++it) keys.push_back(it.key());
            std::stable_sort(keys.begin(), keys.end(),
                             [](const std::string& a, const std::string& b) { return field_rank(a) < field_rank(b); });
            for (const auto& key : keys) {
                const json& change = e.changes[key];
                if (!change.is_object()) continue;
                std::string from = history_value(ctx, key, change.value("from", json()));
                std::string to = history_value(ctx, key, change.value("to", json()));
                if (from == to) continue;
                changes.push_back({{"label", history_label(ctx, key)},
                                   {"from", from.empty() ? tr(ctx, "empty_value") : from},
                                   {"to", to.empty() ? tr(ctx, "empty_value") : to}});
            }
        }
        out.push_back({{"action_label", tr(ctx, "history.actions." + (is_known ? e.action : std::string("other")))},
                       {"who", who},
                       {"when", when(e.at, ctx.locale())},
                       {"at", e.at},
                       {"has_changes", !changes.empty()},
                       {"changes", changes}});
    }
    return out;
}

}  // namespace

void register_card_page(http::WebServer& web, CatalogService& service) {
    web.page(Method::Get, R"(/catalog/(\d+))", [&service](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(Error::not_found("Cet article n'existe pas.", "This item does not exist."));
        auto found = service.get(ctx.actor(), *id);
        if (!found) return ctx.error_page(found.error());
        const CatalogItem& item = *found;
        const auto& loc = ctx.locale();
        auto T = [&](const std::string& key) { return tr(ctx, key); };

        json details = json::array();
        details.push_back(row(T("fields.reference"), item.reference, true));
        details.push_back(row(T("fields.label"), item.label));
        details.push_back(row(T("fields.kind"), kind_label(ctx, item.kind)));
        details.push_back(row(T("fields.unit"), item.unit));
        details.push_back(row(T("fields.category"), item.category));
        details.push_back(lines_row(T("fields.description"), item.description));

        json prices = json::array();
        prices.push_back(row(T("card.unit_price"), display_price(item.unit_price, loc)));
        prices.push_back(row(T("fields.vat"), vat_label(ctx, item.vat)));
        if (item.vat.exemption != sales::VatExemption::None)
            prices.push_back(row(T("card.mention"), std::string(loc == "en" ? sales::mention_en(item.vat.exemption)
                                                                             : sales::mention_fr(item.vat.exemption))));
        if (auto factor = checked_add(Decimal::from_int(100), item.vat.percent))
            if (auto gross = checked_percent(item.unit_price, *factor))
                prices.push_back(row(T("card.price_incl_vat"), display_price(*gross, loc)));
        if (item.cost_visible) {
            prices.push_back(row(T("card.cost_price"), item.cost_price ? display_price(*item.cost_price, loc) : ""));
            if (item.cost_price)
                if (auto m = unit_margin(item.unit_price, *item.cost_price)) {
                    prices.push_back(row(T("card.margin"), display_price(m->amount, loc)));
                    prices.push_back(row(T("card.markup_rate"), m->markup_rate ? display_percent(*m->markup_rate, loc, 2) : ""));
                }
        }

        json history = json::array();
        if (auto entries = service.history(ctx.actor(), *id)) history = history_view(ctx, *entries);
        json data = {{"id", std::to_string(item.id)},
                     {"reference", item.reference},
                     {"label", item.label},
                     {"kind_label", kind_label(ctx, item.kind)},
                     {"inactive", !item.active},
                     {"can_write", can_write_catalog(ctx.actor())},
                     {"flash", flash_for(ctx, ctx.param("saved"))},
                     {"details", {{"rows", details}}},
                     {"prices", {{"rows", prices}}},
                     {"show_costs", item.cost_visible},
                     {"created_when", when(item.created_at, loc)},
                     {"created_by", opt(item.created_by_name)},
                     {"updated_when", item.updated_at == item.created_at ? json(nullptr) : json(when(item.updated_at, loc))},
                     {"updated_by", opt(item.updated_by_name)},
                     {"history", history},
                     {"has_history", !history.empty()}};
        ctx.render_page("catalog/item_card", data, item.reference + " · " + item.label, "catalog");
    });
}

}  // namespace comptoir::catalog::pages
