#include "modules/dashboard/storage/dashboard_store.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <unordered_map>

namespace comptoir::dashboard::storage {
namespace {

// The documents that count as invoiced: issued invoices of every kind and credit notes, numbered
// in the legal series, so the dashboard_documents index serves the date range. Binds: company,
// from, to.
constexpr const char* kInvoicedInPeriod = R"SQL(
d.company_id = ? AND d.series IN ('invoice', 'credit_note')
AND d.type IN ('invoice', 'deposit_invoice', 'situation_invoice', 'credit_note')
AND d.status NOT IN ('draft', 'cancelled') AND d.issue_date >= ? AND d.issue_date <= ?)SQL";

// The same for one series, grouped by issue date: the index gives the dates in order, so the sums
// stream out without a sort (a few hundred rows a year, put into months here). Binds: company,
// series, from, to.
constexpr const char* kInvoicedPerDay = R"SQL(
SELECT d.issue_date,
SUM(CASE WHEN d.type = 'credit_note' THEN -ABS(d.total_excl_vat_cents) ELSE d.total_excl_vat_cents END),
SUM(CASE WHEN d.type = 'credit_note' THEN -ABS(d.total_incl_vat_cents) ELSE d.amount_due_cents END),
SUM(CASE WHEN d.prepaid_cents <> 0 THEN 1 ELSE 0 END)
FROM documents d WHERE d.company_id = ? AND d.series = ?
AND d.type IN ('invoice', 'deposit_invoice', 'situation_invoice', 'credit_note')
AND d.status NOT IN ('draft', 'cancelled') AND d.issue_date >= ? AND d.issue_date <= ?
GROUP BY d.issue_date)SQL";

// A document's contribution to "invoiced": a credit note subtracts its total; an invoice adds its
// total excluding VAT and, including VAT, its amount due (the total less the deposits it deducts).
// The deposits' part excluding VAT is taken off by deducted_deposits().
constexpr const char* kSums = R"SQL(
SUM(CASE WHEN d.type = 'credit_note' THEN -ABS(d.total_excl_vat_cents) ELSE d.total_excl_vat_cents END),
SUM(CASE WHEN d.type = 'credit_note' THEN -ABS(d.total_incl_vat_cents) ELSE d.amount_due_cents END))SQL";

struct Deduction {
    std::string month;
    std::int64_t client_id = 0;
    std::int64_t excl_vat_cents = 0;
};

// A final invoice deducts the deposits invoiced before it from the same quote or order (sales'
// deposits_invoiced at validation; the chain sequence orders validations). Each deposit was counted
// when issued, so the final invoice counts, excluding VAT, its total less theirs. Final invoices with
// deposits and deposits are few: both are read and matched here, which no statistics can turn into a
// scan of every document per final invoice.
std::vector<Deduction> deducted_deposits(store::Connection& conn, std::int64_t company_id, const std::string& from,
                                         const std::string& to) {
    struct Final {
        std::string month;
        std::int64_t client_id, source_id, chain_seq;
    };
    std::vector<Final> finals;
    for (const auto& r : conn.query(R"SQL(
SELECT substr(d.issue_date, 1, 7), d.client_id, d.source_id, d.chain_seq FROM documents d
WHERE d.company_id = ? AND d.series = 'invoice' AND d.issue_date >= ? AND d.issue_date <= ?
AND d.type = 'invoice' AND d.status NOT IN ('draft', 'cancelled') AND d.prepaid_cents <> 0
AND d.source_id IS NOT NULL)SQL",
                                    {company_id, from, to}))
        finals.push_back({r.text(0), r.int64(1), r.int64(2), r.int64(3)});
    std::vector<Deduction> out;
    if (finals.empty()) return out;
    std::unordered_multimap<std::int64_t, std::pair<std::int64_t, std::int64_t>> deposits;  // source → (seq, excl)
    for (const auto& r : conn.query("SELECT source_id, chain_seq, total_excl_vat_cents FROM documents "
                                    "WHERE company_id = ? AND type = 'deposit_invoice' AND status <> 'draft' "
                                    "AND source_id IS NOT NULL",
                                    {company_id}))
        deposits.emplace(r.int64(0), std::pair{r.int64(1), r.int64(2)});
    for (const auto& f : finals) {
        std::int64_t sum = 0;
        auto [first, last] = deposits.equal_range(f.source_id);
        for (auto it = first; it != last; ++it)
            if (it->second.first < f.chain_seq) sum += it->second.second;
        if (sum != 0) out.push_back({f.month, f.client_id, sum});
    }
    return out;
}

}  // namespace

