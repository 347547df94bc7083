// GET /catalog/picker?q=...&limit=...: the item picker of the document editor, an HTML fragment.
//
// What it returns (for the editor that loads it with hx-get into a container of its own):
//  * a table of at most `limit` (default 10, at most 50) ACTIVE items matching `q` as the catalog
//    list does (reference prefix, or words of the label and reference, accents and case ignored),
//    in reference order; an empty `q` lists the first items;
//  * in each row a <button type="button" data-catalog-item="ID"> carrying what a document line
//    needs as data attributes: data-reference, data-label, data-unit, data-kind ("goods" or
//    "service"), data-unit-price, data-vat-category ("S", "E"…), data-vat-rate, data-vat-exemption
//    (the exemption code, "" when none), all decimals in canonical form ("12.5"); and
//    data-cost-price (canonical, "" when unknown) only for roles that may see cost prices: for the
//    accountant and read-only roles the attribute is absent. The editor reacts to the button's click
//    (or fetches the full item with GET /api/v1/catalog/items/ID);
//  * when nothing matches, a short message in a <p class="picker-empty">, never an error status.
// Bad parameters are not errors either: a limit that is not a number between 1 and 50 is the default.
#include "modules/catalog/http/page_support.hpp"
#include "modules/catalog/http/pages_internal.hpp"

namespace comptoir::catalog::pages {

void register_picker(http::WebServer& web, CatalogService& service) {
    web.page(http::Method::Get, "/catalog/picker", [&service](http::PageContext& ctx) {
        int limit = 10;
        if (auto n = parse_id(ctx.param("limit")); n && *n >= 1 && *n <= kMaxPickerItems) limit = static_cast<int>(*n);
        std::string q = ctx.param("q");
        if (q.size() > 200) q.resize(200);
        auto picked = service.pick(ctx.actor(), q, limit);
        if (!picked) return ctx.render_fragment("catalog/_picker", {{"has_items", false}, {"items", json::array()}, {"q", opt(q)}});
        const auto& loc = ctx.locale();
        json items = json::array();
        for (const auto& p : *picked) {
            items.push_back({{"id", std::to_string(p.id)},
                             {"reference", p.reference},
                             {"label", p.label},
                             {"unit", p.unit},
                             {"kind", std::string(to_code(p.kind))},
                             {"unit_price", p.unit_price.to_string()},
                             {"price", display_price(p.unit_price, loc)},
                             {"vat", vat_cell(ctx, p.vat)},
                             {"vat_category", std::string(sales::to_code(p.vat.category))},
                             {"vat_rate", p.vat.percent.to_string()},
                             {"vat_exemption", std::string(sales::to_code(p.vat.exemption))},
                             {"cost_visible", p.cost_visible},
                             {"cost_price", p.cost_price ? p.cost_price->to_string() : std::string()}});
        }
        ctx.set_response_header("Cache-Control", "no-store");
        ctx.render_fragment("catalog/_picker", {{"has_items", !items.empty()}, {"items", items}, {"q", opt(q)}});
    });
}

}  // namespace comptoir::catalog::pages
