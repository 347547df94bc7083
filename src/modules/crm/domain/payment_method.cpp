#include "modules/crm/domain/payment_method.hpp"

#include <string>

#include "core/text/utf8.hpp"

namespace comptoir::crm {
namespace {

struct MethodInfo {
    PaymentMethod method;
    std::string_view code;
    std::string_view fr;
    std::string_view en;
    int untdid;
};

constexpr std::array<MethodInfo, 6> kMethods = {{
    {PaymentMethod::Transfer, "transfer", "Virement", "Bank transfer", 30},
    {PaymentMethod::Card, "card", "Carte bancaire", "Card", 48},
    {PaymentMethod::Cheque, "cheque", "Chèque", "Cheque", 20},
    {PaymentMethod::Cash, "cash", "Espèces", "Cash", 10},
    {PaymentMethod::DirectDebit, "direct_debit", "Prélèvement", "Direct debit", 49},
    {PaymentMethod::Other, "other", "Autre", "Other", 1},
}};

const MethodInfo& info(PaymentMethod method) {
    for (const auto& m : kMethods) {
        if (m.method == method) return m;
    }
    return kMethods.back();  // out-of-range enum value (cast from storage): treat as "other"
}

}  // namespace

std::string_view to_code(PaymentMethod method) { return info(method).code; }
std::string_view label_fr(PaymentMethod method) { return info(method).fr; }
std::string_view label_en(PaymentMethod method) { return info(method).en; }
int untdid_4461_code(PaymentMethod method) { return info(method).untdid; }

Checked<PaymentMethod> parse_payment_method(std::string_view code) {
    const auto first = code.find_first_not_of(" \t");
    std::string c;
    if (first != std::string_view::npos) c = std::string(code.substr(first, code.find_last_not_of(" \t") - first + 1));
    for (char& ch : c) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    for (const auto& m : kMethods) {
        if (m.code == c) return m.method;
    }
    const std::string shown = quote_excerpt(code);
    return reject("payment_method.unknown",
                  "« " + shown + " » n'est pas un moyen de paiement connu (virement, carte, chèque, espèces, "
                  "prélèvement ou autre).",
                  "\"" + shown + "\" is not a known payment method (transfer, card, cheque, cash, direct debit or other).");
}

}  // namespace comptoir::crm
