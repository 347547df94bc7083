// /api/v1/company: the company's legal identity. Every role reads it; admins change it (PATCH: the
// properties sent replace the current values, the others stay).
#include <httplib.h>

#include "modules/identity/http/api_support.hpp"
#include "modules/identity/http/company_form.hpp"
#include "modules/identity/http/routes.hpp"

namespace comptoir::identity {

void register_company_api(http::WebServer& web, Services& s) {
    web.api(http::Method::Get, "/api/v1/company", [&s](http::ApiContext& ctx) {
        auto company = s.company.get(ctx.actor());
        if (!company) return ctx.problem(company.error());
        ctx.send(company_json(*company));
    });

    web.api(http::Method::Patch, "/api/v1/company", [&s](http::ApiContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.problem(Error::forbidden());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto current = s.company.get(ctx.actor());
        if (!current) return ctx.problem(current.error());

        std::set<std::string> writable;
        const auto all_fields = to_json(CompanyForm{});
        for (const auto& item : all_fields.items()) writable.insert(item.key());
        JsonFields fields(*body, writable);
        // The current values in plain form ("10000.00" for the capital), so untouched fields validate as stored.
        auto base = to_form(current->fields, "en");
        if (current->fields.share_capital_cents) base.share_capital = company_json(*current)["share_capital"].get<std::string>();
        auto form = read_company_form(base, [&](const char* name) {
            return std::string(name) == "share_capital" ? fields.text_or_number(name) : fields.text(name);
        });
        if (!fields.issues().empty()) return ctx.problem(fields.error());
        auto updated = s.company.update(ctx.actor(), form);
        if (!updated) return ctx.problem(updated.error());
        ctx.send(company_json(*updated));
    });
}

}  // namespace comptoir::identity
