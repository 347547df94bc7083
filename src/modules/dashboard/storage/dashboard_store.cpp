#include "modules/dashboard/storage/dashboard_store.hpp"

namespace comptoir::dashboard::storage {
namespace {

// The documents that count as invoiced: issued invoices of every kind and credit notes, in the
// legal series (so the (company, series, issue_date) index serves the date range). Binds: company,
// from, to.
constexpr const char* kInvoicedInPeriod = R"SQL(
d.company_id = ? AND d.series IN ('invoice', 'credit_note')
AND d.type IN ('invoice', 'deposit_invoice', 'situation_invoice', 'credit_note')
AND d.status NOT IN ('draft', 'cancelled') AND d.issue_date >= ? AND d.issue_date <= ?)SQL";

// A document's contribution to "invoiced", excluding VAT: a credit note subtracts its total; a final
// invoice that deducts deposits counts its total less those deposits' totals (the deposits invoiced
// before it from the same quote or order: sales' deposits_invoiced at validation, which chain_seq
// orders), since each deposit was counted when it was issued.
constexpr const char* kExclVat = R"SQL(
CASE WHEN d.type = 'credit_note' THEN -ABS(d.total_excl_vat_cents)
     WHEN d.prepaid_cents <> 0 THEN d.total_excl_vat_cents - COALESCE((
       SELECT SUM(dep.total_excl_vat_cents) FROM documents dep
       WHERE dep.company_id = d.company_id AND dep.source_id = d.source_id AND dep.type = 'deposit_invoice'
       AND dep.status <> 'draft' AND dep.chain_seq < d.chain_seq), 0)
     ELSE d.total_excl_vat_cents END)SQL";

// Including VAT: an invoice's amount due (its total less the deposits it deducts), less credit notes.
constexpr const char* kInclVat =
    "CASE WHEN d.type = 'credit_note' THEN -ABS(d.total_incl_vat_cents) ELSE d.amount_due_cents END";

// Issued invoices (what payments settle). Binds: company.
constexpr const char* kOpenInvoices = R"SQL(
d.company_id = ? AND d.type IN ('invoice', 'deposit_invoice', 'situation_invoice')
AND d.status NOT IN ('draft', 'cancelled'))SQL";

// What remains due on invoice d: payments' settlement rule (remaining_due in model/settlement.hpp):
// amount due − active allocations − issued credit notes correcting it.
constexpr const char* kRemaining = R"SQL(
d.amount_due_cents
- COALESCE((SELECT SUM(a.amount_cents) FROM payment_allocations a
            WHERE a.company_id = d.company_id AND a.document_id = d.id AND a.cancelled = 0), 0)
- COALESCE((SELECT SUM(ABS(c.total_incl_vat_cents)) FROM documents c
            WHERE c.company_id = d.company_id AND c.corrects_id = d.id AND c.type = 'credit_note'
            AND c.status NOT IN ('draft', 'cancelled')), 0))SQL";

// The age of invoice d's due date (AgeBucket; the same rule as age_of). Binds: the four AgeBounds.
constexpr const char* kAge = R"SQL(
CASE WHEN d.due_date = '' OR d.due_date >= ? THEN 0 WHEN d.due_date >= ? THEN 1
     WHEN d.due_date >= ? THEN 2 WHEN d.due_date >= ? THEN 3 ELSE 4 END)SQL";

std::string placeholders(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
}

}  // namespace

std::map<std::string, InvoicedMonth> invoiced_by_month(store::Connection& conn, std::int64_t company_id,
                                                       const std::string& from, const std::string& to) {
    std::map<std::string, InvoicedMonth> out;
    const std::string sql = std::string("SELECT substr(d.issue_date, 1, 7), SUM(") + kExclVat + "), SUM(" + kInclVat +
                            ") FROM documents d WHERE " + kInvoicedInPeriod + " GROUP BY substr(d.issue_date, 1, 7)";
    for (const auto& r : conn.query(sql, {company_id, from, to}))
        out[r.text(0)] = {Money::from_cents(r.int64(1)), Money::from_cents(r.int64(2))};
    return out;
}

