// The renderer's own fixed words (column headers, block titles, "Page 1/3") in French and English.
// Everything else on the page comes from the caller, already in the document's language.
#pragma once

#include <string>
#include <string_view>

#include "modules/sales/pdf/printable_document.hpp"

namespace comptoir::sales::pdf {

struct Labels {
    std::string_view number_prefix;  // "N°"
    std::string_view colon;          // " : " in French (no-break space before), ": " in English
    std::string_view issue_date;
    std::string_view due_date;
    std::string_view client;
    std::string_view delivery_address;
    std::string_view subject;
    std::string_view operation;
    std::string_view operation_goods;
    std::string_view operation_services;
    std::string_view operation_mixed;
    std::string_view siren;
    std::string_view siret;
    std::string_view vat_number;
    std::string_view share_capital;  // "au capital de"

    // Lines table.
    std::string_view col_reference;
    std::string_view col_description;
    std::string_view col_quantity;
    std::string_view col_unit;
    std::string_view col_unit_price;
    std::string_view col_discount;
    std::string_view col_vat;
    std::string_view col_total;

    // VAT summary.
    std::string_view vat_rate;
    std::string_view vat_basis;
    std::string_view vat_amount;

    // Payment panel.
    std::string_view payment;
    std::string_view payment_terms;
    std::string_view payment_due;
    std::string_view payment_method;
    std::string_view bank;
    std::string_view iban;
    std::string_view bic;

    std::string_view notes;
    std::string_view page;  // "Page"
};

const Labels& labels_for(Language language);

// "Page 2/3".
std::string page_label(const Labels& labels, int page, int pages);

}  // namespace comptoir::sales::pdf