Invoiced invoiced(store::Connection& conn, std::int64_t company_id, const std::string& from, const std::string& to) {
    Invoiced out;
    std::int64_t with_deposits = 0;  // final invoices deducting deposits, in the period
    for (const char* series : {"invoice", "credit_note"})
        for (const auto& r : conn.query(kInvoicedPerDay, {company_id, std::string(series), from, to})) {
            auto& month = out.by_month[r.text(0).substr(0, 7)];
            month.excl_vat += Money::from_cents(r.int64(1));
            month.incl_vat += Money::from_cents(r.int64(2));
            with_deposits += r.int64(3);
        }
    // "+d.client_id": grouped through a temporary tree after reading the covering index, rather than
    // by walking documents_by_client, which would read every row of the company in client order.
    std::unordered_map<std::int64_t, std::size_t> at;
    for (const auto& r : conn.query(std::string("SELECT +d.client_id, ") + kSums + " FROM documents d WHERE " +
                                        kInvoicedInPeriod + " GROUP BY +d.client_id",
                                    {company_id, from, to})) {
        at[r.int64(0)] = out.by_client.size();
        out.by_client.push_back({r.int64(0), Money::from_cents(r.int64(1)), Money::from_cents(r.int64(2))});
    }
    if (with_deposits == 0) return out;
    for (const auto& d : deducted_deposits(conn, company_id, from, to)) {
        out.by_month[d.month].excl_vat -= Money::from_cents(d.excl_vat_cents);
        if (auto it = at.find(d.client_id); it != at.end())
            out.by_client[it->second].excl_vat -= Money::from_cents(d.excl_vat_cents);
    }
    return out;
}

std::map<std::string, CollectedMonth> collected_by_month(store::Connection& conn, std::int64_t company_id,
                                                         const std::string& from, const std::string& to) {
    std::map<std::string, CollectedMonth> out;
    for (const auto& r : conn.query(R"SQL(
SELECT payment_date,
       SUM(CASE WHEN kind = 'payment' THEN amount_cents ELSE 0 END),
       SUM(CASE WHEN kind = 'refund' THEN amount_cents ELSE 0 END)
FROM payments WHERE company_id = ? AND payment_date >= ? AND payment_date <= ? AND cancelled = 0
GROUP BY payment_date)SQL",
                                    {company_id, from, to})) {
        // Per day, in the index's order (no sort), put into months here.
        auto& month = out[r.text(0).substr(0, 7)];
        month.received += Money::from_cents(r.int64(1));
        month.refunded += Money::from_cents(r.int64(2));
    }
    return out;
}

std::vector<OpenInvoice> open_invoices(store::Connection& conn, std::int64_t company_id) {
    // Three index-only reads put together here (the allocations summed per invoice, the credit notes
    // summed per invoice, then the invoices), rather than two look-ups for each invoice. Both sums
    // come out in invoice id order (GROUP BY on the index), so they are searched, not hashed.
    using Sums = std::vector<std::pair<std::int64_t, std::int64_t>>;  // invoice id → cents, by id
    auto sums = [&](const char* sql) {
        Sums out;
        for (const auto& r : conn.query(sql, {company_id})) out.emplace_back(r.int64(0), r.int64(1));
        if (!std::is_sorted(out.begin(), out.end())) std::sort(out.begin(), out.end());  // PostgreSQL may hash
        return out;
    };
    const Sums allocated = sums(
        "SELECT document_id, SUM(amount_cents) FROM payment_allocations WHERE company_id = ? AND cancelled = 0 "
        "GROUP BY document_id");
    const Sums credited = sums(
        "SELECT corrects_id, SUM(ABS(total_incl_vat_cents)) FROM documents WHERE company_id = ? "
        "AND type = 'credit_note' AND status NOT IN ('draft', 'cancelled') AND corrects_id IS NOT NULL "
        "GROUP BY corrects_id");
    auto find = [](const Sums& s, std::int64_t id) -> std::int64_t {
        auto it = std::lower_bound(s.begin(), s.end(), std::pair<std::int64_t, std::int64_t>{id, INT64_MIN});
        return it != s.end() && it->first == id ? it->second : 0;
    };
    std::vector<OpenInvoice> out;
    // Issued invoices of every kind are numbered in the invoice series (drafts have none).
    for (const auto& r : conn.query(R"SQL(
SELECT id, client_id, due_date, amount_due_cents FROM documents
WHERE company_id = ? AND series = 'invoice' AND type IN ('invoice', 'deposit_invoice', 'situation_invoice')
AND status NOT IN ('draft', 'cancelled'))SQL",
                                    {company_id})) {
        const std::int64_t id = r.int64(0);
        const std::int64_t remaining = r.int64(3) - find(allocated, id) - find(credited, id);
        if (remaining > 0) out.push_back({r.int64(1), r.text(2), Money::from_cents(remaining)});
    }
    return out;
}

std::map<std::int64_t, std::string> client_names(store::Connection& conn, std::int64_t company_id,
                                                 const std::vector<std::int64_t>& ids) {
    std::map<std::int64_t, std::string> out;
    if (ids.empty()) return out;
    std::vector<store::Value> params;
    params.reserve(ids.size() + 1);
    params.emplace_back(company_id);
    std::string in;
    for (auto id : ids) {
        params.emplace_back(id);
        in += in.empty() ? "?" : ", ?";
    }
    for (const auto& r : conn.query("SELECT id, display_name FROM clients WHERE company_id = ? AND id IN (" + in + ")", params))
        out[r.int64(0)] = r.text(1);
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
