#include "modules/dashboard/service/dashboard_service.hpp"

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
        const auto invoiced = storage::invoiced_by_month(conn, actor.company_id, period.from, period.to);
        const auto collected = storage::collected_by_month(conn, actor.company_id, period.from, period.to);
        for (const auto& month : months_of(period)) {
            MonthFigures m;
            m.month = month;
            if (auto it = invoiced.find(month); it != invoiced.end()) {
                m.invoiced_excl_vat = it->second.excl_vat;
                m.invoiced_incl_vat = it->second.incl_vat;
            }
            if (auto it = collected.find(month); it != collected.end()) {
                m.received = it->second.received;
                m.refunded = it->second.refunded;
            }
            out.months.push_back(std::move(m));
        }
        out.receivables = storage::receivables(conn, actor.company_id, age_bounds(today));
        out.top_clients = storage::top_clients(conn, actor.company_id, period.from, period.to, kTopClients);
        out.open_quotes = storage::open_quotes(conn, actor.company_id, today);
    });
    return out;
}

}  // namespace comptoir::dashboard
