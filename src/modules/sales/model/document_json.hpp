// Documents in the JSON API: reading a request body into a draft (every wrong field named, French and
// English), and writing a document with its computed amounts.
#pragma once

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "modules/sales/domain/margin.hpp"
#include "modules/sales/domain/totals.hpp"
#include "modules/sales/model/document.hpp"

namespace comptoir::sales {

// Applies the keys present in `body` to `base` (a new draft, or the stored draft for an edit).
// `lines`, when present, replaces every line. Types and formats are checked here; business rules
// (VAT consistency, at least one item…) by the domain when the document is computed or validated.
Result<Document> document_from_json(const nlohmann::json& body, Document base, bool creating);

struct DocumentView {
    const Document& document;
    const Totals* totals = nullptr;            // absent when the lines cannot be computed yet
    const DocumentMargin* margins = nullptr;  // only for roles that may see cost prices
    std::vector<DocumentLink> links;
    std::vector<DocumentStatus> next_statuses;
    std::vector<DocumentType> conversions;
};
nlohmann::json to_json(const DocumentView& view);
nlohmann::json summary_json(const Document& d);  // for lists

std::string money_text(Money m);  // "1234.56"

// Issued invoices only ("" otherwise): "unpaid", "partially_paid", "paid" or "overdue" (not fully paid
// and past the due date). The document's `payment_status`, derived by the payments module when it is
// plugged in, wins; without it only deposits deducted in full make an invoice paid.
std::string payment_status(const Document& d, const std::string& today);

}  // namespace comptoir::sales
