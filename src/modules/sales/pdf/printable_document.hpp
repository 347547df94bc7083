// What the PDF renderer prints: a commercial document reduced to already-formatted text.
//
// The renderer deliberately knows nothing about the sales domain (Money, VAT rules, numbering,
// document states). The caller formats every amount, date and rate in the document's language
// ("1 234,56 €" with a narrow no-break space, "12/03/2026", "20 %") and decides which rows,
// mentions and references apply. This keeps the PDF adapter independent of the domain types, keeps
// all money arithmetic in one place (the totals code), and makes the renderer trivially testable.
//
// Empty strings and empty vectors mean "not printed": every block collapses when it has nothing
// to show, so a quote without payment details or a client without SIREN needs no special case.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace comptoir::sales::pdf {

// Only the fixed labels (column headers, "Page 1/3", block titles) depend on it; every other text
// comes from the caller, already translated.
enum class Language { fr, en };

// The category of the operation, a mandatory mention with e-invoicing (décret 2022-1299).
enum class Operation { unspecified, goods, services, mixed };

enum class LineKind {
    item,      // a priced line: every column
    section,   // a title grouping the following lines ("Fournitures", "Main d'œuvre")
    subtotal,  // `description` is the label, `total` the amount
    note,      // free text spanning the table width (`description`)
};

struct PrintableLine {
    LineKind kind = LineKind::item;
    std::string reference;
    // May hold several lines ('\n'): the first is the designation, the following ones are printed
    // as a smaller, muted detail. Long text wraps, and a very long one continues on the next page.
    std::string description;
    std::string quantity;    // "12", "2,5"
    std::string unit;        // "h", "m²", "u"
    std::string unit_price;  // net of VAT, formatted
    std::string discount;    // "10 %", or empty
    std::string vat_rate;    // "20 %", or empty (e.g. franchise en base: the column disappears)
    std::string total;       // line total net of VAT
};

struct VatSummaryRow {
    std::string rate_label;  // "20 %", "Exonéré"
    std::string basis;       // total net of VAT at that rate
    std::string vat;         // VAT amount
};

// How a totals row stands out. `grand` is the amount the client has to pay (or is refunded): one
// per document, printed in a filled accent band.
enum class Emphasis { none, strong, grand };

struct TotalRow {
    std::string label;   // "Total HT", "Acompte n° 1 (FA-2026-00012)", "Retenue de garantie 5 %"
    std::string amount;  // signed as the caller wants it shown ("− 1 200,00 €")
    Emphasis emphasis = Emphasis::none;
};

struct KeyValue {
    std::string label;
    std::string value;
};

struct PrintableSeller {
    std::string name;
    std::string legal_form;     // "SARL", "SAS", "EI"
    std::string share_capital;  // formatted amount, "8 000 €"; printed "SARL au capital de 8 000 €"
    std::vector<std::string> address_lines;
    std::string siren;
    std::string siret;
    std::string rcs_city;  // printed "RCS Lyon 123 456 789" (with `siren`)
    std::string vat_number;
    std::string phone;
    std::string email;
    std::string website;
    std::string logo;  // PNG or JPEG bytes; empty for none
};

struct PrintableClient {
    std::string name;
    std::vector<std::string> address_lines;
    std::string siren;
    std::string vat_number;
};

struct PaymentBlock {
    std::string terms;   // "30 jours fin de mois"
    std::string due_date;
    std::string method;  // "Virement bancaire"
    std::string bank_name;
    std::string iban;    // formatted in groups of four
    std::string bic;
};

struct PrintableDocument {
    Language language = Language::fr;

    std::string kind_label;  // "FACTURE", "DEVIS", "AVOIR", "FACTURE D'ACOMPTE"…
    std::string number;      // empty for a draft that has no number yet
    std::string issue_date;
    std::string due_date;        // due date, or validity date for a quote
    std::string due_date_label;  // "Valable jusqu'au"; empty means "Échéance" / "Due date"
    std::vector<KeyValue> header_fields;  // more dates or ids under the title ("Date de livraison")

    std::string subject;                       // "Objet" line above the table
    std::vector<std::string> reference_lines;  // "Devis d'origine : DE-2026-0012", "Facture corrigée : …"
    Operation operation = Operation::unspecified;

    PrintableSeller seller;
    PrintableClient client;
    std::vector<std::string> delivery_address;  // empty when it is the client's address

    std::vector<PrintableLine> lines;
    // Other tables than a document's lines reuse the same columns under their own titles (an account
    // statement prints Date | Pièce | Échéance | Débit | Crédit | Solde in the reference, description,
    // quantity, unit price, discount and total columns). In column order: reference, description,
    // quantity, unit, unit price, discount, VAT, total; an empty title keeps the renderer's own.
    std::array<std::string, 8> column_titles;
    std::vector<VatSummaryRow> vat_summary;
    std::vector<TotalRow> totals;
    PaymentBlock payment;

    std::vector<std::string> legal_mentions;  // one paragraph each, printed in small type
    std::string notes;
    std::string footer;     // an extra footer line under the seller's legal identity (insurance…)
    std::string watermark;  // "BROUILLON", "PRO FORMA"; empty for none
    std::string accent_color;  // "#RRGGBB" brand colour; empty or malformed gives the default blue
};

}  // namespace comptoir::sales::pdf