std::map<std::string, CollectedMonth> collected_by_month(store::Connection& conn, std::int64_t company_id,
                                                         const std::string& from, const std::string& to) {
    std::map<std::string, CollectedMonth> out;
    for (const auto& r : conn.query(R"SQL(
SELECT substr(payment_date, 1, 7),
       SUM(CASE WHEN kind = 'payment' THEN amount_cents ELSE 0 END),
       SUM(CASE WHEN kind = 'refund' THEN amount_cents ELSE 0 END)
FROM payments WHERE company_id = ? AND payment_date >= ? AND payment_date <= ? AND cancelled = 0
GROUP BY substr(payment_date, 1, 7))SQL",
                                    {company_id, from, to}))
        out[r.text(0)] = {Money::from_cents(r.int64(1)), Money::from_cents(r.int64(2))};
    return out;
}

Receivables receivables(store::Connection& conn, std::int64_t company_id, const AgeBounds& b) {
    Receivables out;
    for (int i = 0; i < kAgeBuckets; ++i) out.ageing[i].bucket = static_cast<AgeBucket>(i);
    const std::string sql = std::string("SELECT bucket, COUNT(*), SUM(remaining) FROM (SELECT ") + kAge +
                            " AS bucket, " + kRemaining + " AS remaining FROM documents d WHERE " + kOpenInvoices +
                            ") t WHERE remaining > 0 GROUP BY bucket";
    for (const auto& r : conn.query(sql, {b.today, b.overdue_30, b.overdue_60, b.overdue_90, company_id})) {
        const auto bucket = r.int64(0);
        if (bucket < 0 || bucket >= kAgeBuckets) continue;
        out.ageing[bucket].invoices = r.int64(1);
        out.ageing[bucket].amount = Money::from_cents(r.int64(2));
    }
    return out;
}

std::vector<TopClient> top_clients(store::Connection& conn, std::int64_t company_id, const std::string& from,
                                   const std::string& to, int limit) {
    std::vector<TopClient> out;
    const std::string sql = std::string(R"SQL(
SELECT t.client_id, c.display_name, t.excl_vat, t.incl_vat FROM (
  SELECT d.client_id AS client_id, SUM()SQL") + kExclVat + ") AS excl_vat, SUM(" + kInclVat + R"SQL() AS incl_vat
  FROM documents d WHERE )SQL" + kInvoicedInPeriod + R"SQL(
  GROUP BY d.client_id
) t JOIN clients c ON c.company_id = ? AND c.id = t.client_id
WHERE t.excl_vat > 0 ORDER BY t.excl_vat DESC, t.client_id LIMIT ?)SQL";
    for (const auto& r : conn.query(sql, {company_id, from, to, company_id, static_cast<std::int64_t>(limit)}))
        out.push_back({r.int64(0), r.text(1), Money::from_cents(r.int64(2)), Money::from_cents(r.int64(3)), Money{}});
    if (out.empty()) return out;
    std::vector<store::Value> params;
    params.reserve(out.size() + 1);
    params.emplace_back(company_id);
    std::map<std::int64_t, TopClient*> by_id;
    for (auto& c : out) {
        params.emplace_back(c.client_id);
        by_id[c.client_id] = &c;
    }
    const std::string owed = std::string("SELECT client_id, SUM(remaining) FROM (SELECT d.client_id AS client_id, ") +
                             kRemaining + " AS remaining FROM documents d WHERE " + kOpenInvoices +
                             " AND d.client_id IN (" + placeholders(out.size()) +
                             ")) t WHERE remaining > 0 GROUP BY client_id";
    for (const auto& r : conn.query(owed, params))
        if (auto it = by_id.find(r.int64(0)); it != by_id.end()) it->second->outstanding = Money::from_cents(r.int64(1));
    return out;
}

OpenQuotes open_quotes(store::Connection& conn, std::int64_t company_id, const std::string& today) {
    auto r = conn.query_one(R"SQL(
SELECT COUNT(*), COALESCE(SUM(total_excl_vat_cents), 0) FROM documents
WHERE company_id = ? AND type = 'quote' AND archived = 0 AND status IN ('validated', 'sent')
AND (validity_date = '' OR validity_date >= ?))SQL",
                            {company_id, today});
    return {r ? r->int64(0) : 0, Money::from_cents(r ? r->int64(1) : 0)};
}

}  // namespace comptoir::dashboard::storage
