// The figures a dashboard shows, as values. Every amount is Money (integer cents).
//
// What each figure means (the storage computes them in SQL, with these definitions):
// - invoiced: issued invoices, deposit invoices and situation invoices, less issued credit notes,
//   by issue date. Including VAT, it is each invoice's amount due (its total less the deposits it
//   deducts, which were invoiced on their own), so a euro is never invoiced twice and the figure
//   compares with what was collected. Excluding VAT, a final invoice likewise counts its total less
//   the deposits it deducts.
// - collected: payments received less refunds paid, by payment date; cancelled payments never count.
// - outstanding: what remains due today on issued invoices (model/settlement.hpp in payments: the
//   amount due less active allocations less the issued credit notes correcting it), invoices with
//   nothing left (or credited beyond what was due) counting zero; split by age past the due date.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/money/money.hpp"
#include "modules/dashboard/model/period.hpp"

namespace comptoir::dashboard {

struct MonthFigures {
    std::string month;  // YYYY-MM
    Money invoiced_excl_vat;
    Money invoiced_incl_vat;
    Money received;  // payments received
    Money refunded;  // refunds paid back
    Money collected() const { return received - refunded; }
};

// An issued invoice with something left to pay today.
struct OpenInvoice {
    std::int64_t client_id = 0;
    std::string due_date;  // "" when it has none
    Money remaining;       // > 0
};

struct AgeFigures {
    AgeBucket bucket = AgeBucket::NotDue;
    Money amount;
    std::int64_t invoices = 0;
};

struct Receivables {
    std::array<AgeFigures, kAgeBuckets> ageing{};  // indexed by AgeBucket
    Money outstanding() const;                    // every bucket
    Money overdue() const;                        // every bucket but NotDue
    std::int64_t invoices() const;
    std::int64_t overdue_invoices() const;
};

// What remains due on `open` invoices, by age of their due date (age_of).
Receivables age_receivables(const std::vector<OpenInvoice>& open, const AgeBounds& bounds);

struct TopClient {
    std::int64_t client_id = 0;
    std::string name;
    Money invoiced_excl_vat;  // in the period
    Money invoiced_incl_vat;  // in the period
    Money outstanding;        // today, every period
};

// The `limit` clients invoiced the most excluding VAT (more than nothing), largest first, ties by
// client id.
std::vector<TopClient> rank_top_clients(std::vector<TopClient> clients, std::size_t limit);

struct OpenQuotes {
    std::int64_t count = 0;
    Money amount_excl_vat;
};

struct Dashboard {
    Period period;
    std::string as_of;                // today in Paris: the date outstanding and ageing are computed at
    std::vector<MonthFigures> months;  // one per month of the period, empty months included
    Receivables receivables;
    std::vector<TopClient> top_clients;  // at most 10, the largest invoiced (excl. VAT) first
    OpenQuotes open_quotes;

    Money invoiced_excl_vat() const;
    Money invoiced_incl_vat() const;
    Money collected() const;
};

inline constexpr int kTopClients = 10;

}  // namespace comptoir::dashboard
