#include "modules/dashboard/model/dashboard.hpp"

#include <algorithm>

namespace comptoir::dashboard {

Receivables age_receivables(const std::vector<OpenInvoice>& open, const AgeBounds& bounds) {
    Receivables out;
    for (int i = 0; i < kAgeBuckets; ++i) out.ageing[i].bucket = static_cast<AgeBucket>(i);
    for (const auto& invoice : open) {
        auto& bucket = out.ageing[static_cast<int>(age_of(invoice.due_date, bounds))];
        bucket.amount += invoice.remaining;
        ++bucket.invoices;
    }
    return out;
}

std::vector<TopClient> rank_top_clients(std::vector<TopClient> clients, std::size_t limit) {
    std::erase_if(clients, [](const TopClient& c) { return c.invoiced_excl_vat.cents() <= 0; });
    std::sort(clients.begin(), clients.end(), [](const TopClient& a, const TopClient& b) {
        return a.invoiced_excl_vat != b.invoiced_excl_vat ? a.invoiced_excl_vat > b.invoiced_excl_vat
                                                          : a.client_id < b.client_id;
    });
    if (clients.size() > limit) clients.resize(limit);
    return clients;
}

Money Receivables::outstanding() const {
    Money sum;
    for (const auto& a : ageing) sum += a.amount;
    return sum;
}

Money Receivables::overdue() const { return outstanding() - ageing[0].amount; }

std::int64_t Receivables::invoices() const {
    std::int64_t n = 0;
    for (const auto& a : ageing) n += a.invoices;
    return n;
}

std::int64_t Receivables::overdue_invoices() const { return invoices() - ageing[0].invoices; }

Money Dashboard::invoiced_excl_vat() const {
    Money sum;
    for (const auto& m : months) sum += m.invoiced_excl_vat;
    return sum;
}

Money Dashboard::invoiced_incl_vat() const {
    Money sum;
    for (const auto& m : months) sum += m.invoiced_incl_vat;
    return sum;
}

Money Dashboard::collected() const {
    Money sum;
    for (const auto& m : months) sum += m.collected();
    return sum;
}

}  // namespace comptoir::dashboard
