// Read-only aggregates over tables other modules own: `documents` (sales), `payments` and
// `payment_allocations` (payments), `clients` (crm, for names). The dashboard writes nothing. Every
// statement is scoped by the company and portable to SQLite and PostgreSQL; each reads one covering
// index (storage/migrations.cpp), and a few are put together here rather than joined row by row. The
// definitions are those of model/dashboard.hpp; "remaining due" mirrors payments'
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
struct InvoicedClient {
    std::int64_t client_id = 0;
    Money excl_vat, incl_vat;
};
// What was invoiced (net of credit notes) over [from, to], per "YYYY-MM" of issue date and per
// client; months and clients with nothing are absent.
struct Invoiced {
    std::map<std::string, InvoicedMonth> by_month;
    std::vector<InvoicedClient> by_client;  // in no particular order
};
Invoiced invoiced(store::Connection& conn, std::int64_t company_id, const std::string& from, const std::string& to);

struct CollectedMonth {
    Money received, refunded;
};
// Payments received and refunds paid per "YYYY-MM" of payment date, over [from, to], cancelled excluded.
std::map<std::string, CollectedMonth> collected_by_month(store::Connection& conn, std::int64_t company_id,
                                                         const std::string& from, const std::string& to);

// Every issued invoice with something left to pay today: payments' rule (remaining_due in
// model/settlement.hpp), amount due − active allocations − issued credit notes correcting it.
std::vector<OpenInvoice> open_invoices(store::Connection& conn, std::int64_t company_id);

// Client id → display name, for the clients listed.
std::map<std::int64_t, std::string> client_names(store::Connection& conn, std::int64_t company_id,
                                                 const std::vector<std::int64_t>& ids);

// Validated or sent quotes, not archived, still valid on `today`.
OpenQuotes open_quotes(store::Connection& conn, std::int64_t company_id, const std::string& today);

}  // namespace comptoir::dashboard::storage
