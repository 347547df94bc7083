#include "modules/dashboard/model/dashboard.hpp"

namespace comptoir::dashboard {

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
