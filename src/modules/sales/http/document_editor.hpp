// The editor's view: the form (header, client choice, lines) with each error under its field, and
// the computed part (line amounts, totals, margins) that the live preview refreshes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "modules/sales/http/document_form.hpp"
#include "modules/sales/http/pages_internal.hpp"

namespace comptoir::sales::pages {

struct EditorState {
    std::int64_t id = 0;  // 0: a new document
    DocumentType type = DocumentType::Quote;
    nlohmann::json errors = nlohmann::json::object();  // messages keyed by form field name
    LineFocus focus;
    std::optional<DocumentDetail> computed;  // the preview of the form as it is
};

// Computes the form (DocumentService::preview) for the amounts; keeps the parse issues.
struct Computed {
    Document document;  // as read from the form
    std::optional<DocumentDetail> detail;
    std::vector<FieldIssue> issues;  // parse issues, then the totals' issues (service field names)
};
Computed compute(http::PageContext& ctx, const PageDeps& deps, const DocumentForm& form, const Document& base,
                 ParseMode mode);

// Errors keyed by form field name ("lines[2][unit_price]"), for the view.
nlohmann::json form_errors(const http::PageContext& ctx, const std::vector<FieldIssue>& issues);

void render_editor(http::PageContext& ctx, const PageDeps& deps, const DocumentForm& form, const EditorState& state,
                   int status);
// The radio list of clients for a search ("" lists the recently updated ones), the chosen one first.
nlohmann::json client_options(http::PageContext& ctx, const PageDeps& deps, const std::string& q,
                              const std::string& selected_id, const nlohmann::json& error);
// The live preview fragment: totals, margins, and out-of-band updates of each line's amount and errors.
void render_preview(http::PageContext& ctx, const PageDeps& deps, const DocumentForm& form, const Computed& computed);

}  // namespace comptoir::sales::pages
