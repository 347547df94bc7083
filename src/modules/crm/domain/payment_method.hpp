// How a client pays (moyen de paiement): stored on the client as the default and on each payment.
#pragma once

#include <array>
#include <string_view>

#include "core/error.hpp"

namespace comptoir::crm {

enum class PaymentMethod { Transfer, Card, Cheque, Cash, DirectDebit, Other };

inline constexpr std::array<PaymentMethod, 6> kAllPaymentMethods = {
    PaymentMethod::Transfer, PaymentMethod::Cheque, PaymentMethod::Card,
    PaymentMethod::DirectDebit, PaymentMethod::Cash, PaymentMethod::Other};  // in the order shown in a select

// Stable codes for storage and the API: "transfer", "card", "cheque", "cash", "direct_debit", "other".
std::string_view to_code(PaymentMethod method);

// Case and surrounding spaces are ignored. Issue: payment_method.unknown.
Checked<PaymentMethod> parse_payment_method(std::string_view code);

std::string_view label_fr(PaymentMethod method);  // "Virement", "Carte bancaire", "Chèque", "Espèces", "Prélèvement", "Autre"
std::string_view label_en(PaymentMethod method);  // "Bank transfer", "Card", "Cheque", "Cash", "Direct debit", "Other"

// Payment means code (UNTDID 4461) for EN 16931 invoices (BT-81): 30 credit transfer, 48 bank card,
// 20 cheque, 10 cash, 49 direct debit, 1 instrument not defined.
int untdid_4461_code(PaymentMethod method);

}  // namespace comptoir::crm
