// Which document can be turned into which (the new document copies the lines and links back to
// its source), and from which status of the source.
//
//   quote (accepted)                      → order, deposit invoice, invoice, situation invoice
//   quote (validated, sent or accepted)   → pro-forma (a client may need one before signing)
//   order (validated … delivered)         → pro-forma, deposit invoice, invoice, situation invoice
//   pro-forma, provisional invoice (validated or sent) → invoice
//   invoice, deposit invoice, situation invoice (validated or sent) → credit note
// A draft is never a source (it may still change); neither is a closed or cancelled order, nor a
// refused or expired quote.
#pragma once

#include <vector>

#include "core/error.hpp"
#include "modules/sales/domain/document_status.hpp"
#include "modules/sales/domain/document_type.hpp"

namespace comptoir::sales {

// Whether the types can ever be converted, whatever the status.
bool can_convert(DocumentType from, DocumentType to);
std::vector<DocumentType> conversions_from(DocumentType from);
// The source statuses from which the conversion is allowed (empty if never).
std::vector<DocumentStatus> conversion_statuses(DocumentType from, DocumentType to);

// Ok, or a Conflict: document.invalid_conversion (never allowed between these types) or
// document.conversion_status (not from this status; the message lists the statuses that allow it).
Result<void> check_conversion(DocumentType from, DocumentStatus from_status, DocumentType to);

}  // namespace comptoir::sales
