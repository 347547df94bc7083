// GET /clients: the list, with search as you type. An htmx request aimed at the results (the search
// box, the filters, the sort links, the pagination) gets only the results partial.

#include <httplib.h>

#include "core/clock.hpp"
#include "core/contact/phone.hpp"
#include "core/legal/siren.hpp"
#include "modules/crm/http/page_support.hpp"
#include "modules/crm/http/pages_internal.hpp"

namespace comptoir::crm::pages {
namespace {

constexpr int kPageSize = 25;
constexpr std::size_t kMaxQueryLength = 200;

struct ListParams {
    std::string q, status, category, assigned, sort = "name", cursor;
    bool archived = false;

    std::vector<std::pair<std::string, std::string>> base() const {
        return {{"q", q}, {"status", status}, {"category", category}, {"assigned", assigned}, {"archived", archived ? "1" : ""}};
    }
    std::string url(const std::string& sort_code, const std::string& cursor_value = "") const {
        auto p = base();
        if (sort_code != "name") p.emplace_back("sort", sort_code);
        p.emplace_back("cursor", cursor_value);
        return "/clients" + query_string(p);
    }
};

// Numbers keep their groups on one line in the table: "06 12 34 56 78" with no-break spaces.
std::string nowrap(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == ' ') out += "\xC2\xA0";
        else out.push_back(c);
    }
    return out;
}

// "732 829 320 00074": the SIREN stays on one line, the NIC may go to the next.
std::string siret_cell(const std::string& siret) {
    std::string shown = format_siret(siret);
    if (shown.size() == 17) return nowrap(shown.substr(0, 11)) + " " + shown.substr(12);
    return shown;
}

std::string date_only(const std::string& iso, const std::string& locale) {
    if (iso.empty()) return "";
    auto dt = display_datetime(iso, locale);
    auto space = dt.find(' ');
    return space == std::string::npos ? dt : dt.substr(0, space);
}

json sort_link(const ListParams& p, const std::string& asc, const std::string& desc) {
    // A column sorts ascending first; clicking the sorted column flips it (when it can be flipped).
    bool is_asc = p.sort == asc, is_desc = !desc.empty() && p.sort == desc;
    std::string next = is_asc && !desc.empty() ? desc : asc;
    if (asc == "-created") {  // newest first is the natural first click on a date
        is_desc = p.sort == "-created";
        is_asc = p.sort == "created";
        next = is_desc ? "created" : "-created";
    }
    return {{"href", p.url(next)},
            {"css", is_asc ? json("is-sorted-asc") : is_desc ? json("is-sorted-desc") : json(nullptr)},
            {"aria_sort", is_asc ? json("ascending") : is_desc ? json("descending") : json(nullptr)}};
}

}  // namespace

