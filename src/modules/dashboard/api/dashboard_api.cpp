#include "modules/dashboard/api/dashboard_api.hpp"

#include "http/api_reply.hpp"

namespace comptoir::dashboard {

using nlohmann::json;

json dashboard_json(const Dashboard& d) {
    json months = json::array();
    for (const auto& m : d.months)
        months.push_back({{"month", m.month},
                          {"invoiced_excl_vat", m.invoiced_excl_vat.to_string()},
                          {"invoiced_incl_vat", m.invoiced_incl_vat.to_string()},
                          {"received", m.received.to_string()},
                          {"refunded", m.refunded.to_string()},
                          {"collected", m.collected().to_string()}});
    json ageing = json::array();
    for (const auto& a : d.receivables.ageing)
        ageing.push_back({{"bucket", std::string(to_code(a.bucket))}, {"amount", a.amount.to_string()}, {"invoices", a.invoices}});
    json top = json::array();
    for (const auto& c : d.top_clients)
        top.push_back({{"client_id", c.client_id},
                       {"name", c.name},
                       {"invoiced_excl_vat", c.invoiced_excl_vat.to_string()},
                       {"invoiced_incl_vat", c.invoiced_incl_vat.to_string()},
                       {"outstanding", c.outstanding.to_string()}});
    return {{"period", {{"preset", std::string(to_code(d.period.preset))}, {"from", d.period.from}, {"to", d.period.to}}},
            {"as_of", d.as_of},
            {"currency", "EUR"},
            {"totals",
             {{"invoiced_excl_vat", d.invoiced_excl_vat().to_string()},
              {"invoiced_incl_vat", d.invoiced_incl_vat().to_string()},
              {"collected", d.collected().to_string()},
              {"outstanding", d.receivables.outstanding().to_string()},
              {"overdue", d.receivables.overdue().to_string()}}},
            {"open_quotes", {{"count", d.open_quotes.count}, {"amount_excl_vat", d.open_quotes.amount_excl_vat.to_string()}}},
            {"months", months},
            {"receivables",
             {{"outstanding", d.receivables.outstanding().to_string()},
              {"overdue", d.receivables.overdue().to_string()},
              {"invoices", d.receivables.invoices()},
              {"overdue_invoices", d.receivables.overdue_invoices()},
              {"ageing", ageing}}},
            {"top_clients", top}};
}

void register_dashboard_api(http::WebServer& web, DashboardService& service) {
    web.api(http::Method::Get, "/api/v1/dashboard", [&service](http::ApiContext& ctx) {
        http::reply(ctx, service.figures(ctx.actor(), {ctx.param("period"), ctx.param("from"), ctx.param("to")}),
                    dashboard_json);
    });
}

}  // namespace comptoir::dashboard
