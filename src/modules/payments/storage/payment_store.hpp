// SQL for payments and their allocations, and the sums the payment states and balances read from
// documents. Every function takes the company id and every statement is scoped by it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/payments/model/ledger.hpp"
#include "modules/payments/model/payment.hpp"
#include "store/database.hpp"

namespace comptoir::payments::storage {

std::int64_t insert_payment(store::Connection& conn, std::int64_t company_id, const Payment& p, std::int64_t user_id,
                            const std::string& now);
void insert_allocation(store::Connection& conn, std::int64_t company_id, std::int64_t payment_id,
                       const AllocationRequest& a, std::int64_t user_id, const std::string& now);
// With `lock`, the payment's row stays locked until the transaction ends (PostgreSQL; SQLite's
// write transaction already serialises writers).
std::optional<Payment> find_payment(store::Connection& conn, std::int64_t company_id, std::int64_t id, bool lock = false);
// Cancels the payment and every allocation it has.
void cancel_payment(store::Connection& conn, std::int64_t company_id, std::int64_t id, const std::string& reason,
                    std::int64_t user_id, const std::string& now);

struct PaymentQuery {
    std::optional<std::int64_t> client_id;
    std::string from, to;  // ISO dates on the payment date
    std::optional<PaymentKind> kind;
    std::optional<PaymentMethod> method;
    int limit = 25;
    std::optional<std::int64_t> before_id;  // keyset: newest first
};
std::vector<Payment> list_payments(store::Connection& conn, std::int64_t company_id, const PaymentQuery& q);

// An issued document as payments see it.
struct DocumentFacts {
    std::int64_t id = 0;
    std::string type;    // sales document type code
    std::string status;  // sales document status code
    std::int64_t client_id = 0;
    std::string number;
    std::string due_date;
    Money amount_due;      // invoices: total incl. VAT less deposits deducted
    Money total_incl_vat;  // credit notes: what they give back
};
std::optional<DocumentFacts> find_document(store::Connection& conn, std::int64_t company_id, std::int64_t id,
                                           bool lock = false);
std::vector<DocumentFacts> find_documents(store::Connection& conn, std::int64_t company_id,
                                          const std::vector<std::int64_t>& ids);

// What already settles each document: its active allocations and (invoices) the issued credit
// notes that correct it. Documents with neither are absent.
struct Settlement {
    Money allocated;
    Money credited;
};
std::map<std::int64_t, Settlement> settlements(store::Connection& conn, std::int64_t company_id,
                                               const std::vector<std::int64_t>& ids);

ClientBalance client_balance(store::Connection& conn, std::int64_t company_id, std::int64_t client_id);

// Every issued document and every payment of the client, as ledger events (model/ledger.hpp), with
// the same amounts client_balance adds up.
std::vector<LedgerEvent> ledger_events(store::Connection& conn, std::int64_t company_id, std::int64_t client_id);

}  // namespace comptoir::payments::storage
