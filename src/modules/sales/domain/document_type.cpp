#include "modules/sales/domain/document_type.hpp"

#include <string>

#include "core/text/trim.hpp"
#include "core/text/utf8.hpp"

namespace comptoir::sales {
namespace {

struct TypeInfo {
    DocumentType type;
    std::string_view code;
    std::string_view fr;
    std::string_view en;
    std::string_view this_fr;
    std::string_view this_en;
    bool feminine;
    bool legal_invoice;
};

constexpr std::array<TypeInfo, 8> kTypes = {{
    {DocumentType::Quote, "quote", "Devis", "Quote", "ce devis", "this quote", false, false},
    {DocumentType::Order, "order", "Bon de commande", "Order", "ce bon de commande", "this order", false, false},
    {DocumentType::ProForma, "proforma", "Facture pro forma", "Pro-forma invoice", "cette facture pro forma",
     "this pro-forma invoice", true, false},
    {DocumentType::ProvisionalInvoice, "provisional_invoice", "Facture provisoire", "Provisional invoice",
     "cette facture provisoire", "this provisional invoice", true, false},
    {DocumentType::Invoice, "invoice", "Facture", "Invoice", "cette facture", "this invoice", true, true},
    {DocumentType::DepositInvoice, "deposit_invoice", "Facture d'acompte", "Deposit invoice", "cette facture d'acompte",
     "this deposit invoice", true, true},
    {DocumentType::SituationInvoice, "situation_invoice", "Facture de situation", "Progress invoice",
     "cette facture de situation", "this progress invoice", true, true},
    {DocumentType::CreditNote, "credit_note", "Avoir", "Credit note", "cet avoir", "this credit note", false, true},
}};

const TypeInfo& info(DocumentType type) {
    for (const auto& t : kTypes) {
        if (t.type == type) return t;
    }
    return kTypes.front();
}

struct SeriesInfo {
    NumberSeries series;
    std::string_view code;
    std::string_view pattern;
};

constexpr std::array<SeriesInfo, 6> kSeries = {{
    {NumberSeries::Quote, "quote", "DE-{YYYY}-{#####}"},
    {NumberSeries::Order, "order", "BC-{YYYY}-{#####}"},
    {NumberSeries::ProForma, "proforma", "PF-{YYYY}-{#####}"},
    {NumberSeries::ProvisionalInvoice, "provisional_invoice", "FP-{YYYY}-{#####}"},
    {NumberSeries::Invoice, "invoice", "FA-{YYYY}-{#####}"},
    {NumberSeries::CreditNote, "credit_note", "AV-{YYYY}-{#####}"},
}};

const SeriesInfo& info(NumberSeries series) {
    for (const auto& s : kSeries) {
        if (s.series == series) return s;
    }
    return kSeries.front();
}

}  // namespace

std::string_view to_code(DocumentType type) { return info(type).code; }
std::string_view label_fr(DocumentType type) { return info(type).fr; }
std::string_view label_en(DocumentType type) { return info(type).en; }
std::string_view this_fr(DocumentType type) { return info(type).this_fr; }
std::string_view this_en(DocumentType type) { return info(type).this_en; }
bool is_feminine_fr(DocumentType type) { return info(type).feminine; }
bool is_legal_invoice(DocumentType type) { return info(type).legal_invoice; }

Checked<DocumentType> parse_document_type(std::string_view code) {
    std::string c = trim(code);
    for (char& ch : c) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    for (const auto& t : kTypes) {
        if (t.code == c) return t.type;
    }
    const std::string shown = quote_excerpt(code);
    return reject("document_type.unknown", "« " + shown + " » n'est pas un type de document connu.",
                  "\"" + shown + "\" is not a known document type.");
}

NumberSeries series_for(DocumentType type, CreditNoteNumbering credit_notes) {
    switch (type) {
        case DocumentType::Quote:
            return NumberSeries::Quote;
        case DocumentType::Order:
            return NumberSeries::Order;
        case DocumentType::ProForma:
            return NumberSeries::ProForma;
        case DocumentType::ProvisionalInvoice:
            return NumberSeries::ProvisionalInvoice;
        case DocumentType::Invoice:
        case DocumentType::DepositInvoice:
        case DocumentType::SituationInvoice:
            return NumberSeries::Invoice;
        case DocumentType::CreditNote:
            return credit_notes == CreditNoteNumbering::OwnSeries ? NumberSeries::CreditNote : NumberSeries::Invoice;
    }
    return NumberSeries::Invoice;
}

std::string_view to_code(NumberSeries series) { return info(series).code; }
std::string_view default_pattern(NumberSeries series) { return info(series).pattern; }

}  // namespace comptoir::sales
