// The home page ("Accueil"): the company's name and the way to the main capabilities. A placeholder
// the clients module will replace with a dashboard.
#include "modules/identity/http/routes.hpp"

namespace comptoir::identity {

void register_home_page(http::WebServer& web, Services& s) {
    web.add_nav({"home", "identity.nav.home", "/", "home", false, 0});
    web.page(http::Method::Get, "/", [&s](http::PageContext& ctx) {
        auto company = s.company.get(ctx.actor());
        if (!company) return ctx.error_page(company.error());
        nlohmann::json data = {{"company", {{"name", company->fields.name}, {"has_logo", !company->logo_file.empty()}}}};
        ctx.render_page("identity/home", data, ctx.t("identity.home.title"), "home");
    });
}

}  // namespace comptoir::identity
