// Chorus Pro from the pages: submit an issued invoice's Factur-X and refresh its state (buttons of
// the e-invoice page), and a client's public-sector data (/clients/{id}/public-sector).
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "modules/einvoice/http/einvoice_pages.hpp"
#include "modules/einvoice/service/chorus_service.hpp"

namespace comptoir::einvoice {
namespace {

using http::Method;
using http::PageContext;
using nlohmann::json;

std::string tr(const PageContext& ctx, const std::string& key) { return ctx.t("einvoice." + key); }

void render_public(PageContext& ctx, std::int64_t client_id, const PublicClient& shown, const Error* failure, int status) {
    json errors = json::object();
    if (failure)
        for (const auto& f : failure->fields) errors[f.field] = ctx.locale() == "en" ? f.message_en : f.message_fr;
    json data = {{"client_id", std::to_string(client_id)},
                 {"public_sector", shown.public_sector},
                 {"service_code", shown.service_code},
                 {"commitment_number", shown.commitment_number},
                 {"saved", ctx.param("saved") == "1"},
                 {"error_summary", failure ? json(ctx.message(*failure)) : json(nullptr)},
                 {"errors", errors}};
    ctx.render_page("einvoice/public_client", data, tr(ctx, "chorus.client_title"), "clients", status);
}

void chorus_action(PageContext& ctx, const Result<ChorusSubmission>& done, std::int64_t id, const char* flag) {
    if (done) return ctx.redirect("/documents/" + std::to_string(id) + "/einvoice?chorus=" + flag);
    ctx.error_page(done.error());
}

}  // namespace

void register_chorus_pages(http::WebServer& web, ChorusService& s) {
    web.page(Method::Post, R"(/documents/(\d+)/chorus)", [&s](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(Error::not_found("Ce document n'existe pas.", "This document does not exist."));
        chorus_action(ctx, s.submit(ctx.actor(), *id), *id, "submitted");
    });
    web.page(Method::Post, R"(/documents/(\d+)/chorus/refresh)", [&s](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(Error::not_found("Ce document n'existe pas.", "This document does not exist."));
        chorus_action(ctx, s.refresh(ctx.actor(), *id), *id, "refreshed");
    });
    web.page(Method::Get, R"(/clients/(\d+)/public-sector)", [&s](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(Error::not_found("Ce client n'existe pas.", "This client does not exist."));
        auto current = s.public_client(ctx.actor(), *id);
        if (!current) return ctx.error_page(current.error());
        render_public(ctx, *id, *current, nullptr, 200);
    });
    web.page(Method::Post, R"(/clients/(\d+)/public-sector)", [&s](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(Error::not_found("Ce client n'existe pas.", "This client does not exist."));
        PublicClient input{ctx.param("public_sector") == "1", ctx.param("service_code"), ctx.param("commitment_number")};
        auto saved = s.set_public_client(ctx.actor(), *id, input);
        if (saved) return ctx.redirect("/clients/" + std::to_string(*id) + "/public-sector?saved=1");
        if (saved.error().kind != ErrorKind::Invalid) return ctx.error_page(saved.error());
        render_public(ctx, *id, input, &saved.error(), 422);
    });
}

}  // namespace comptoir::einvoice
