// Payment terms agreed with a client (délai de paiement), as stored on the client and copied onto
// invoices, where French law requires them to be stated (Code de commerce, art. L441-9).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace comptoir::crm {

struct PaymentTerms {
    int days = 30;              // 0 = on receipt (or end of the issue month, with end_of_month)
    bool end_of_month = false;  // "fin de mois"

    friend bool operator==(const PaymentTerms&, const PaymentTerms&) = default;
};

// Code de commerce, art. L441-10 I: between businesses, at most 60 days from the invoice date, or
// 45 days end of month when expressly agreed. (Some sectors have shorter caps, e.g. transport or
// perishable food at 30 days; those are not enforced here.)
inline constexpr int kMaxPaymentDays = 60;
inline constexpr int kMaxPaymentDaysEndOfMonth = 45;

// Codes: "on_receipt" (or "0", "0d"), "<n>d" ("30d") and "<n>d_eom" ("45d_eom", "0d_eom" for
// "fin de mois"). Case and surrounding spaces are ignored.
// Issues: payment_terms.empty, payment_terms.invalid, payment_terms.too_long.
Checked<PaymentTerms> parse_payment_terms(std::string_view code);

// The same legal bounds for terms built in code or read from a form with separate fields.
Checked<PaymentTerms> check_payment_terms(const PaymentTerms& terms);

std::string to_code(const PaymentTerms& terms);   // "on_receipt", "30d", "45d_eom"
std::string label_fr(const PaymentTerms& terms);  // "À réception", "30 jours", "45 jours fin de mois"
std::string label_en(const PaymentTerms& terms);  // "On receipt", "30 days", "45 days end of month"

// What the select box offers: on receipt, 15d, 30d, 30d_eom, 45d, 45d_eom, 60d.
std::vector<PaymentTerms> common_payment_terms();

// "N jours" = issue date + N days. "N jours fin de mois" = issue date + N days, then the last day of
// that month: the reading most French businesses use and the one the DGCCRF accepts (the other
// reading, end of the issue month then + N days, is also tolerated but not implemented).
// An invalid issue date (e.g. 2024-02-30) is returned unchanged.
std::chrono::year_month_day due_date(std::chrono::year_month_day issue_date, const PaymentTerms& terms);

}  // namespace comptoir::crm
