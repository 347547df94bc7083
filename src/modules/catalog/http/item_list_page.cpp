// GET /catalog: the list, with search as you type and filters. An htmx request aimed at the results
// (the search box, the filters, the sort links, the pagination) gets only the results partial.
#include "modules/catalog/http/page_support.hpp"
#include "modules/catalog/http/pages_internal.hpp"

namespace comptoir::catalog::pages {
namespace {

constexpr int kPageSize = 25;
constexpr std::size_t kMaxQueryLength = 200;

struct ListParams {
    std::string q, kind, category, sort = "reference", cursor;
    bool inactive = false;

    std::string url(const std::string& sort_code, const std::string& cursor_value = "") const {
        std::vector<std::pair<std::string, std::string>> p{
            {"q", q}, {"active", inactive ? "0" : ""}, {"kind", kind}, {"category", category}};
        if (sort_code != "reference") p.emplace_back("sort", sort_code);
        p.emplace_back("cursor", cursor_value);
        return "/catalog" + query_string(p);
    }
};

json sort_link(const ListParams& p, const std::string& code) {
    bool sorted = p.sort == code;
    return {{"href", p.url(code)},
            {"css", sorted ? json("is-sorted-asc") : json(nullptr)},
            {"aria_sort", sorted ? json("ascending") : json(nullptr)}};
}

json row_view(const http::PageContext& ctx, const CatalogItem& it) {
    const auto& loc = ctx.locale();
    json cost = nullptr, margin = nullptr;
    if (it.cost_visible && it.cost_price) {
        cost = display_price(*it.cost_price, loc);
        if (auto m = unit_margin(it.unit_price, *it.cost_price); m && m->markup_rate)
            margin = display_percent(*m->markup_rate, loc, 2);
    }
    return {{"url", "/catalog/" + std::to_string(it.id)},
            {"reference", it.reference},
            {"label", it.label},
            {"details", kind_label(ctx, it.kind) + (it.category.empty() ? "" : " · " + it.category)},
            {"unit", it.unit},
            {"price", display_price(it.unit_price, loc)},
            {"vat", vat_cell(ctx, it.vat)},
            {"cost", cost},
            {"margin", margin},
            {"inactive", !it.active}};
}

}  // namespace

void register_list_page(http::WebServer& web, CatalogService& service) {
    web.page(http::Method::Get, "/catalog", [&service](http::PageContext& ctx) {
        ListParams p;
        std::vector<std::string> problems;
        ItemListQuery query;
        query.limit = kPageSize;

        p.q = ctx.param("q");
        if (p.q.size() > kMaxQueryLength) p.q.resize(kMaxQueryLength);
        query.q = p.q;
        std::string active = ctx.param("active");
        if (active == "0") p.inactive = true, query.active = false;
        else if (!active.empty() && active != "1") problems.push_back(tr(ctx, "list.bad_active"));
        if (std::string kind = ctx.param("kind"); !kind.empty()) {
            if (auto k = parse_item_kind(kind)) {
                query.kind = *k;
                p.kind = std::string(to_code(*k));
            } else {
                problems.push_back(tr(ctx, "list.bad_kind"));
            }
        }
        p.category = query.category = ctx.param("category");
        if (auto sort = sort_from_code(ctx.param("sort"))) {
            query.sort = *sort;
            p.sort = to_code(*sort);
        } else {
            problems.push_back(tr(ctx, "list.bad_sort"));
        }
        p.cursor = query.cursor = ctx.param("cursor");

        auto page = service.list(ctx.actor(), query);
        if (!page && page.error().kind == ErrorKind::Invalid && !query.cursor.empty()) {
            problems.push_back(tr(ctx, "list.bad_cursor"));
            p.cursor = query.cursor = "";
            page = service.list(ctx.actor(), query);
        }
        if (!page) return ctx.error_page(page.error());

        const bool costs = can_see_costs(ctx.actor());
        json items = json::array();
        for (const auto& it : page->items) items.push_back(row_view(ctx, it));
        const bool filtered = !p.q.empty() || !p.kind.empty() || !p.category.empty();
        std::string alert;
        for (const auto& problem : problems) alert += (alert.empty() ? "" : " · ") + problem;
        const std::size_t n = items.size();
        json results = {
            {"alert", opt(alert)},
            {"has_items", n > 0},
            {"items", items},
            {"show_costs", costs},
            {"count_text", std::to_string(n) + " " + tr(ctx, n == 1 ? "list.shown_one" : "list.shown_many")},
            {"sort_reference", sort_link(p, "reference")},
            {"sort_label", sort_link(p, "label")},
            {"next_url", page->next_cursor.empty() ? json(nullptr) : json(p.url(p.sort, page->next_cursor))},
            {"first_url", p.cursor.empty() ? json(nullptr) : json(p.url(p.sort))},
            {"has_pages", !page->next_cursor.empty() || !p.cursor.empty()},
            {"empty_first", n == 0 && !filtered && !p.inactive && p.cursor.empty()},
            {"empty_inactive", n == 0 && !filtered && p.inactive},
            {"empty_search", n == 0 && (filtered || (!p.inactive && !p.cursor.empty()))},
            {"can_write", can_write_catalog(ctx.actor())}};

        // The same URL serves the page and the fragment: caches must keep them apart.
        ctx.set_response_header("Vary", "HX-Request");
        std::string target = ctx.header("HX-Target");
        bool fragment = ctx.is_htmx() && ctx.header("HX-History-Restore-Request") != "true" &&
                        (target.empty() || target == "catalog-results");
        if (fragment) return ctx.render_fragment("catalog/_item_results", results);

        json category_options = json::array();
        bool category_known = p.category.empty();
        if (auto cats = service.categories(ctx.actor()))
            for (const auto& c : *cats) {
                category_known = category_known || c == p.category;
                category_options.push_back({{"value", c}, {"label", c}, {"selected", c == p.category}});
            }
        // A category typed in the address (or since renamed) stays selected rather than silently dropped.
        if (!category_known) category_options.push_back({{"value", p.category}, {"label", p.category}, {"selected", true}});
        json data = {{"q", p.q},
                     {"sort", p.sort},
                     {"active_options", json::array({{{"value", ""}, {"label", tr(ctx, "list.active_only")}, {"selected", !p.inactive}},
                                                     {{"value", "0"}, {"label", tr(ctx, "list.inactive_only")}, {"selected", p.inactive}}})},
                     {"kind_options", json::array({{{"value", "goods"}, {"label", kind_label(ctx, ItemKind::Goods)}, {"selected", p.kind == "goods"}},
                                                   {{"value", "service"}, {"label", kind_label(ctx, ItemKind::Service)}, {"selected", p.kind == "service"}}})},
                     {"category_options", category_options},
                     {"has_categories", !category_options.empty()},
                     {"can_write", can_write_catalog(ctx.actor())},
                     {"results", results}};
        ctx.render_page("catalog/items_list", data, tr(ctx, "list.title"), "catalog", problems.empty() ? 200 : 400);
    });
}

}  // namespace comptoir::catalog::pages
