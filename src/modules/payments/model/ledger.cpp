#include "modules/payments/model/ledger.hpp"

#include <algorithm>

namespace comptoir::payments {
namespace {

int same_day_rank(const LedgerEvent& e) {
    if (!e.in_balance) return 2;
    return e.debit.is_zero() ? 1 : 0;
}

}  // namespace

Ledger build_ledger(std::vector<LedgerEvent> events, const std::string& from, const std::string& to,
                    const std::vector<std::string>& kinds) {
    std::stable_sort(events.begin(), events.end(), [](const LedgerEvent& a, const LedgerEvent& b) {
        if (a.date != b.date) return a.date < b.date;
        if (same_day_rank(a) != same_day_rank(b)) return same_day_rank(a) < same_day_rank(b);
        return a.id < b.id;
    });
    Ledger out;
    Money balance;
    for (auto& e : events) {
        if (e.in_balance) balance = balance + e.debit - e.credit;
        if (!from.empty() && e.date < from) {
            out.opening = balance;
            continue;
        }
        if (!to.empty() && e.date > to) continue;
        if (e.in_balance) {
            out.total_debit += e.debit;
            out.total_credit += e.credit;
        }
        out.closing = balance;
        if (kinds.empty() || std::find(kinds.begin(), kinds.end(), e.kind) != kinds.end())
            out.lines.push_back({std::move(e), balance});
    }
    if (out.lines.empty() && out.total_debit.is_zero() && out.total_credit.is_zero()) out.closing = out.opening;
    return out;
}

}  // namespace comptoir::payments
