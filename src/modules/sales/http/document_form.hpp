// The document editor's form: HTML fields <-> Document, and the line operations (add, move, remove,
// pick from the catalog) that re-render the form on the server.
//
// Field names. Header fields are named as in the API ("title", "issue_date", "discount_percent"...);
// lines are indexed arrays, one key per field: lines[0][kind], lines[0][description],
// lines[0][quantity], lines[0][unit], lines[0][unit_price], lines[0][discount_percent], lines[0][vat],
// lines[0][unit_cost], lines[0][reference], lines[0][catalog_item_id], lines[0][orig]. The index is
// the line's position; the server renumbers after every operation, so the browser never does. A
// service error on "lines[2].unit_price" is shown under the input named "lines[2][unit_price]".
// lines[i][vat] holds one choice (page_support.hpp vat_value); lines[i][orig] is the line's position
// in the stored draft, so that what this form does not show (cost prices to an accountant, the
// progress of a situation invoice's lines) is kept on save.
//
// Numbers are read as people type them ("12,50", "1 234,5"), by the same parser as the API.
#pragma once

#include <string>
#include <vector>

#include "http/web_server.hpp"
#include "modules/sales/model/document.hpp"

namespace comptoir::sales::pages {

struct LineForm {
    std::string kind = "item";
    std::string reference, catalog_item_id, description, quantity, unit, unit_price, discount_percent, vat = "20",
                                                                                                      unit_cost, orig;
};

struct DocumentForm {
    std::string type;  // code; fixed once created
    std::string client_id, client_q;
    std::string title, issue_date, validity_date, due_date, payment_terms, payment_method, customer_reference,
        operation = "services", notes, discount_percent, retention_percent;
    std::vector<LineForm> lines;
};

// The fields as submitted (values as typed).
DocumentForm read_form(const http::RequestBase& req);
// The form of a stored draft, numbers written for the viewer's locale; cost prices only if shown.
DocumentForm form_from_document(const Document& d, const std::string& locale, bool with_costs);

enum class ParseMode {
    Save,     // every problem is reported
    Preview,  // while typing: blank numbers count as zero and blank designations are not reported yet
};

struct ParsedForm {
    Document document;
    std::vector<FieldIssue> issues;  // service field names ("lines[2].quantity")
};

// `base`: a new Document of the form's type, or the stored draft (its lines give back what the form
// does not carry, through lines[i][orig]).
ParsedForm parse_form(const DocumentForm& form, const Document& base, ParseMode mode, bool with_costs);

// What the line operation did, for the focus after the re-render.
struct LineFocus {
    int line = -1;      // the line to focus, -1 for none
    std::string field;  // "description", "quantity", "up", "down", "add"
};

// Applies "_op" (add:item|section|text|subtotal, up:N, down:N, remove:N, pick, refresh) to the form.
// "pick" reads the catalog item from the pick_* fields (set by the picker's script).
LineFocus apply_line_op(DocumentForm& form, const std::string& op, const http::RequestBase& req, bool with_costs,
                        const std::string& locale);

}  // namespace comptoir::sales::pages
