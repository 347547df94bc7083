#include "modules/einvoice/http/einvoice_pages.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "modules/einvoice/service/chorus_service.hpp"
#include "modules/einvoice/service/einvoice_service.hpp"

namespace comptoir::einvoice {
namespace {

using http::Method;
using http::PageContext;
using nlohmann::json;

std::string tr(const PageContext& ctx, const std::string& key) { return ctx.t("einvoice." + key); }

void render_settings(PageContext& ctx, EinvoiceService& s, const EinvoiceSettings* typed, const Error* failure, int status) {
    auto stored = s.settings(ctx.actor());
    if (!stored) return ctx.error_page(stored.error());
    const EinvoiceSettings& shown = typed ? *typed : *stored;
    json profiles = json::array();
    for (Profile p : {Profile::En16931, Profile::Basic, Profile::Minimum})
        profiles.push_back({{"value", std::string(to_code(p))},
                            {"label", tr(ctx, "settings.profile_" + std::string(to_code(p)))},
                            {"selected", p == shown.profile}});
    json problems = json::array();
    if (failure)
        for (const auto& f : failure->fields) problems.push_back({{"text", ctx.locale() == "en" ? f.message_en : f.message_fr}});
    json data = {{"admin_tab", {{"einvoicing", true}}},
                 {"enabled", shown.enabled},
                 {"profiles", profiles},
                 {"saved", ctx.param("saved") == "1"},
                 {"error_summary", failure ? json(ctx.message(*failure)) : json(nullptr)},
                 {"problems", problems},
                 {"has_problems", !problems.empty()}};
    ctx.render_page("einvoice/settings", data, tr(ctx, "settings.title"), "admin", status);
}

}  // namespace

void register_einvoice_pages(http::WebServer& web, EinvoiceService& s, ChorusService& chorus) {
    web.page(Method::Get, "/admin/einvoicing", [&s](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(Error::forbidden());
        render_settings(ctx, s, nullptr, nullptr, 200);
    });
    web.page(Method::Post, "/admin/einvoicing", [&s](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(Error::forbidden());
        EinvoiceSettings input;
        input.enabled = ctx.param("enabled") == "1";
        auto profile = parse_profile(ctx.param("profile"));
        if (!profile) {
            Error e = Error::invalid_field("profile", "profile.unknown", "Choisissez un profil.", "Choose a profile.");
            return render_settings(ctx, s, &input, &e, 422);
        }
        input.profile = *profile;
        auto saved = s.update_settings(ctx.actor(), input);
        if (saved) return ctx.redirect("/admin/einvoicing?saved=1");
        if (saved.error().kind != ErrorKind::Invalid) return ctx.error_page(saved.error());
        render_settings(ctx, s, &input, &saved.error(), 422);
    });

    web.page(Method::Get, R"(/documents/(\d+)/einvoice)", [&s, &chorus](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(Error::not_found("Ce document n'existe pas.", "This document does not exist."));
        auto inv = s.invoice(ctx.actor(), *id);
        if (!inv) return ctx.error_page(inv.error());
        auto check = s.check_document(ctx.actor(), *id);
        if (!check) return ctx.error_page(check.error());
        auto settings = s.settings(ctx.actor());
        const std::string base = "/documents/" + std::to_string(*id);
        json violations = json::array();
        for (const auto& v : check->violations)
            violations.push_back({{"rule", v.rule},
                                  {"term", v.term},
                                  {"field", field_label(v.field, ctx.locale() != "en")},
                                  {"message", ctx.locale() == "en" ? v.message_en : v.message_fr}});
        json data = {{"id", std::to_string(*id)},
                     {"number", inv->number},
                     {"document_url", base},
                     {"profile", std::string(conformance_level(check->profile))},
                     {"framework", inv->business_process},
                     {"type_code", inv->type_code},
                     {"enabled", settings && settings->enabled},
                     {"valid", check->violations.empty()},
                     {"violations", violations},
                     {"facturx_url", base + "/einvoice/facturx"},
                     {"cii_url", base + "/einvoice/cii"},
                     {"ubl_url", base + "/einvoice/ubl"},
                     {"chorus_url", base + "/chorus"},
                     {"chorus_notice", ctx.param("chorus") == "submitted" ? json(tr(ctx, "chorus.submitted"))
                                       : ctx.param("chorus") == "refreshed" ? json(tr(ctx, "chorus.refreshed")) : json(nullptr)}};
        json submissions = json::array();
        if (auto list = chorus.submissions(ctx.actor(), *id))
            for (const auto& x : *list)
                submissions.push_back({{"flow_number", x.flow_number},
                                       {"status", ctx.locale() == "en" ? x.status : status_label_fr(x.status)},
                                       {"status_class", x.status == "integrated" ? "badge-success" : x.status == "rejected" ? "badge-danger" : "badge-info"},
                                       {"state", x.state},
                                       {"message", x.message.empty() ? json(nullptr) : json(x.message)},
                                       {"submitted_at", display_datetime(x.submitted_at, ctx.locale())},
                                       {"checked_at", x.checked_at.empty() ? json(nullptr) : json(display_datetime(x.checked_at, ctx.locale()))}});
        data["submissions"] = submissions;
        data["has_submissions"] = !submissions.empty();
        data["can_submit"] = ctx.actor().role == Role::Admin || ctx.actor().role == Role::Sales;
        if (auto client = chorus.document_client(ctx.actor(), *id)) {
            data["client_public_url"] = "/clients/" + std::to_string(client->first) + "/public-sector";
            data["public_sector"] = client->second.public_sector;
            data["service_code"] = client->second.service_code.empty() ? json(nullptr) : json(client->second.service_code);
            data["commitment_number"] = client->second.commitment_number.empty() ? json(nullptr) : json(client->second.commitment_number);
        }
        ctx.render_page("einvoice/document", data, tr(ctx, "document.title") + " " + inv->number, "documents");
    });
    web.page(Method::Get, R"(/documents/(\d+)/einvoice/(facturx|cii|ubl))", [&s](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(Error::not_found("Ce document n'existe pas.", "This document does not exist."));
        auto format = parse_format(ctx.path_arg(2));
        if (!format) return ctx.error_page(format.error());
        auto file = s.export_document(ctx.actor(), *id, *format);
        if (!file) return ctx.error_page(file.error());
        ctx.set_response_header("Content-Disposition", "attachment; filename=\"" + file->filename + "\"");
        ctx.response().set_content(file->bytes, file->content_type);
    });
}

}  // namespace comptoir::einvoice
