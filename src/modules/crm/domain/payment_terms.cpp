#include "modules/crm/domain/payment_terms.hpp"

#include "core/text/utf8.hpp"

namespace comptoir::crm {
namespace {

std::string trim_lower(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    std::string out(s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1));
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string plural_fr(int n, std::string_view word) {
    return std::to_string(n) + " " + std::string(word) + (n > 1 ? "s" : "");
}

}  // namespace

Checked<PaymentTerms> check_payment_terms(const PaymentTerms& terms) {
    if (terms.days_after_end_of_month && !terms.end_of_month) {
        return reject("payment_terms.invalid", "« Fin de mois + N jours » suppose un délai fin de mois.",
                      "\"End of month + N days\" requires end-of-month terms.");
    }
    if (terms.days < 0) {
        return reject("payment_terms.invalid", "Le délai de paiement ne peut pas être négatif.",
                      "Payment terms cannot be negative.");
    }
    const int max = terms.end_of_month ? kMaxPaymentDaysEndOfMonth : kMaxPaymentDays;
    if (terms.days > max) {
        return reject("payment_terms.too_long",
                      "Le délai de paiement ne peut pas dépasser 60 jours après la date de facture, ou 45 jours fin "
                      "de mois (article L441-10 du Code de commerce).",
                      "Payment terms cannot exceed 60 days from the invoice date, or 45 days end of month (French "
                      "Commercial Code, article L441-10).");
    }
    if (terms.days == 0 && terms.days_after_end_of_month) return PaymentTerms{0, true, false};
    return terms;
}

Checked<PaymentTerms> parse_payment_terms(std::string_view code) {
    const std::string c = trim_lower(code);
    if (c.empty()) {
        return reject("payment_terms.empty", "Choisissez un délai de paiement.", "Choose payment terms.");
    }
    if (c == "on_receipt" || c == "0") return PaymentTerms{0, false};
    const bool after_eom = c.starts_with("eom_");  // "eom_10d": end of month, then 10 days
    const std::size_t start = after_eom ? 4 : 0;
    std::size_t i = start;
    int days = 0;
    while (i < c.size() && i < start + 4 && c[i] >= '0' && c[i] <= '9') days = days * 10 + (c[i++] - '0');
    const std::string_view suffix = std::string_view(c).substr(i);
    if (after_eom && i > start && suffix == "d") return check_payment_terms(PaymentTerms{days, true, true});
    if (after_eom || i == 0 || (suffix != "d" && suffix != "d_eom")) {
        const std::string shown = quote_excerpt(code);
        return reject("payment_terms.invalid",
                      "« " + shown + " » n'est pas un délai de paiement reconnu (exemples : on_receipt, 30d, 45d_eom, "
                      "eom_10d).",
                      "\"" + shown + "\" is not a known payment term (examples: on_receipt, 30d, 45d_eom, eom_10d).");
    }
    return check_payment_terms(PaymentTerms{days, suffix == "d_eom"});
}

std::string to_code(const PaymentTerms& terms) {
    if (terms.days == 0 && !terms.end_of_month) return "on_receipt";
    if (terms.end_of_month && terms.days_after_end_of_month && terms.days > 0) return "eom_" + std::to_string(terms.days) + "d";
    return std::to_string(terms.days) + (terms.end_of_month ? "d_eom" : "d");
}

std::string label_fr(const PaymentTerms& terms) {
    if (terms.days == 0) return terms.end_of_month ? "Fin de mois" : "À réception";
    if (terms.end_of_month && terms.days_after_end_of_month) return "Fin de mois + " + plural_fr(terms.days, "jour");
    return plural_fr(terms.days, "jour") + (terms.end_of_month ? " fin de mois" : "");
}

std::string label_en(const PaymentTerms& terms) {
    if (terms.days == 0) return terms.end_of_month ? "End of month" : "On receipt";
    if (terms.end_of_month && terms.days_after_end_of_month) {
        return "End of month + " + std::to_string(terms.days) + (terms.days > 1 ? " days" : " day");
    }
    return std::to_string(terms.days) + (terms.days > 1 ? " days" : " day") + (terms.end_of_month ? " end of month" : "");
}

std::vector<PaymentTerms> common_payment_terms() {
    return {{0, false}, {15, false}, {30, false}, {30, true}, {45, false}, {45, true}, {60, false}};
}

std::chrono::year_month_day due_date(std::chrono::year_month_day issue_date, const PaymentTerms& terms) {
    using namespace std::chrono;
    if (!issue_date.ok()) return issue_date;
    if (terms.end_of_month && terms.days_after_end_of_month) {
        const year_month_day end_of_issue_month{issue_date.year() / issue_date.month() / last};
        return year_month_day{sys_days{end_of_issue_month} + days{terms.days}};
    }
    const year_month_day due{sys_days{issue_date} + days{terms.days}};
    if (!terms.end_of_month) return due;
    return year_month_day{due.year() / due.month() / last};
}

}  // namespace comptoir::crm
