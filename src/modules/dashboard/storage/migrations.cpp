#include "modules/dashboard/dashboard_module.hpp"

namespace comptoir::dashboard {
namespace {

// Covering indexes for the dashboard's aggregates, on tables other modules own (sales' documents,
// payments' payments and payment_allocations), declared here because only these read-only
// aggregates need them: with every column a figure reads in the index, each figure is an index-only
// scan of one company's range instead of a visit to every row (a document's row also holds its
// frozen parties as JSON, so rows are wide). Measured at 50,000 invoices and 50,000 payments
// (tests/dashboard_speed_httptest.cpp).
//
// dashboard_documents: issued documents by series and issue date (what was invoiced over a period,
// per month and per client, deposits deducted by final invoices) and, within the invoice series,
// every issued invoice's due date and amount due (what remains due). `id` is listed for PostgreSQL;
// SQLite indexes carry the rowid anyway.
constexpr const char* kAggregateIndexes = R"SQL(
CREATE INDEX dashboard_documents ON documents (company_id, series, issue_date, type, status, client_id, due_date,
  prepaid_cents, total_excl_vat_cents, total_incl_vat_cents, amount_due_cents, source_id, chain_seq, id);
CREATE INDEX dashboard_payments ON payments (company_id, payment_date, cancelled, kind, amount_cents);
CREATE INDEX dashboard_allocations ON payment_allocations (company_id, cancelled, document_id, amount_cents);
)SQL";

}  // namespace

std::vector<store::Migration> DashboardModule::migrations() {
    return {{"dashboard/0001_aggregate_indexes", kAggregateIndexes}};
}

}  // namespace comptoir::dashboard
