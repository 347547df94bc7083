#include "modules/duplicates/api/duplicate_api.hpp"

#include <httplib.h>

#include "http/api_reply.hpp"
#include "http/json_fields.hpp"

namespace comptoir::duplicates {
namespace {

using http::ApiContext;
using http::invalid_id;
using http::Method;
using http::reply;
using nlohmann::json;

json opt_text(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json member_json(const Member& m) {
    return {{"client_id", m.client_id},   {"display_name", m.display_name}, {"kind", m.kind},
            {"siret", opt_text(m.siret)}, {"email", opt_text(m.email)},     {"phone", opt_text(m.phone)},
            {"postal_code", opt_text(m.postal_code)}, {"city", opt_text(m.city)}, {"created_at", m.created_at},
            {"archived", m.archived}};
}

json group_json(const ReviewGroup& g) {
    json members = json::array();
    for (const auto& m : g.members) members.push_back(member_json(m));
    return {{"id", g.id},
            {"reason", g.reason},
            {"score", g.score},
            {"status", g.status},
            {"evidence", g.evidence},
            {"found_at", g.found_at},
            {"decided_at", opt_text(g.decided_at)},
            {"decided_by", g.decided_by ? json(*g.decided_by) : json(nullptr)},
            {"members", members}};
}

json scan_json(const ScanSummary& s) {
    return {{"id", s.id},
            {"started_at", s.started_at},
            {"finished_at", s.finished_at},
            {"clients", s.clients},
            {"groups_found", s.groups_found},
            {"groups_new", s.groups_new},
            {"groups_open", s.groups_open},
            {"skipped_dismissed", s.skipped_dismissed},
            {"too_large", s.too_large},
            {"duration_ms", s.duration_ms}};
}

json merge_json(const MergeRecord& m) {
    json moved = json::object();
    for (const auto& mv : m.moved) {
        auto& n = moved[mv.table];
        n = (n.is_number() ? n.get<std::int64_t>() : 0) + (mv.whole ? 1 : static_cast<std::int64_t>(mv.ids.size()));
    }
    return {{"id", m.id},
            {"group_id", m.group_id},
            {"survivor_id", m.survivor_id},
            {"survivor_name", m.survivor_name},
            {"absorbed", m.absorbed},
            {"fields", m.choices},
            {"moved", moved},
            {"status", m.status},
            {"merged_at", m.merged_at},
            {"merged_by", m.merged_by},
            {"undone_at", opt_text(m.undone_at)},
            {"undone_by", m.undone_by ? json(*m.undone_by) : json(nullptr)}};
}

// {survivor_id, fields: {field: member id}}: types and unknown keys checked here, the rest (a field
// that does not exist, a member outside the group) by the service.
Result<std::pair<std::int64_t, std::map<std::string, std::int64_t>>> merge_request(const json& body) {
    std::vector<FieldIssue> issues;
    http::unknown_keys(issues, body, {"survivor_id", "fields"}, "");
    std::int64_t survivor = 0;
    std::map<std::string, std::int64_t> fields;
    if (!body.contains("survivor_id") || body["survivor_id"].is_null())
        issues.push_back({"survivor_id", "required", "Choisissez le client conservé.", "Choose the surviving client."});
    else if (!body["survivor_id"].is_number_integer())
        http::type_error(issues, "survivor_id", "un identifiant numérique", "a numeric id");
    else survivor = body["survivor_id"].get<std::int64_t>();
    if (body.contains("fields") && !body["fields"].is_null()) {
        if (!body["fields"].is_object()) http::type_error(issues, "fields", "un objet {champ: client}", "an object {field: client}");
        else
            for (auto it = body["fields"].begin(); it != body["fields"].end(); ++it) {
                if (it.value().is_number_integer()) fields[it.key()] = it.value().get<std::int64_t>();
                else http::type_error(issues, "fields." + it.key(), "un identifiant de client", "a client id");
            }
    }
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    return std::make_pair(survivor, std::move(fields));
}

}  // namespace

void register_duplicate_api(http::WebServer& web, DuplicateService& s) {
    web.api(Method::Post, "/api/v1/duplicates/scan", [&s](ApiContext& ctx) {
        reply(ctx, s.scan(ctx.actor()), scan_json);
    });
    web.api(Method::Get, "/api/v1/duplicates", [&s](ApiContext& ctx) {
        int limit = 25;
        if (auto l = ctx.param("limit"); !l.empty()) {
            if (l.size() > 4 || l.find_first_not_of("0123456789") != std::string::npos)
                return ctx.problem(Error::invalid_field("limit", "limit.range",
                                                        "La taille de page doit être comprise entre 1 et 100.",
                                                        "The page size must be between 1 and 100."));
            limit = std::stoi(l);
        }
        auto last = s.last_scan(ctx.actor());
        if (!last) return ctx.problem(last.error());
        reply(ctx, s.list(ctx.actor(), ctx.param("status"), ctx.param("cursor"), limit), [&](const ReviewPage& page) {
            json data = json::array();
            for (const auto& g : page.items) data.push_back(group_json(g));
            return json{{"data", data},
                        {"next_cursor", page.next_cursor ? json(*page.next_cursor) : json(nullptr)},
                        {"last_scan", *last ? scan_json(**last) : json(nullptr)}};
        });
    });
    web.api(Method::Get, R"(/api/v1/duplicates/(\d+))", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, s.get(ctx.actor(), *id), group_json);
    });
    web.api(Method::Post, R"(/api/v1/duplicates/(\d+)/dismiss)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, s.dismiss(ctx.actor(), *id), group_json);
    });
    web.api(Method::Post, R"(/api/v1/duplicates/(\d+)/merge)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto request = merge_request(*body);
        if (!request) return ctx.problem(request.error());
        reply(ctx, s.merge(ctx.actor(), *id, request->first, request->second), merge_json, 201);
    });
    web.api(Method::Get, R"(/api/v1/duplicate-merges/(\d+))", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, s.get_merge(ctx.actor(), *id), merge_json);
    });
    web.api(Method::Post, R"(/api/v1/duplicate-merges/(\d+)/undo)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, s.undo_merge(ctx.actor(), *id), merge_json);
    });
}

}  // namespace comptoir::duplicates
