#include "modules/crm/api/list_query.hpp"

#include <algorithm>

namespace comptoir::crm {
namespace {

std::optional<std::int64_t> parse_id(const std::string& s) {
    if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), ::isdigit)) return std::nullopt;
    return std::stoll(s);
}

}  // namespace

Result<ClientListQuery> client_list_query(const http::RequestBase& ctx) {
    ClientListQuery q;
    std::vector<FieldIssue> issues;
    q.q = ctx.param("q");
    q.status = ctx.param("status");
    if (!q.status.empty() && q.status != "prospect" && q.status != "client" && q.status != "former_client")
        issues.push_back({"status", "status.invalid", "Statut inconnu : prospect, client ou former_client.",
                          "Unknown status: prospect, client or former_client."});
    for (const char* key : {"category_id", "assigned_user_id"}) {
        auto v = ctx.param(key);
        if (v.empty()) continue;
        auto id = parse_id(v);
        if (!id) issues.push_back({key, "type", "Identifiant numérique attendu.", "A numeric id is expected."});
        else if (std::string(key) == "category_id") q.category_id = id;
        else q.assigned_user_id = id;
    }
    auto archived = ctx.param("archived");
    if (archived == "true" || archived == "1") q.archived = true;
    else if (!archived.empty() && archived != "false" && archived != "0")
        issues.push_back({"archived", "type", "Valeur attendue : true ou false.", "Expected true or false."});
    auto sort = sort_from_code(ctx.param("sort"));
    if (!sort)
        issues.push_back({"sort", "sort.invalid", "Tri inconnu : name, -name, city, created, -created, -updated.",
                          "Unknown sort: name, -name, city, created, -created, -updated."});
    else q.sort = *sort;
    auto limit = ctx.param("limit");
    if (!limit.empty()) {
        auto n = parse_id(limit);
        if (!n || *n < 1 || *n > 200)
            issues.push_back({"limit", "limit.range", "La taille de page doit être comprise entre 1 et 200.",
                              "The page size must be between 1 and 200."});
        else q.limit = static_cast<int>(*n);
    }
    q.cursor = ctx.param("cursor");
    if (!issues.empty()) return fail(Error::invalid(issues));
    return q;
}


}  // namespace comptoir::crm
