// The life of a commercial document, per type, as a state machine that services apply and the UI
// reads (which buttons to show). A document is editable only as a draft; it receives its number
// when validated (inside the same transaction: numbering.hpp) and is frozen from then on.
//
//   quote:        draft → validated → sent → accepted | refused | expired
//                 (validated → accepted | refused | expired too: a quote signed at the counter or
//                 left to lapse need not have been "sent" through the software)
//   order:        draft → validated → in progress → shipped → delivered → closed
//                 (in progress → delivered for services; validated or in progress → cancelled)
//   pro-forma, provisional invoice, invoice, deposit invoice, situation invoice, credit note:
//                 draft → validated → sent
// Payment states of invoices (unpaid, partially paid, paid, overdue) are not statuses: they are
// derived from the payments allocated and the due date, so they can never disagree with them.
// There is no way back to draft and no cancellation of an invoice: a validated invoice is
// corrected by a credit note (CGI art. 289 I-5 and ann. II art. 242 nonies A).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "modules/sales/domain/document_type.hpp"

namespace comptoir::sales {

enum class DocumentStatus { Draft, Validated, Sent, Accepted, Refused, Expired, InProgress, Shipped, Delivered, Closed, Cancelled };

inline constexpr std::array<DocumentStatus, 11> kAllDocumentStatuses = {
    DocumentStatus::Draft,    DocumentStatus::Validated,  DocumentStatus::Sent,    DocumentStatus::Accepted,
    DocumentStatus::Refused,  DocumentStatus::Expired,    DocumentStatus::InProgress, DocumentStatus::Shipped,
    DocumentStatus::Delivered, DocumentStatus::Closed,    DocumentStatus::Cancelled};

// "draft", "validated", "sent", "accepted", "refused", "expired", "in_progress", "shipped",
// "delivered", "closed", "cancelled".
std::string_view to_code(DocumentStatus status);
// Case and surrounding spaces ignored. Issue: document_status.unknown.
Checked<DocumentStatus> parse_document_status(std::string_view code);
// Agreed with the document's gender: "Validé" for a quote, "Validée" for an invoice; "Brouillon", "En cours".
std::string label_fr(DocumentStatus status, DocumentType type);
std::string_view label_en(DocumentStatus status);

// The statuses a type goes through, in the order of its life.
std::vector<DocumentStatus> statuses_of(DocumentType type);
// Where a document of this type can go from `from` (empty for a final status).
std::vector<DocumentStatus> next_statuses(DocumentType type, DocumentStatus from);
bool can_transition(DocumentType type, DocumentStatus from, DocumentStatus to);

// `to` if the move is allowed. Otherwise: document.unknown_status (Invalid, field "status") when
// `to` is not a status of this type; document.invalid_transition (Conflict) when the move is not
// allowed, with a French and an English message naming both states — and, for an invoice or a
// credit note asked to go back to draft, how to correct it instead.
Result<DocumentStatus> transition(DocumentType type, DocumentStatus from, DocumentStatus to);

// Only drafts are edited or deleted.
bool is_editable(DocumentStatus status);
// The move that assigns the document its number from its series.
bool assigns_number(DocumentStatus from, DocumentStatus to);

}  // namespace comptoir::sales
