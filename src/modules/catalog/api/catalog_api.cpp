#include "modules/catalog/api/catalog_api.hpp"

#include <algorithm>

#include "http/api_reply.hpp"
#include "modules/catalog/model/item_json.hpp"
#include "modules/catalog/model/item_validation.hpp"

namespace comptoir::catalog {
namespace {

using http::ApiContext;
using http::invalid_id;
using http::Method;
using http::reply;
using nlohmann::json;

constexpr const char* kItems = "/api/v1/catalog/items";
constexpr const char* kItem = R"(/api/v1/catalog/items/(\d+))";

std::optional<std::int64_t> parse_number(const std::string& s) {
    if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), ::isdigit)) return std::nullopt;
    return std::stoll(s);
}

Result<ItemListQuery> list_query(const ApiContext& ctx) {
    ItemListQuery q;
    std::vector<FieldIssue> issues;
    q.q = ctx.param("q");
    auto active = ctx.param("active");
    if (active == "false" || active == "0") q.active = false;
    else if (!active.empty() && active != "true" && active != "1")
        issues.push_back({"active", "type", "Valeur attendue : true ou false.", "Expected true or false."});
    if (auto kind = ctx.param("kind"); !kind.empty()) {
        if (auto k = parse_item_kind(kind)) q.kind = *k;
        else issues.push_back(with_field(k.error(), "kind"));
    }
    q.category = ctx.param("category");
    if (auto sort = sort_from_code(ctx.param("sort"))) q.sort = *sort;
    else issues.push_back({"sort", "sort.invalid", "Tri inconnu : reference ou label.", "Unknown sort: reference or label."});
    if (auto limit = ctx.param("limit"); !limit.empty()) {
        auto n = parse_number(limit);
        if (!n || *n < 1 || *n > 200)
            issues.push_back({"limit", "limit.range", "La taille de page doit être comprise entre 1 et 200.",
                              "The page size must be between 1 and 200."});
        else q.limit = static_cast<int>(*n);
    }
    q.cursor = ctx.param("cursor");
    if (!issues.empty()) return fail(Error::invalid(issues));
    return q;
}

json item_json(const CatalogItem& item) { return to_json(item); }

}  // namespace

void register_catalog_api(http::WebServer& web, CatalogService& s) {
    web.api(Method::Get, kItems, [&s](ApiContext& ctx) {
        auto query = list_query(ctx);
        if (!query) return ctx.problem(query.error());
        reply(ctx, s.list(ctx.actor(), *query), [](const ItemListPage& page) {
            json data = json::array();
            for (const auto& item : page.items) data.push_back(to_json(item));
            return json{{"data", data}, {"next_cursor", page.next_cursor.empty() ? json(nullptr) : json(page.next_cursor)}};
        });
    });
    web.api(Method::Post, kItems, [&s](ApiContext& ctx) {
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto input = item_from_json(*body, CatalogItem{});
        if (!input) return ctx.problem(input.error());
        if (!body->contains("unit_price")) {
            // A price left out is a mistake, not a free item: say so with every other problem at once.
            if (!can_write_catalog(ctx.actor())) return ctx.problem(Error::forbidden());
            auto issues = normalise_item(*input);
            issues.insert(issues.begin(), {"unit_price", "required", "Le prix de vente unitaire HT est obligatoire.",
                                           "The unit sales price excluding VAT is required."});
            return ctx.problem(Error::invalid(std::move(issues)));
        }
        auto created = s.create(ctx.actor(), std::move(*input));
        if (created) ctx.set_response_header("Location", std::string(kItems) + "/" + std::to_string(created->id));
        reply(ctx, created, item_json, 201);
    });
    web.api(Method::Get, kItem, [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, s.get(ctx.actor(), *id), item_json);
    });
    web.api(Method::Patch, kItem, [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto current = s.get(ctx.actor(), *id);
        if (!current) return ctx.problem(current.error());
        if (!can_write_catalog(ctx.actor())) return ctx.problem(Error::forbidden());
        auto input = item_from_json(*body, *current);
        if (!input) return ctx.problem(input.error());
        reply(ctx, s.update(ctx.actor(), *id, std::move(*input)), item_json);
    });
    for (auto [path, active] : {std::pair{R"(/api/v1/catalog/items/(\d+)/deactivate)", false},
                                std::pair{R"(/api/v1/catalog/items/(\d+)/activate)", true}}) {
        web.api(Method::Post, path, [&s, active = active](ApiContext& ctx) {
            auto id = ctx.path_id();
            if (!id) return ctx.problem(invalid_id());
            reply(ctx, s.set_active(ctx.actor(), *id, active), item_json);
        });
    }
}

}  // namespace comptoir::catalog
