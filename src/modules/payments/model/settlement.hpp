// What remains due on a document and the payment state it gives: the one place where both are
// computed (allocation checks, document pages and lists, balances all read it).
#pragma once

#include <string>
#include <string_view>

#include "core/money/money.hpp"

namespace comptoir::payments {

// The documents payments settle: invoices (types invoice, deposit_invoice, situation_invoice),
// settled by payments and by the credit notes that correct them; credit notes, settled by refunds.
bool is_payable_invoice(std::string_view type);
bool is_credit_note(std::string_view type);
// Issued: not a draft and not cancelled.
bool is_issued(std::string_view status);

// An invoice: its amount due (after deposits) less its active allocations and the issued credit
// notes that correct it. A credit note: its total less the refunds allocated to it. May be negative
// (an invoice credited after it was paid): the client then has a credit.
Money remaining_due(Money due, Money allocated, Money credited);

// "paid" (nothing remains), "overdue" (something remains and the due date is before today),
// "partially_paid" (something was settled) or "unpaid".
std::string payment_status(Money due, Money allocated, Money credited, const std::string& due_date,
                           const std::string& today);

}  // namespace comptoir::payments
