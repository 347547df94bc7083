#include "modules/payments/model/settlement.hpp"

namespace comptoir::payments {

bool is_payable_invoice(std::string_view type) {
    return type == "invoice" || type == "deposit_invoice" || type == "situation_invoice";
}
bool is_credit_note(std::string_view type) { return type == "credit_note"; }
bool is_issued(std::string_view status) { return status != "draft" && status != "cancelled"; }

Money remaining_due(Money due, Money allocated, Money credited) { return due - allocated - credited; }

std::string payment_status(Money due, Money allocated, Money credited, const std::string& due_date,
                           const std::string& today) {
    if (remaining_due(due, allocated, credited).cents() <= 0) return "paid";
    if (!due_date.empty() && due_date < today) return "overdue";
    if (!allocated.is_zero() || !credited.is_zero()) return "partially_paid";
    return "unpaid";
}

}  // namespace comptoir::payments
