#include "modules/gdpr/api/gdpr_api.hpp"

#include <httplib.h>

#include "http/api_reply.hpp"
#include "http/json_fields.hpp"
#include "modules/gdpr/service/gdpr_service.hpp"

namespace comptoir::gdpr {
namespace {

using http::ApiContext;
using http::invalid_id;
using http::Method;
using http::reply;
using http::type_error;
using http::unknown_keys;
using nlohmann::json;

Error not_object() {
    return Error::invalid_field("", "body.type", "Le corps de la requête doit être un objet JSON.",
                                "The request body must be a JSON object.");
}

void read_string(std::vector<FieldIssue>& issues, const json& body, const char* key, std::string& out) {
    if (!body.contains(key) || body.at(key).is_null()) return;
    if (!body.at(key).is_string()) return type_error(issues, key, "une chaîne de caractères", "a string");
    out = body.at(key).get<std::string>();
}

// {"confirm": true, "reason": "..."}, with `extra` keys allowed for the caller to read.
Result<Confirmation> confirmation_from(const json& body, const std::set<std::string>& extra = {}) {
    if (!body.is_object()) return fail(not_object());
    std::vector<FieldIssue> issues;
    std::set<std::string> known{"confirm", "reason"};
    known.insert(extra.begin(), extra.end());
    unknown_keys(issues, body, known, "");
    Confirmation c;
    if (body.contains("confirm") && !body.at("confirm").is_null()) {
        if (body.at("confirm").is_boolean()) c.confirmed = body.at("confirm").get<bool>();
        else type_error(issues, "confirm", "un booléen (true)", "a boolean (true)");
    }
    read_string(issues, body, "reason", c.reason);
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    return c;
}

std::string format_of(const ApiContext& ctx) { return ctx.param("format").empty() ? "json" : ctx.param("format"); }

void send_file(ApiContext& ctx, const Result<ExportFile>& file) {
    if (!file) return ctx.problem(file.error());
    ctx.set_response_header("Content-Disposition", "attachment; filename=\"" + file->filename + "\"");
    ctx.set_response_header("Cache-Control", "no-store");
    ctx.response().set_content(file->content, file->content_type);
}

json consent_json(const storage::ConsentEvent& e) {
    return {{"id", e.id},
            {"channel", e.channel},
            {"granted", e.granted},
            {"date", e.consent_date.empty() ? json(nullptr) : json(e.consent_date)},
            {"source", e.source},
            {"legal_basis", e.legal_basis},
            {"recorded_at", e.recorded_at},
            {"recorded_by", e.recorded_by ? json{{"id", e.recorded_by}, {"name", e.recorded_by_name}} : json(nullptr)}};
}

json retention_json(const RetentionView& v) {
    json list = json::array();
    for (const auto& p : v.prospects)
        list.push_back({{"client_id", p.id}, {"name", p.name}, {"created_at", p.created_at},
                        {"last_activity", p.last_activity}});
    return {{"years", v.years}, {"cutoff", v.cutoff}, {"prospects", list}};
}

json activity_json(const Activity& a) {
    json j = {{"key", a.key}, {"updated_at", a.updated_at.empty() ? json(nullptr) : json(a.updated_at)}};
    Activity copy = a;
    for (const auto& f : activity_fields()) j[f] = *activity_field(copy, f);
    return j;
}

}  // namespace

void register_gdpr_api(http::WebServer& web, GdprService& s) {
    web.api(Method::Get, R"(/api/v1/clients/(\d+)/personal-data)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        send_file(ctx, s.export_data(ctx.actor(), *id, 0, format_of(ctx)));
    });
    web.api(Method::Get, R"(/api/v1/contacts/(\d+)/personal-data)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        send_file(ctx, s.export_contact(ctx.actor(), *id, format_of(ctx)));
    });
    web.api(Method::Post, R"(/api/v1/clients/(\d+)/rectifications)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        if (!body->is_object()) return ctx.problem(not_object());
        std::vector<FieldIssue> issues;
        unknown_keys(issues, *body, {"reason", "contact_id"}, "");
        std::string reason;
        read_string(issues, *body, "reason", reason);
        std::int64_t contact_id = 0;
        if (body->contains("contact_id") && !body->at("contact_id").is_null()) {
            if (body->at("contact_id").is_number_integer() && body->at("contact_id").get<std::int64_t>() > 0)
                contact_id = body->at("contact_id").get<std::int64_t>();
            else type_error(issues, "contact_id", "un identifiant (entier positif)", "an id (positive integer)");
        }
        if (!issues.empty()) return ctx.problem(Error::invalid(std::move(issues)));
        reply(ctx, s.record_rectification(ctx.actor(), *id, contact_id, reason),
              [&](const std::string& at) {
                  return json{{"client_id", *id},
                              {"contact_id", contact_id ? json(contact_id) : json(nullptr)},
                              {"recorded_at", at},
                              {"edit", contact_id ? "/contacts/" + std::to_string(contact_id) + "/edit"
                                                  : "/clients/" + std::to_string(*id) + "/edit"}};
              },
              201);
    });
    web.api(Method::Post, R"(/api/v1/clients/(\d+)/anonymise)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto confirmation = confirmation_from(*body);
        if (!confirmation) return ctx.problem(confirmation.error());
        reply(ctx, s.anonymise_client(ctx.actor(), *id, *confirmation),
              [&](const std::string& at) { return json{{"client_id", *id}, {"anonymised_at", at}}; });
    });
    web.api(Method::Post, R"(/api/v1/contacts/(\d+)/anonymise)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto confirmation = confirmation_from(*body);
        if (!confirmation) return ctx.problem(confirmation.error());
        reply(ctx, s.anonymise_contact(ctx.actor(), *id, *confirmation),
              [&](std::int64_t client_id) { return json{{"contact_id", *id}, {"client_id", client_id}}; });
    });
    web.api(Method::Get, R"(/api/v1/clients/(\d+)/consents)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, s.consent_history(ctx.actor(), *id), [](const std::vector<storage::ConsentEvent>& events) {
            json list = json::array();
            for (const auto& e : events) list.push_back(consent_json(e));
            return json{{"events", list}};
        });
    });
    web.api(Method::Get, "/api/v1/gdpr/retention",
            [&s](ApiContext& ctx) { reply(ctx, s.retention(ctx.actor()), retention_json); });
    web.api(Method::Put, "/api/v1/gdpr/retention", [&s](ApiContext& ctx) {
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        if (!body->is_object()) return ctx.problem(not_object());
        std::vector<FieldIssue> issues;
        unknown_keys(issues, *body, {"years"}, "");
        int years = 0;
        if (!body->contains("years") || body->at("years").is_null())
            issues.push_back({"years", "required", "Indiquez la durée en années.", "Give the period in years."});
        else if (!body->at("years").is_number_integer())
            type_error(issues, "years", "un nombre entier d'années", "a whole number of years");
        else {
            auto n = body->at("years").get<std::int64_t>();
            years = n < 0 || n > 1000 ? 0 : static_cast<int>(n);
        }
        if (!issues.empty()) return ctx.problem(Error::invalid(std::move(issues)));
        auto set = s.set_retention_years(ctx.actor(), years);
        if (!set) return ctx.problem(set.error());
        reply(ctx, s.retention(ctx.actor()), retention_json);
    });
    web.api(Method::Post, "/api/v1/gdpr/retention/anonymise", [&s](ApiContext& ctx) {
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto confirmation = confirmation_from(*body, {"client_ids"});
        if (!confirmation) return ctx.problem(confirmation.error());
        std::vector<std::int64_t> ids;
        std::vector<FieldIssue> issues;
        if (body->contains("client_ids") && !body->at("client_ids").is_null()) {
            const auto& list = body->at("client_ids");
            if (!list.is_array()) type_error(issues, "client_ids", "une liste d'identifiants", "an array of ids");
            else
                for (std::size_t i = 0; i < list.size(); ++i) {
                    if (list[i].is_number_integer() && list[i].get<std::int64_t>() > 0) ids.push_back(list[i].get<std::int64_t>());
                    else type_error(issues, "client_ids[" + std::to_string(i) + "]", "un identifiant (entier positif)",
                                    "an id (positive integer)");
                }
        }
        if (!issues.empty()) return ctx.problem(Error::invalid(std::move(issues)));
        reply(ctx, s.anonymise_prospects(ctx.actor(), ids, *confirmation),
              [](const std::vector<std::int64_t>& done) { return json{{"anonymised", done}}; });
    });
    web.api(Method::Get, "/api/v1/gdpr/register", [&s](ApiContext& ctx) {
        reply(ctx, s.activities(ctx.actor()), [](const std::vector<Activity>& list) {
            json out = json::array();
            for (const auto& a : list) out.push_back(activity_json(a));
            return json{{"activities", out}};
        });
    });
    web.api(Method::Patch, "/api/v1/gdpr/register", [&s](ApiContext& ctx) {
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        if (!body->is_object()) return ctx.problem(not_object());
        std::vector<FieldIssue> issues;
        std::string key;
        std::map<std::string, std::string> fields;
        for (auto it = body->begin(); it != body->end(); ++it) {
            if (it.key() == "key") {
                if (it.value().is_string()) key = it.value().get<std::string>();
                else type_error(issues, "key", "une chaîne de caractères", "a string");
            } else if (it.value().is_string()) {
                fields[it.key()] = it.value().get<std::string>();
            } else {
                type_error(issues, it.key(), "une chaîne de caractères", "a string");
            }
        }
        if (key.empty() && issues.empty())
            issues.push_back({"key", "required", "Indiquez le traitement (key).", "Give the activity (key)."});
        if (!issues.empty()) return ctx.problem(Error::invalid(std::move(issues)));
        reply(ctx, s.update_activity(ctx.actor(), key, fields), activity_json);
    });
}

}  // namespace comptoir::gdpr
