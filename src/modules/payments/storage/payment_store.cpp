#include "modules/payments/storage/payment_store.hpp"

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"

#include "modules/payments/model/settlement.hpp"

namespace comptoir::payments::storage {
namespace {

constexpr const char* kPaymentColumns =
    "id, client_id, kind, payment_date, amount_cents, method, reference, bank_account, notes, created_at, created_by, "
    "cancelled, cancelled_at, cancelled_by, cancel_reason, "
    "(SELECT c.display_name FROM clients c WHERE c.company_id = payments.company_id AND c.id = payments.client_id)";

Payment payment_from(const store::Row& r) {
    Payment p;
    p.id = r.int64(0);
    p.client_id = r.int64(1);
    p.kind = parse_payment_kind(r.text(2)).value_or(PaymentKind::Payment);
    p.date = r.text(3);
    p.amount = Money::from_cents(r.int64(4));
    p.method = parse_payment_method(r.text(5)).value_or(PaymentMethod::Other);
    p.reference = r.text(6);
    p.bank_account = r.text(7);
    p.notes = r.text(8);
    p.created_at = r.text(9);
    p.created_by = r.int64(10);
    p.cancelled = r.boolean(11);
    p.cancelled_at = r.text(12);
    p.cancelled_by = r.int64(13);
    p.cancel_reason = r.text(14);
    p.client_name = r.is_null(15) ? std::string() : r.text(15);
    return p;
}

std::string placeholders(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
}

std::string for_update(store::Connection& conn, bool lock) {
    return lock && conn.dialect() == store::Dialect::Postgres ? " FOR UPDATE" : "";
}

void load_allocations(store::Connection& conn, std::int64_t company_id, std::vector<Payment*> payments) {
    if (payments.empty()) return;
    std::vector<store::Value> params{company_id};
    std::map<std::int64_t, Payment*> by_id;
    for (auto* p : payments) {
        params.push_back(p->id);
        by_id[p->id] = p;
    }
    auto rows = conn.query(
        "SELECT a.id, a.payment_id, a.document_id, a.amount_cents, a.created_at, a.created_by, d.type, d.number "
        "FROM payment_allocations a JOIN documents d ON d.company_id = a.company_id AND d.id = a.document_id "
        "WHERE a.company_id = ? AND a.payment_id IN (" + placeholders(payments.size()) + ") ORDER BY a.id",
        params);
    for (const auto& r : rows) {
        Allocation a;
        a.id = r.int64(0);
        a.document_id = r.int64(2);
        a.amount = Money::from_cents(r.int64(3));
        a.created_at = r.text(4);
        a.created_by = r.int64(5);
        a.document_type = r.text(6);
        a.document_number = r.text(7);
        by_id.at(r.int64(1))->allocations.push_back(std::move(a));
    }
}

DocumentFacts facts_from(const store::Row& r) {
    DocumentFacts f;
    f.id = r.int64(0);
    f.type = r.text(1);
    f.status = r.text(2);
    f.client_id = r.int64(3);
    f.number = r.text(4);
    f.due_date = r.text(5);
    f.amount_due = Money::from_cents(r.int64(6));
    f.total_incl_vat = Money::from_cents(r.int64(7));
    return f;
}

constexpr const char* kFactsColumns =
    "SELECT id, type, status, client_id, number, due_date, amount_due_cents, total_incl_vat_cents FROM documents ";

}  // namespace

std::int64_t insert_payment(store::Connection& conn, std::int64_t company_id, const Payment& p, std::int64_t user_id,
                            const std::string& now) {
    return conn.insert(
        "INSERT INTO payments (company_id, client_id, kind, payment_date, amount_cents, method, reference, bank_account, "
        "notes, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {company_id, p.client_id, std::string(to_code(p.kind)), p.date, p.amount.cents(), std::string(to_code(p.method)),
         p.reference, p.bank_account, p.notes, now, user_id});
}

