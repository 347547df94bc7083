#include "modules/payments/model/payment.hpp"

#include <array>
#include <utility>

namespace comptoir::payments {
namespace {

constexpr std::array<std::pair<PaymentMethod, std::string_view>, 6> kMethods{{
    {PaymentMethod::Transfer, "transfer"},
    {PaymentMethod::Card, "card"},
    {PaymentMethod::Cheque, "cheque"},
    {PaymentMethod::Cash, "cash"},
    {PaymentMethod::DirectDebit, "direct_debit"},
    {PaymentMethod::Other, "other"},
}};

}  // namespace

std::string_view to_code(PaymentKind k) { return k == PaymentKind::Refund ? "refund" : "payment"; }

std::optional<PaymentKind> parse_payment_kind(std::string_view code) {
    if (code == "payment") return PaymentKind::Payment;
    if (code == "refund") return PaymentKind::Refund;
    return std::nullopt;
}

std::string_view to_code(PaymentMethod m) {
    for (const auto& [method, code] : kMethods)
        if (method == m) return code;
    return "other";
}

std::optional<PaymentMethod> parse_payment_method(std::string_view code) {
    for (const auto& [method, c] : kMethods)
        if (c == code) return method;
    return std::nullopt;
}

Money Payment::allocated() const {
    Money sum;
    for (const auto& a : allocations) sum += a.amount;
    return sum;
}

}  // namespace comptoir::payments
