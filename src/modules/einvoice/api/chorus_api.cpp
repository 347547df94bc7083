// Chorus Pro through the API: public-sector data of a client, the company's connection settings
// (secrets write-only), deposits of an issued invoice and their state.
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "http/api_reply.hpp"
#include "modules/einvoice/api/einvoice_api.hpp"
#include "modules/einvoice/service/chorus_service.hpp"

namespace comptoir::einvoice {
namespace {

using http::ApiContext;
using http::Method;
using nlohmann::json;

json public_json(const PublicClient& p) {
    return {{"public_sector", p.public_sector}, {"service_code", p.service_code}, {"commitment_number", p.commitment_number}};
}

json settings_json(const ChorusSettings& s) {
    return {{"enabled", s.enabled},         {"token_url", s.token_url},     {"api_url", s.api_url},
            {"client_id", s.client_id},     {"login", s.login},             {"client_secret_set", s.client_secret_set},
            {"password_set", s.password_set}};
}

json submission_json(const ChorusSubmission& s) {
    return {{"id", s.id},       {"flow_number", s.flow_number}, {"status", s.status},          {"state", s.state},
            {"message", s.message}, {"submitted_at", s.submitted_at}, {"checked_at", s.checked_at}};
}

// Strings only: a number or null where a string is expected names the field.
std::optional<std::string> string_field(const json& body, const char* key, std::vector<FieldIssue>& issues) {
    if (!body.contains(key)) return std::nullopt;
    if (!body[key].is_string()) {
        issues.push_back({key, "type", "Texte attendu.", "A string is expected."});
        return std::nullopt;
    }
    return body[key].get<std::string>();
}

}  // namespace

void register_chorus_api(http::WebServer& web, ChorusService& s) {
    web.api(Method::Get, R"(/api/v1/clients/(\d+)/public-sector)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(http::invalid_id());
        http::reply(ctx, s.public_client(ctx.actor(), *id), public_json);
    });
    web.api(Method::Put, R"(/api/v1/clients/(\d+)/public-sector)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(http::invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        std::vector<FieldIssue> issues;
        PublicClient input;
        if (body->contains("public_sector")) {
            if ((*body)["public_sector"].is_boolean()) input.public_sector = (*body)["public_sector"].get<bool>();
            else issues.push_back({"public_sector", "type", "Valeur attendue : true ou false.", "Expected true or false."});
        }
        input.service_code = string_field(*body, "service_code", issues).value_or("");
        input.commitment_number = string_field(*body, "commitment_number", issues).value_or("");
        if (!issues.empty()) return ctx.problem(Error::invalid(issues));
        http::reply(ctx, s.set_public_client(ctx.actor(), *id, input), public_json);
    });
    web.api(Method::Get, "/api/v1/einvoice/chorus/settings", [&s](ApiContext& ctx) {
        http::reply(ctx, s.settings(ctx.actor()), settings_json);
    });
    web.api(Method::Put, "/api/v1/einvoice/chorus/settings", [&s](ApiContext& ctx) {
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        std::vector<FieldIssue> issues;
        ChorusSettingsInput in;
        if (body->contains("enabled")) {
            if ((*body)["enabled"].is_boolean()) in.enabled = (*body)["enabled"].get<bool>();
            else issues.push_back({"enabled", "type", "Valeur attendue : true ou false.", "Expected true or false."});
        }
        in.token_url = string_field(*body, "token_url", issues).value_or("");
        in.api_url = string_field(*body, "api_url", issues).value_or("");
        in.client_id = string_field(*body, "client_id", issues).value_or("");
        in.login = string_field(*body, "login", issues).value_or("");
        in.client_secret = string_field(*body, "client_secret", issues);
        in.password = string_field(*body, "password", issues);
        if (!issues.empty()) return ctx.problem(Error::invalid(issues));
        http::reply(ctx, s.update_settings(ctx.actor(), in), settings_json);
    });
    web.api(Method::Get, R"(/api/v1/documents/(\d+)/chorus)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(http::invalid_id());
        http::reply(ctx, s.submissions(ctx.actor(), *id), [](const std::vector<ChorusSubmission>& list) {
            json items = json::array();
            for (const auto& x : list) items.push_back(submission_json(x));
            return json{{"items", items}};
        });
    });
    web.api(Method::Post, R"(/api/v1/documents/(\d+)/chorus)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(http::invalid_id());
        http::reply(ctx, s.submit(ctx.actor(), *id), submission_json, 201);
    });
    web.api(Method::Post, R"(/api/v1/documents/(\d+)/chorus/refresh)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(http::invalid_id());
        http::reply(ctx, s.refresh(ctx.actor(), *id), submission_json);
    });
}

}  // namespace comptoir::einvoice
