// The kinds of commercial document and the numbering series each one draws from.
#pragma once

#include <array>
#include <string_view>

#include "core/error.hpp"

namespace comptoir::sales {

enum class DocumentType {
    Quote,               // devis
    Order,               // bon de commande (the customer's order, confirmed)
    ProForma,            // facture pro forma: an offer shaped like an invoice, not an invoice
    ProvisionalInvoice,  // facture provisoire: an invoice preview for the client to check; not an invoice
    Invoice,             // facture
    DepositInvoice,      // facture d'acompte
    SituationInvoice,    // facture de situation (progress billing)
    CreditNote,          // avoir (facture rectificative)
};

inline constexpr std::array<DocumentType, 8> kAllDocumentTypes = {
    DocumentType::Quote,   DocumentType::Order,          DocumentType::ProForma,         DocumentType::ProvisionalInvoice,
    DocumentType::Invoice, DocumentType::DepositInvoice, DocumentType::SituationInvoice, DocumentType::CreditNote};

// "quote", "order", "proforma", "provisional_invoice", "invoice", "deposit_invoice",
// "situation_invoice", "credit_note".
std::string_view to_code(DocumentType type);
// Case and surrounding spaces ignored. Issue: document_type.unknown.
Checked<DocumentType> parse_document_type(std::string_view code);
std::string_view label_fr(DocumentType type);  // "Devis", "Facture d'acompte", "Avoir"…
std::string_view label_en(DocumentType type);
// For messages: "ce devis", "cette facture", "cet avoir" / "this quote".
std::string_view this_fr(DocumentType type);
std::string_view this_en(DocumentType type);
bool is_feminine_fr(DocumentType type);  // for the agreement of status labels: "validée" / "validé"

// Documents that are invoices in the sense of the CGI (art. 289 and ann. II art. 242 nonies A):
// they carry a number from a legal, gapless series, never change once validated, and are corrected
// only by a credit note. Pro-forma and provisional invoices are not; neither are quotes and orders.
bool is_legal_invoice(DocumentType type);

// Numbering series. Invoices, deposit invoices and situation invoices share ONE series: they are all
// invoices, and a single chronological sequence is the reading of art. 242 nonies A I 7° that no
// inspector can question. Credit notes take their own series by default (distinct prefix "AV"), a
// universal and accepted practice, or the invoices' series if the company prefers; see
// docs/numbering.md. Quotes, orders, pro-forma and provisional invoices have series of their own:
// not required by law, but expected, and never mixed with the invoices' legal sequence.
enum class NumberSeries { Quote, Order, ProForma, ProvisionalInvoice, Invoice, CreditNote };

inline constexpr std::array<NumberSeries, 6> kAllNumberSeries = {
    NumberSeries::Quote,   NumberSeries::Order,     NumberSeries::ProForma, NumberSeries::ProvisionalInvoice,
    NumberSeries::Invoice, NumberSeries::CreditNote};

enum class CreditNoteNumbering { OwnSeries, SharedWithInvoices };

NumberSeries series_for(DocumentType type, CreditNoteNumbering credit_notes = CreditNoteNumbering::OwnSeries);
std::string_view to_code(NumberSeries series);  // "quote", "order", "proforma", "provisional_invoice", "invoice", "credit_note"
// A company's starting pattern: "DE-{YYYY}-{#####}", "BC-…", "PF-…", "FP-…", "FA-…", "AV-…".
std::string_view default_pattern(NumberSeries series);

}  // namespace comptoir::sales
