// Administration › Entreprise: the legal identity printed on documents, and the logo. The logo itself
// is served to every logged-in user at /company/logo (documents and the layout show it).
#include <httplib.h>

#include <fstream>
#include <sstream>

#include "modules/identity/http/company_form.hpp"
#include "modules/identity/http/page_support.hpp"
#include "modules/identity/http/routes.hpp"

namespace comptoir::identity {
namespace {

void render_company(http::PageContext& ctx, Services& s, nlohmann::json data, int status) {
    auto company = s.company.get(ctx.actor());
    if (!company) return ctx.error_page(company.error());
    if (!ctx.actor().is_admin()) return ctx.error_page(Error::forbidden());
    if (!data.contains("form")) data["form"] = to_json(to_form(company->fields, ctx.locale()));
    data["has_logo"] = !company->logo_file.empty();
    // The logo's modification time in its URL: a new upload is shown at once despite caching.
    if (auto logo = s.company.logo(ctx.actor())) {
        std::error_code ec;
        auto modified = std::filesystem::last_write_time(logo->path, ec);
        data["logo_version"] = ec ? "0" : std::to_string(modified.time_since_epoch().count());
    }
    set_admin_tab(data, "company");
    ctx.render_page("identity/admin_company", std::move(data), ctx.t("identity.company.title"), "admin", status);
}

}  // namespace

void register_admin_company_pages(http::WebServer& web, Services& s) {
    web.page(http::Method::Get, "/admin/company", [&s](http::PageContext& ctx) {
        nlohmann::json data = nlohmann::json::object();
        if (ctx.param("saved") == "1") data["notice"] = ctx.t("identity.company.saved");
        if (ctx.param("logo") == "1") data["notice"] = ctx.t("identity.company.logo_saved");
        render_company(ctx, s, std::move(data), 200);
    });

    web.page(http::Method::Post, "/admin/company", [&s](http::PageContext& ctx) {
        auto form = read_company_form(CompanyForm{}, [&](const char* name) -> std::optional<std::string> {
            return ctx.param(name);
        });
        auto updated = s.company.update(ctx.actor(), form);
        if (updated) return ctx.redirect("/admin/company?saved=1");
        nlohmann::json data = {{"form", to_json(form)}};
        show_error(ctx, updated.error(), data, [&](nlohmann::json d, int status) { render_company(ctx, s, std::move(d), status); });
    });

    // A multipart form: its CSRF token travels in the query string (see the template), because the
    // server reads form fields of multipart bodies as files, not as parameters.
    web.page(http::Method::Post, "/admin/company/logo", [&s](http::PageContext& ctx) {
        std::string bytes = ctx.request().has_file("logo") ? ctx.request().get_file_value("logo").content : std::string();
        auto updated = s.company.set_logo(ctx.actor(), bytes);
        if (updated) return ctx.redirect("/admin/company?logo=1");
        show_error(ctx, updated.error(), nlohmann::json::object(),
                   [&](nlohmann::json d, int status) { render_company(ctx, s, std::move(d), status); });
    });

    web.page(http::Method::Post, "/admin/company/logo/delete", [&s](http::PageContext& ctx) {
        auto updated = s.company.remove_logo(ctx.actor());
        if (!updated) return ctx.error_page(updated.error());
        ctx.redirect("/admin/company?logo=1");
    });

    web.page(http::Method::Get, "/company/logo", [&s](http::PageContext& ctx) {
        auto logo = s.company.logo(ctx.actor());
        if (!logo) return ctx.error_page(logo.error());
        std::ifstream in(logo->path, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        ctx.response().set_header("Cache-Control", "private, max-age=300");
        ctx.response().set_content(bytes.str(), logo->content_type);
    });
}

}  // namespace comptoir::identity
