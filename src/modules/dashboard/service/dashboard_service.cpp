#include "modules/dashboard/service/dashboard_service.hpp"

#include <map>

#include "core/clock.hpp"
#include "modules/dashboard/storage/dashboard_store.hpp"

namespace comptoir::dashboard {

Result<Dashboard> DashboardService::figures(const Actor& actor, const PeriodRequest& request) {
    return figures(actor, request, today_paris());
}

Result<Dashboard> DashboardService::figures(const Actor& actor, const PeriodRequest& request, const std::string& today) {
    if (actor.company_id <= 0) return fail(Error::forbidden());
    TRY_RESULT(period, resolve_period(request.preset, request.from, request.to, today));
    Dashboard out;
    out.period = period;
    out.as_of = today;
    // One read transaction, so the figures agree with each other (SQLite: one snapshot).
    store::with_transaction(db_, false, [&](store::Connection& conn) {
        const auto invoiced = storage::invoiced(conn, actor.company_id, period.from, period.to);
        const auto collected = storage::collected_by_month(conn, actor.company_id, period.from, period.to);
        for (const auto& month : months_of(period)) {
            MonthFigures m;
            m.month = month;
            if (auto it = invoiced.by_month.find(month); it != invoiced.by_month.end()) {
                m.invoiced_excl_vat = it->second.excl_vat;
                m.invoiced_incl_vat = it->second.incl_vat;
            }
            if (auto it = collected.find(month); it != collected.end()) {
                m.received = it->second.received;
                m.refunded = it->second.refunded;
            }
            out.months.push_back(std::move(m));
        }

        const auto open = storage::open_invoices(conn, actor.company_id);
        out.receivables = age_receivables(open, age_bounds(today));

        std::vector<TopClient> clients;
        for (const auto& c : invoiced.by_client) clients.push_back({c.client_id, "", c.excl_vat, c.incl_vat, Money{}});
        out.top_clients = rank_top_clients(std::move(clients), kTopClients);
        std::vector<std::int64_t> ids;
        std::map<std::int64_t, TopClient*> top;
        for (auto& c : out.top_clients) {
            ids.push_back(c.client_id);
            top[c.client_id] = &c;
        }
        for (const auto& [id, name] : storage::client_names(conn, actor.company_id, ids)) top[id]->name = name;
        for (const auto& invoice : open)
            if (auto it = top.find(invoice.client_id); it != top.end()) it->second->outstanding += invoice.remaining;
        out.open_quotes = storage::open_quotes(conn, actor.company_id, today);
    });
    return out;
}

}  // namespace comptoir::dashboard
