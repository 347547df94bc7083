#include "modules/einvoice/api/einvoice_api.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "http/api_reply.hpp"
#include "modules/einvoice/api/einvoice_json.hpp"
#include "modules/einvoice/service/einvoice_service.hpp"

namespace comptoir::einvoice {
namespace {

using http::ApiContext;
using http::Method;
using nlohmann::json;

json settings_json(const EinvoiceSettings& s) { return {{"enabled", s.enabled}, {"profile", std::string(to_code(s.profile))}}; }

}  // namespace

void register_einvoice_api(http::WebServer& web, EinvoiceService& s) {
    web.api(Method::Get, "/api/v1/einvoice/settings", [&s](ApiContext& ctx) {
        http::reply(ctx, s.settings(ctx.actor()), settings_json);
    });
    web.api(Method::Put, "/api/v1/einvoice/settings", [&s](ApiContext& ctx) {
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto current = s.settings(ctx.actor());
        if (!current) return ctx.problem(current.error());
        EinvoiceSettings input = *current;
        std::vector<FieldIssue> issues;
        if (body->contains("enabled")) {
            if ((*body)["enabled"].is_boolean()) input.enabled = (*body)["enabled"].get<bool>();
            else issues.push_back({"enabled", "type", "Valeur attendue : true ou false.", "Expected true or false."});
        }
        if (body->contains("profile")) {
            auto p = (*body)["profile"].is_string() ? parse_profile((*body)["profile"].get<std::string>()) : std::nullopt;
            if (p) input.profile = *p;
            else issues.push_back({"profile", "profile.unknown", "Profil inconnu : en16931, basic ou minimum.",
                                   "Unknown profile: en16931, basic or minimum."});
        }
        if (!issues.empty()) return ctx.problem(Error::invalid(issues));
        http::reply(ctx, s.update_settings(ctx.actor(), input), settings_json);
    });
    web.api(Method::Get, R"(/api/v1/documents/(\d+)/einvoice)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(http::invalid_id());
        auto format = parse_format(ctx.param("format").empty() ? "facturx" : ctx.param("format"));
        if (!format) return ctx.problem(format.error());
        auto file = s.export_document(ctx.actor(), *id, *format);
        if (!file) return ctx.problem(file.error());
        ctx.set_response_header("Content-Disposition", "attachment; filename=\"" + file->filename + "\"");
        ctx.response().set_content(file->bytes, file->content_type);
    });
    web.api(Method::Get, R"(/api/v1/documents/(\d+)/einvoice/check)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(http::invalid_id());
        http::reply(ctx, s.check_document(ctx.actor(), *id), [](const DocumentCheck& c) {
            return json{{"profile", std::string(to_code(c.profile))},
                        {"valid", c.violations.empty()},
                        {"violations", violations_json(c.violations)}};
        });
    });
}

}  // namespace comptoir::einvoice