void register_list_page(http::WebServer& web, ClientService& service) {
    web.page(http::Method::Get, "/clients", [&service](http::PageContext& ctx) {
        const auto& loc = ctx.locale();
        ListParams p;
        std::vector<std::string> problems;
        ClientListQuery query;
        query.limit = kPageSize;

        p.q = ctx.param("q");
        if (p.q.size() > kMaxQueryLength) p.q.resize(kMaxQueryLength);
        query.q = p.q;
        std::string status = ctx.param("status");
        if (status == "prospect" || status == "client" || status == "former_client") {
            p.status = query.status = status;
        } else if (!status.empty()) {
            problems.push_back(tr(ctx, "list.bad_status"));
        }
        if (std::string cat = ctx.param("category"); !cat.empty()) {
            if (auto id = parse_id(cat)) {
                query.category_id = *id;
                p.category = cat;
            } else {
                problems.push_back(tr(ctx, "list.bad_category"));
            }
        }
        if (std::string assigned = ctx.param("assigned"); !assigned.empty()) {
            if (auto id = parse_id(assigned)) {
                query.assigned_user_id = *id;
                p.assigned = assigned;
            } else {
                problems.push_back(tr(ctx, "list.bad_assigned"));
            }
        }
        p.archived = query.archived = ctx.param("archived") == "1";
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

        json items = json::array();
        for (const auto& it : page->items) {
            items.push_back({{"url", "/clients/" + std::to_string(it.id)},
                             {"display_name", it.display_name},
                             {"trade_name", it.trade_name == it.display_name ? json(nullptr) : opt(it.trade_name)},
                             {"kind_label", kind_label(ctx, it.kind)},
                             {"status_label", status_label(ctx, it.status)},
                             {"status_class", status_badge_class(it.status)},
                             {"siret", it.siret.empty() ? "" : siret_cell(it.siret)},
                             {"email", it.email},
                             {"phone", it.phone.empty() ? "" : nowrap(format_phone(it.phone))},
                             {"city", it.city},
                             {"assigned", it.assigned_user_name},
                             {"created", date_only(it.created_at, loc)},
                             {"created_iso", opt(it.created_at)},
                             {"archived", it.archived}});
        }
        bool filtered = !p.q.empty() || !p.status.empty() || !p.category.empty() || !p.assigned.empty();
        std::string alert;
        for (const auto& problem : problems) alert += (alert.empty() ? "" : " · ") + problem;
        std::size_t n = items.size();
        json results = {
            {"alert", opt(alert)},
            {"sort", p.sort},
            {"has_items", n > 0},
            {"items", items},
            {"count_text", std::to_string(n) + " " + tr(ctx, n == 1 ? "list.shown_one" : "list.shown_many")},
            {"sort_name", sort_link(p, "name", "-name")},
            {"sort_city", sort_link(p, "city", "")},
            {"sort_created", sort_link(p, "-created", "created")},
            {"next_url", page->next_cursor.empty() ? json(nullptr) : json(p.url(p.sort, page->next_cursor))},
            {"first_url", p.cursor.empty() ? json(nullptr) : json(p.url(p.sort))},
            {"has_pages", !page->next_cursor.empty() || !p.cursor.empty()},
            {"empty_first", n == 0 && !filtered && !p.archived && p.cursor.empty()},
            {"empty_archived", n == 0 && !filtered && p.archived},
            {"empty_search", n == 0 && (filtered || (!p.archived && !p.cursor.empty()))},
            {"can_write", can_write_clients(ctx.actor())},
            {"export", nullptr}};
        if (ctx.actor().is_admin()) {
            // Export exactly this list: the same search, filters and order (every page of it).
            auto params = p.base();
            if (p.sort != "name") params.emplace_back("sort", p.sort);
            auto with_format = [&](const std::string& format) {
                auto q = params;
                q.emplace_back("format", format);
                return "/clients/export" + query_string(q);
            };
            results["export"] = {{"csv", with_format("csv")}, {"xlsx", with_format("xlsx")}};
        }

        // The same URL serves the page and the fragment: caches must keep them apart.
        ctx.response().set_header("Vary", "HX-Request");
        std::string target = ctx.header("HX-Target");
        bool fragment = ctx.is_htmx() && ctx.header("HX-History-Restore-Request") != "true" &&
                        (target.empty() || target == "client-results");
        if (fragment) return ctx.render_fragment("crm/_client_results", results);

        json category_options = json::array();
        if (auto cats = service.categories(ctx.actor()))
            for (const auto& c : *cats)
                category_options.push_back({{"value", std::to_string(c.id)}, {"label", c.name}, {"selected", std::to_string(c.id) == p.category}});
        json member_options = json::array();
        if (auto users = service.assignable_users(ctx.actor()))
            for (const auto& u : *users)
                member_options.push_back({{"value", std::to_string(u.id)}, {"label", u.name}, {"selected", std::to_string(u.id) == p.assigned}});
        json data = {{"q", p.q},
                     {"archived", p.archived},
                     {"status_options", status_options(ctx, p.status)},
                     {"category_options", category_options},
                     {"has_categories", !category_options.empty()},
                     {"member_options", member_options},
                     {"can_write", can_write_clients(ctx.actor())},
                     {"results", results}};
        ctx.render_page("crm/clients_list", data, tr(ctx, "list.title"), "clients", problems.empty() ? 200 : 400);
    });
}

}  // namespace comptoir::crm::pages
