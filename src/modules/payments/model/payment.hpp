// A payment received from a client (or a refund paid back to one), and how it is allocated to
// issued documents. Payments are never edited: a wrong one is cancelled (with its allocations) and
// recorded again. What a payment does not allocate stays as the client's credit, allocated later.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money/money.hpp"

namespace comptoir::payments {

// A payment received (allocated to invoices) or a refund paid (allocated to credit notes).
enum class PaymentKind { Payment, Refund };
std::string_view to_code(PaymentKind k);  // "payment", "refund"
std::optional<PaymentKind> parse_payment_kind(std::string_view code);

enum class PaymentMethod { Transfer, Card, Cheque, Cash, DirectDebit, Other };
std::string_view to_code(PaymentMethod m);  // "transfer", "card", "cheque", "cash", "direct_debit", "other"
std::optional<PaymentMethod> parse_payment_method(std::string_view code);

struct Allocation {
    std::int64_t id = 0;
    std::int64_t document_id = 0;
    Money amount;
    // The document as it is, for display.
    std::string document_type;
    std::string document_number;
    std::string created_at;
    std::int64_t created_by = 0;
};

// One allocation asked for: `amount` of the payment to `document_id`.
struct AllocationRequest {
    std::int64_t document_id = 0;
    Money amount;
};

struct Payment {
    std::int64_t id = 0;
    std::int64_t client_id = 0;
    std::string client_name;  // as the client is named now, for display
    PaymentKind kind = PaymentKind::Payment;
    std::string date;  // ISO date, as in Europe/Paris
    Money amount;      // > 0, in both directions
    PaymentMethod method = PaymentMethod::Transfer;
    std::string reference;     // cheque number, transfer label…
    std::string bank_account;  // the account it went to (free label)
    std::string notes;
    std::string created_at;
    std::int64_t created_by = 0;
    bool cancelled = false;
    std::string cancelled_at;
    std::int64_t cancelled_by = 0;
    std::string cancel_reason;

    std::vector<Allocation> allocations;  // active ones (a cancelled payment keeps them for the record)
    Money allocated() const;
    Money unallocated() const { return amount - allocated(); }
};

// What a request to record a payment carries.
struct PaymentInput {
    Payment payment;
    std::vector<AllocationRequest> allocations;
};

// A client's account: invoices (amount due after deposits) − credit notes − payments + refunds.
struct ClientBalance {
    std::int64_t client_id = 0;
    Money invoiced, credited, paid, refunded, unallocated_credit;
    Money balance() const { return invoiced - credited - paid + refunded; }
};

}  // namespace comptoir::payments
