// Read-only aggregates over tables other modules own: `documents` (sales), `payments` and
// `payment_allocations` (payments), `clients` (crm, for names). The dashboard writes nothing. Each
// figure is one GROUP BY statement scoped by the company, portable to SQLite and PostgreSQL; the
// definitions are those of model/dashboard.hpp, and "remaining due" mirrors payments'
// model/settlement.hpp (tests/dashboard_api_httptest.cpp holds the two together).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "modules/dashboard/model/dashboard.hpp"
#include "store/database.hpp"

namespace comptoir::dashboard::storage {

struct InvoicedMonth {
    Money excl_vat, incl_vat;
};
// Invoiced (net of credit notes) per "YYYY-MM" of issue date, over [from, to]; months with nothing absent.
std::map<std::string, InvoicedMonth> invoiced_by_month(store::Connection& conn, std::int64_t company_id,
                                                       const std::string& from, const std::string& to);

struct CollectedMonth {
    Money received, refunded;
};
// Payments received and refunds paid per "YYYY-MM" of payment date, over [from, to], cancelled excluded.
std::map<std::string, CollectedMonth> collected_by_month(store::Connection& conn, std::int64_t company_id,
                                                         const std::string& from, const std::string& to);

// What remains due on every issued invoice today, by age past its due date.
Receivables receivables(store::Connection& conn, std::int64_t company_id, const AgeBounds& bounds);

// The `limit` clients invoiced the most (excluding VAT) over [from, to], with what they owe today.
std::vector<TopClient> top_clients(store::Connection& conn, std::int64_t company_id, const std::string& from,
                                   const std::string& to, int limit);

// Validated or sent quotes, not archived, still valid on `today`.
OpenQuotes open_quotes(store::Connection& conn, std::int64_t company_id, const std::string& today);

}  // namespace comptoir::dashboard::storage