void insert_allocation(store::Connection& conn, std::int64_t company_id, std::int64_t payment_id,
                       const AllocationRequest& a, std::int64_t user_id, const std::string& now) {
    conn.insert(
        "INSERT INTO payment_allocations (company_id, payment_id, document_id, amount_cents, created_at, created_by) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {company_id, payment_id, a.document_id, a.amount.cents(), now, user_id});
}

std::optional<Payment> find_payment(store::Connection& conn, std::int64_t company_id, std::int64_t id, bool lock) {
    auto row = conn.query_one(std::string("SELECT ") + kPaymentColumns +
                                  " FROM payments WHERE company_id = ? AND id = ?" + for_update(conn, lock),
                              {company_id, id});
    if (!row) return std::nullopt;
    Payment p = payment_from(*row);
    load_allocations(conn, company_id, {&p});
    return p;
}

void cancel_payment(store::Connection& conn, std::int64_t company_id, std::int64_t id, const std::string& reason,
                    std::int64_t user_id, const std::string& now) {
    conn.execute(
        "UPDATE payments SET cancelled = 1, cancelled_at = ?, cancelled_by = ?, cancel_reason = ? "
        "WHERE company_id = ? AND id = ?",
        {now, user_id, reason, company_id, id});
    conn.execute("UPDATE payment_allocations SET cancelled = 1 WHERE company_id = ? AND payment_id = ?", {company_id, id});
}

std::vector<Payment> list_payments(store::Connection& conn, std::int64_t company_id, const PaymentQuery& q) {
    std::string sql = std::string("SELECT ") + kPaymentColumns + " FROM payments WHERE company_id = ?";
    std::vector<store::Value> params{company_id};
    if (q.client_id) {
        sql += " AND client_id = ?";
        params.push_back(*q.client_id);
    }
    if (!q.from.empty()) {
        sql += " AND payment_date >= ?";
        params.push_back(q.from);
    }
    if (!q.to.empty()) {
        sql += " AND payment_date <= ?";
        params.push_back(q.to);
    }
    if (q.kind) {
        sql += " AND kind = ?";
        params.push_back(std::string(to_code(*q.kind)));
    }
    if (q.method) {
        sql += " AND method = ?";
        params.push_back(std::string(to_code(*q.method)));
    }
    if (q.before_id) {
        sql += " AND id < ?";
        params.push_back(*q.before_id);
    }
    sql += " ORDER BY id DESC LIMIT ?";
    params.push_back(static_cast<std::int64_t>(q.limit));
    std::vector<Payment> out;
    for (const auto& r : conn.query(sql, params)) out.push_back(payment_from(r));
    std::vector<Payment*> ptrs;
    for (auto& p : out) ptrs.push_back(&p);
    load_allocations(conn, company_id, ptrs);
    return out;
}

std::optional<DocumentFacts> find_document(store::Connection& conn, std::int64_t company_id, std::int64_t id, bool lock) {
    auto row = conn.query_one(std::string(kFactsColumns) + "WHERE company_id = ? AND id = ?" + for_update(conn, lock),
                              {company_id, id});
    if (!row) return std::nullopt;
    return facts_from(*row);
}

std::vector<DocumentFacts> find_documents(store::Connection& conn, std::int64_t company_id,
                                          const std::vector<std::int64_t>& ids) {
    std::vector<DocumentFacts> out;
    if (ids.empty()) return out;
    std::vector<store::Value> params{company_id};
    for (auto id : ids) params.push_back(id);
    for (const auto& r : conn.query(std::string(kFactsColumns) + "WHERE company_id = ? AND id IN (" +
                                        placeholders(ids.size()) + ")",
                                    params))
        out.push_back(facts_from(r));
    return out;
}

std::map<std::int64_t, Settlement> settlements(store::Connection& conn, std::int64_t company_id,
                                               const std::vector<std::int64_t>& ids) {
    std::map<std::int64_t, Settlement> out;
    if (ids.empty()) return out;
    std::vector<store::Value> params{company_id};
    for (auto id : ids) params.push_back(id);
    const std::string in = " IN (" + placeholders(ids.size()) + ")";
    for (const auto& r : conn.query("SELECT document_id, SUM(amount_cents) FROM payment_allocations "
                                    "WHERE company_id = ? AND cancelled = 0 AND document_id" + in +
                                        " GROUP BY document_id",
                                    params))
        out[r.int64(0)].allocated = Money::from_cents(r.int64(1));
    for (const auto& r : conn.query("SELECT corrects_id, SUM(ABS(total_incl_vat_cents)) FROM documents "
                                    "WHERE company_id = ? AND type = 'credit_note' AND status NOT IN ('draft', 'cancelled') "
                                    "AND corrects_id" + in + " GROUP BY corrects_id",
                                    params))
        out[r.int64(0)].credited = Money::from_cents(r.int64(1));
    return out;
}

ClientBalance client_balance(store::Connection& conn, std::int64_t company_id, std::int64_t client_id) {
    ClientBalance b;
    b.client_id = client_id;
    auto docs = conn.query_one(
        "SELECT COALESCE(SUM(CASE WHEN type = 'credit_note' THEN 0 ELSE amount_due_cents END), 0), "
        "COALESCE(SUM(CASE WHEN type = 'credit_note' THEN ABS(total_incl_vat_cents) ELSE 0 END), 0) FROM documents "
        "WHERE company_id = ? AND client_id = ? AND status NOT IN ('draft', 'cancelled') "
        "AND type IN ('invoice', 'deposit_invoice', 'situation_invoice', 'credit_note')",
        {company_id, client_id});
    b.invoiced = Money::from_cents(docs->int64(0));
    b.credited = Money::from_cents(docs->int64(1));
    auto pays = conn.query_one(
        "SELECT COALESCE(SUM(CASE WHEN kind = 'payment' THEN amount_cents ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN kind = 'refund' THEN amount_cents ELSE 0 END), 0) FROM payments "
        "WHERE company_id = ? AND client_id = ? AND cancelled = 0",
        {company_id, client_id});
    b.paid = Money::from_cents(pays->int64(0));
    b.refunded = Money::from_cents(pays->int64(1));
    auto allocated = conn.query_one(
        "SELECT COALESCE(SUM(a.amount_cents), 0) FROM payment_allocations a JOIN payments p "
        "ON p.company_id = a.company_id AND p.id = a.payment_id "
        "WHERE a.company_id = ? AND p.client_id = ? AND p.kind = 'payment' AND a.cancelled = 0 AND p.cancelled = 0",
        {company_id, client_id});
    b.unallocated_credit = b.paid - Money::from_cents(allocated->int64(0));
    return b;
}

std::vector<LedgerEvent> ledger_events(store::Connection& conn, std::int64_t company_id, std::int64_t client_id) {
    std::vector<LedgerEvent> out;
    for (const auto& r : conn.query(
             "SELECT id, type, status, COALESCE(number, ''), issue_date, amount_due_cents, total_incl_vat_cents, "
             "COALESCE(due_date, '') FROM documents WHERE company_id = ? AND client_id = ? AND status <> 'draft' ORDER BY id",
             {company_id, client_id})) {
        LedgerEvent e;
        e.id = r.int64(0);
        e.kind = r.text(1);
        e.status = r.text(2);
        e.number = r.text(3);
        e.date = r.text(4);
        e.due_date = r.text(7);
        const Money due = Money::from_cents(r.int64(5)), total = Money::from_cents(std::llabs(r.int64(6)));
        if (is_payable_invoice(e.kind) && e.status != "cancelled") {
            e.debit = due;  // deposits already invoiced are deducted: they were debited on their own
        } else if (is_credit_note(e.kind)) {
            e.credit = total;
        } else {
            e.in_balance = false;  // quotes, orders, pro-forma and provisional invoices: for the record
            e.amount = total;
        }
        out.push_back(std::move(e));
    }
    for (const auto& r : conn.query(
             "SELECT id, kind, payment_date, amount_cents, reference, cancelled, method FROM payments "
             "WHERE company_id = ? AND client_id = ? ORDER BY id",
             {company_id, client_id})) {
        LedgerEvent e;
        e.id = r.int64(0);
        e.kind = r.text(1);
        e.date = r.text(2);
        e.number = r.text(4);
        e.method = r.text(6);
        const Money amount = Money::from_cents(r.int64(3));
        if (r.boolean(5)) {
            e.status = "cancelled";
            e.in_balance = false;
            e.amount = amount;
        } else if (e.kind == "refund") {
            e.debit = amount;
        } else {
            e.credit = amount;
        }
        out.push_back(std::move(e));
    }
    // Status changes of the client's documents (sent, accepted, refused, delivered...) and their
    // archiving, from the audit log where the sales service records them with the change. CROSS JOIN
    // keeps SQLite on the client's documents first (a few) rather than every document entry of the
    // company's audit log; PostgreSQL plans it as the inner join it is.
    for (const auto& r : conn.query(
             "SELECT d.id, a.at, a.action, a.changes, COALESCE(d.number, ''), d.type FROM documents d "
             "CROSS JOIN audit_log a WHERE a.company_id = d.company_id AND a.entity = 'document' AND a.entity_id = d.id "
             "AND d.company_id = ? AND d.client_id = ? AND a.action IN ('status', 'archive', 'restore') "
             "ORDER BY a.id",
             {company_id, client_id})) {
        LedgerEvent e;
        e.id = r.int64(0);
        e.date = paris_date(r.text(1));
        e.kind = "status";
        e.number = r.text(4);
        e.in_balance = false;
        const auto changes = nlohmann::json::parse(r.text(3), nullptr, false);
        const std::string action = r.text(2);
        std::string to = action == "status" && changes.is_object() && changes.contains("to") && changes["to"].is_string()
                             ? changes["to"].get<std::string>()
                             : action;
        std::string from = action == "status" && changes.is_object() && changes.contains("from") &&
                                   changes["from"].is_string()
                               ? changes["from"].get<std::string>()
                               : std::string();
        e.status = to;
        e.previous_status = from;
        e.document_type = r.text(5);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace comptoir::payments::storage
