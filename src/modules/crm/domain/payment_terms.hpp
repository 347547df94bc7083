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
    // Which "fin de mois": false (the default) is "N jours fin de mois" — add the days, then go to
    // the end of that month; true is "fin de mois + N jours" (also said "le N du mois suivant") — go
    // to the end of the issue month, then add the days. Only meaningful with end_of_month.
    bool days_after_end_of_month = false;

    friend bool operator==(const PaymentTerms&, const PaymentTerms&) = default;
};

// Code de commerce, art. L441-10 I: between businesses, at most 60 days from the invoice date, or
// 45 days end of month when expressly agreed. (Some sectors have shorter caps, e.g. transport or
// perishable food at 30 days; those are not enforced here.)
inline constexpr int kMaxPaymentDays = 60;
inline constexpr int kMaxPaymentDaysEndOfMonth = 45;

// Codes: "on_receipt" (or "0", "0d"), "<n>d" ("30d"), "<n>d_eom" ("45d_eom", "0d_eom" for
// "fin de mois") and "eom_<n>d" ("eom_10d": end of month + 10 days). Case and surrounding spaces are
// ignored. Issues: payment_terms.empty, payment_terms.invalid, payment_terms.too_long.
Checked<PaymentTerms> parse_payment_terms(std::string_view code);

// The same legal bounds for terms built in code or read from a form with separate fields. Both
// end-of-month readings share the 45-day cap. "End of month + 0 days" comes back as "0d_eom" (the
// same date), so each due-date rule has one code.
Checked<PaymentTerms> check_payment_terms(const PaymentTerms& terms);

std::string to_code(const PaymentTerms& terms);   // "on_receipt", "30d", "45d_eom", "eom_10d"
std::string label_fr(const PaymentTerms& terms);  // "À réception", "30 jours", "45 jours fin de mois", "Fin de mois + 10 jours"
std::string label_en(const PaymentTerms& terms);  // "On receipt", "30 days", "45 days end of month", "End of month + 10 days"

// What the select box offers: on receipt, 15d, 30d, 30d_eom, 45d, 45d_eom, 60d.
std::vector<PaymentTerms> common_payment_terms();

// The date an invoice must be paid by (a mandatory mention, C. com. L441-9), from its issue date:
//   "À réception"            = the issue date;
//   "N jours"                = issue date + N days;
//   "N jours fin de mois"    = issue date + N days, then the last day of that month — the reading
//                              most French businesses use;
//   "Fin de mois + N jours"  = the last day of the issue month, then + N days — the other reading,
//                              which the DGCCRF also accepts (days_after_end_of_month).
// An invalid issue date (e.g. 2024-02-30) is returned unchanged.
std::chrono::year_month_day due_date(std::chrono::year_month_day issue_date, const PaymentTerms& terms);

}  // namespace comptoir::crm
