// A client's history as a general ledger: invoices (debit), credit notes and payments (credit),
// refunds (debit), each with the running balance; and, in the same timeline but outside the
// balance, quotes, orders and cancelled payments. Pure: storage gives the events, this orders them,
// computes the opening balance before the period and the running balance through it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/money/money.hpp"

namespace comptoir::payments {

struct LedgerEvent {
    std::string date;    // ISO date
    std::string kind;    // invoice, deposit_invoice, situation_invoice, credit_note, payment, refund, quote, order, ...
    std::int64_t id = 0;  // the document's or the payment's
    std::string number;  // document number, or the payment's reference
    std::string status;  // the document's status, or "cancelled" for a cancelled payment
    std::string due_date;  // invoices: when they are due
    std::string method;    // payments and refunds: the payment method's code
    // Status changes ("status"): the document's type and the status it left ("" for archive and
    // restore, whose `status` is "archive" or "restore"); `status` is the one it reached.
    std::string document_type;
    std::string previous_status;
    Money debit;         // what the client owes more
    Money credit;        // what the client owes less
    Money amount;        // for events outside the balance: the amount shown for information
    bool in_balance = true;
    std::string detail;  // one more line shown under the label (an email's subject and recipients...)
    std::string link;    // the page to open ("" for the default: the document's page)
};

struct LedgerLine {
    LedgerEvent event;
    Money balance;  // running balance after this line (unchanged by events outside the balance)
};

struct Ledger {
    Money opening;  // balance of everything before `from`
    std::vector<LedgerLine> lines;
    Money total_debit, total_credit;
    Money closing;
};

// Orders the events by date (same day: debits first, then credits, then the rest; then by id),
// keeps those within [from, to] ("" for open ends) whose kind is in `kinds` (empty: all). The
// balance always counts every event of the balance, shown or not, so a filtered view still shows
// true balances.
Ledger build_ledger(std::vector<LedgerEvent> events, const std::string& from, const std::string& to,
                    const std::vector<std::string>& kinds);

}  // namespace comptoir::payments
