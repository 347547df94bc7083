// Payments' use cases: record a payment (or a refund) with its allocations, allocate a payment's
// remaining credit later, cancel a wrong payment, read payments and a client's balance. Each use case
// is one transaction with its audit entry; pages, the API and the CLI all come through here.
//
// Permissions: every role reads; admins, sales and accountants record payments and allocate them;
// only admins and accountants cancel one.
//
// It is also the sales module's PaymentStatusSource: issued invoices' "unpaid", "partially_paid",
// "paid" or "overdue" come from here (model/settlement.hpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/payments/model/history_source.hpp"
#include "modules/payments/model/payment.hpp"
#include "modules/payments/storage/payment_store.hpp"
#include "modules/sales/service/document_service.hpp"
#include "store/database.hpp"

namespace comptoir::crm {
class ClientService;
}

namespace comptoir::payments {

// An issued invoice of the client with something still to pay, for the payment form.
struct OpenInvoice {
    std::int64_t id = 0;
    std::string number;
    std::string due_date;
    Money remaining;
};

struct PaymentPage {
    std::vector<Payment> items;
    std::optional<std::int64_t> next_before_id;
};

class PaymentService : public sales::PaymentStatusSource {
public:
    PaymentService(store::Database& db, crm::ClientService& clients, sales::DocumentService& documents);

    // Records a payment received (allocated to the client's issued invoices) or a refund (allocated,
    // in full, to the client's credit notes). Allocation errors name `allocations[i].document_id` or
    // `allocations[i].amount`.
    Result<Payment> create(const Actor& actor, PaymentInput input);
    // Allocates what a payment has not allocated yet.
    Result<Payment> allocate(const Actor& actor, std::int64_t id, const std::vector<AllocationRequest>& allocations);
    // Cancels a payment and its allocations (never edited); `reason` is required.
    Result<Payment> cancel(const Actor& actor, std::int64_t id, const std::string& reason);
    Result<Payment> get(const Actor& actor, std::int64_t id);
    // Who recorded, allocated and cancelled the payment, newest first.
    Result<std::vector<audit::Entry>> history(const Actor& actor, std::int64_t id);
    Result<PaymentPage> list(const Actor& actor, storage::PaymentQuery query);
    Result<ClientBalance> balance(const Actor& actor, std::int64_t client_id);
    // The client's issued invoices with something still due, oldest first.
    Result<std::vector<OpenInvoice>> open_invoices(const Actor& actor, std::int64_t client_id);
    // The same for a kind of payment: issued invoices with something due (payments), or credit notes
    // with something not refunded yet (refunds).
    Result<std::vector<OpenInvoice>> open_documents(const Actor& actor, std::int64_t client_id, PaymentKind kind);
    // The client's history as a ledger over [from, to] (ISO dates, "" for open ends), showing the
    // kinds listed (all when empty); balances always count every event.
    Result<Ledger> ledger(const Actor& actor, std::int64_t client_id, const std::string& from, const std::string& to,
                          const std::vector<std::string>& kinds);

    // Adds a source of events shown in the history outside the balance (emails sent...). Call at
    // start-up, before serving.
    // The account statement over [from, to] ("" for open ends) as PDF, on the company's letterhead,
    // and as CSV (every kind, or those listed).
    Result<std::string> statement_pdf(const Actor& actor, std::int64_t client_id, const std::string& from,
                                      const std::string& to);
    Result<std::string> statement_csv(const Actor& actor, std::int64_t client_id, const std::string& from,
                                      const std::string& to, const std::vector<std::string>& kinds);

    void add_history_source(HistorySource& source) { history_sources_.push_back(&source); }

    std::map<std::int64_t, std::string> statuses(store::Connection& conn, std::int64_t company_id,
                                                 const std::vector<const sales::Document*>& documents,
                                                 const std::string& today) override;

private:
    Result<void> check_client(const Actor& actor, std::int64_t client_id, const std::string& field);
    // Checks and writes `allocations` of `payment` (whose own allocations are already counted).
    Result<void> apply_allocations(store::Connection& conn, const Actor& actor, const Payment& payment,
                                   const std::vector<AllocationRequest>& allocations, const std::string& now);

    store::Database& db_;
    crm::ClientService& clients_;
    sales::DocumentService& documents_;
    std::vector<HistorySource*> history_sources_;
};

bool can_record(const Actor& actor);
bool can_cancel(const Actor& actor);

}  // namespace comptoir::payments
