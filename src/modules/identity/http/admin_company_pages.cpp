// Administration › Entreprise: the legal identity printed on documents, and the logo. The logo itself
// is served to every logged-in user at /company/logo (documents and the layout show it).
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "modules/identity/http/company_form.hpp"
#include "modules/identity/http/page_support.hpp"
#include "modules/identity/http/routes.hpp"

namespace comptoir::identity {
namespace {

struct FieldSpec {
    const char* name;
    const char* type;
    const char* autocomplete;  // "" for none
    bool required;
};

struct SectionSpec {
    const char* title_key;
    std::vector<FieldSpec> fields;
};

const std::vector<SectionSpec>& sections() {
    static const std::vector<SectionSpec> specs = {
        {"legal", {{"name", "text", "organization", true}, {"legal_form", "text", "", false}, {"siren", "text", "", false},
                   {"siret", "text", "", false}, {"vat_number", "text", "", false}, {"rcs_city", "text", "", false},
                   {"share_capital", "text", "", false}}},
        {"address", {{"address_line1", "text", "address-line1", false}, {"address_line2", "text", "address-line2", false},
                     {"postal_code", "text", "postal-code", false}, {"city", "text", "address-level2", false},
                     {"country", "text", "country", false}}},
        {"contact", {{"phone", "tel", "tel", false}, {"email", "email", "email", false}, {"website", "url", "url", false}}},
        {"bank", {{"iban", "text", "off", false}, {"bic", "text", "off", false}}},
        {"accounting", {{"accounting_code_rule", "text", "off", false}}},
    };
    return specs;
}

// The form as sections of fields for the `_field` partial: label, hint, value and error of each.
nlohmann::json build_sections(const http::PageContext& ctx, const nlohmann::json& form, const nlohmann::json& errors) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& section : sections()) {
        nlohmann::json fields = nlohmann::json::array();
        for (const auto& f : section.fields) {
            std::string name = f.name;
            std::string hint_key = "identity.company." + name + "_hint";
            std::string hint = ctx.t(hint_key);
            bool has_hint = hint != hint_key;
            bool has_error = errors.contains(name);
            std::string described_by = (has_hint ? "company-" + name + "-hint" : "") +
                                       (has_error ? std::string(has_hint ? " " : "") + "company-" + name + "-error" : "");
            fields.push_back({{"name", name},
                              {"type", f.type},
                              {"label", ctx.t("identity.company." + name)},
                              {"value", form.value(name, "")},
                              {"required", f.required},
                              {"autocomplete", *f.autocomplete ? nlohmann::json(f.autocomplete) : nlohmann::json(false)},
                              {"hint", has_hint ? nlohmann::json(hint) : nlohmann::json(false)},
                              {"error", has_error ? errors.at(name) : nlohmann::json(false)},
                              {"described_by", described_by.empty() ? nlohmann::json(false) : nlohmann::json(described_by)}});
        }
        out.push_back({{"title", ctx.t(std::string("identity.company.") + section.title_key)}, {"fields", fields}});
    }
    return out;
}

void render_company(http::PageContext& ctx, Services& s, nlohmann::json data, int status) {
    auto company = s.company.get(ctx.actor());
    if (!company) return ctx.error_page(company.error());
    if (!ctx.actor().is_admin()) return ctx.error_page(Error::forbidden());
    if (!data.contains("form")) data["form"] = to_json(to_form(company->fields, ctx.locale()));
    data["sections"] = build_sections(ctx, data["form"], data.value("errors", nlohmann::json::object()));
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
