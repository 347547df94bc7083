// The editor: GET /documents/new?type=quote&client_id=12, POST /documents (create), GET and POST
// /documents/{id}/edit (drafts only), POST /documents/preview (the live totals), GET
// /documents/client-options (the client search). A POST carrying "_op" (add, move or remove a line,
// pick a catalog item, refresh) re-renders the form without saving: htmx swaps the lines, and without
// JavaScript the whole page comes back.
#include <httplib.h>

#include <algorithm>

#include "modules/sales/http/document_editor.hpp"
#include "modules/sales/http/page_support.hpp"

namespace comptoir::sales::pages {
namespace {

using http::Method;
using http::PageContext;

std::optional<DocumentType> requested_type(const PageContext& ctx) {
    auto code = ctx.param("type");
    if (code.empty()) return DocumentType::Quote;
    auto type = parse_document_type(code);
    if (!type || *type == DocumentType::CreditNote) return std::nullopt;  // credit notes come from an invoice
    return *type;
}

Error bad_type() {
    return Error::invalid_field("type", "document_type.unknown",
                                "Type de document inconnu. Un avoir se crée depuis la facture qu'il corrige.",
                                "Unknown document type. A credit note is created from the invoice it corrects.");
}

// Handles "_op" if present: re-renders the form as edited. Returns true when it did.
bool handled_op(PageContext& ctx, const PageDeps& deps, DocumentForm& form, const Document& base, EditorState& state) {
    if (!ctx.has_param("_op")) return false;
    const bool costs = can_see_margins(ctx.actor());
    state.focus = apply_line_op(form, ctx.param("_op"), ctx, costs, ctx.locale());
    state.computed = compute(ctx, deps, form, base, ParseMode::Preview).detail;
    render_editor(ctx, deps, form, state, 200);
    return true;
}

// Validates the whole form (parse, then the totals); renders it with every error, or returns the
// document to save.
std::optional<Document> checked(PageContext& ctx, const PageDeps& deps, const DocumentForm& form, const Document& base,
                                EditorState& state) {
    auto c = compute(ctx, deps, form, base, ParseMode::Save);
    if (form.client_id.empty() && base.client_id == 0 &&
        std::none_of(c.issues.begin(), c.issues.end(), [](const FieldIssue& i) { return i.field == "client_id"; }))
        c.issues.insert(c.issues.begin(), {"client_id", "required", "Choisissez le client.", "Choose the client."});
    if (c.issues.empty()) return c.document;
    state.errors = form_errors(ctx, c.issues);
    state.computed = compute(ctx, deps, form, base, ParseMode::Preview).detail;
    render_editor(ctx, deps, form, state, 422);
    return std::nullopt;
}

void save_failed(PageContext& ctx, const PageDeps& deps, const DocumentForm& form, const Document& base,
                 EditorState& state, const Error& error) {
    if (error.kind != ErrorKind::Invalid) return ctx.error_page(error);
    state.errors = form_errors(ctx, error.fields);
    if (state.errors.empty()) state.errors["lines"] = ctx.message(error);
    state.computed = compute(ctx, deps, form, base, ParseMode::Preview).detail;
    render_editor(ctx, deps, form, state, 422);
}

// The stored draft for the editor, or the reason it cannot be edited (already handled).
std::optional<Document> editable_draft(PageContext& ctx, const PageDeps& deps) {
    auto id = ctx.path_id();
    if (!id) {
        ctx.error_page(document_not_found());
        return std::nullopt;
    }
    auto detail = deps.documents.get(ctx.actor(), *id);
    if (!detail) {
        ctx.error_page(detail.error());
        return std::nullopt;
    }
    if (!detail->editable) {  // validated (or archived): its page says why it no longer changes
        ctx.redirect("/documents/" + std::to_string(*id));
        return std::nullopt;
    }
    if (!can_write(ctx.actor(), detail->document.type)) {
        ctx.error_page(Error::forbidden());
        return std::nullopt;
    }
    auto draft = deps.documents.draft_input(ctx.actor(), *id);
    if (!draft) {
        ctx.error_page(draft.error());
        return std::nullopt;
    }
    return *draft;
}

}  // namespace

void register_editor_pages(http::WebServer& web, PageDeps deps) {
    web.page(Method::Get, "/documents/new", [deps](PageContext& ctx) {
        auto type = requested_type(ctx);
        if (!type) return ctx.error_page(bad_type());
        if (!can_write(ctx.actor(), *type)) return ctx.error_page(Error::forbidden());
        Document base;
        base.type = *type;
        DocumentForm form = form_from_document(base, ctx.locale(), can_see_margins(ctx.actor()));
        form.client_id = parse_id(ctx.param("client_id")) ? ctx.param("client_id") : "";
        LineForm first;
        first.quantity = "1";
        form.lines.push_back(first);  // a new document starts with one item to fill in
        EditorState state;
        state.type = *type;
        state.computed = compute(ctx, deps, form, base, ParseMode::Preview).detail;
        render_editor(ctx, deps, form, state, 200);
    });

    web.page(Method::Post, "/documents", [deps](PageContext& ctx) {
        auto type = parse_document_type(ctx.param("type"));
        if (!type || *type == DocumentType::CreditNote) return ctx.error_page(bad_type());
        if (!can_write(ctx.actor(), *type)) return ctx.error_page(Error::forbidden());
        Document base;
        base.type = *type;
        DocumentForm form = read_form(ctx);
        form.type = std::string(to_code(*type));
        EditorState state;
        state.type = *type;
        if (handled_op(ctx, deps, form, base, state)) return;
        auto document = checked(ctx, deps, form, base, state);
        if (!document) return;
        auto created = deps.documents.create(ctx.actor(), std::move(*document));
        if (!created) return save_failed(ctx, deps, form, base, state, created.error());
        ctx.redirect("/documents/" + std::to_string(created->document.id) + "?done=saved");
    });

    web.page(Method::Post, "/documents/preview", [deps](PageContext& ctx) {
        Document base;
        DocumentForm form = read_form(ctx);
        if (auto id = parse_id(ctx.param("id"))) {
            auto draft = deps.documents.draft_input(ctx.actor(), *id);
            if (!draft) return ctx.render_fragment("sales/_preview_response", json::object(), 404);
            base = *draft;
            form.type = std::string(to_code(base.type));
        } else if (auto type = parse_document_type(form.type)) {
            base.type = *type;
        }
        render_preview(ctx, deps, form, compute(ctx, deps, form, base, ParseMode::Preview));
    });

    web.page(Method::Get, "/documents/client-options", [deps](PageContext& ctx) {
        ctx.response().set_header("Cache-Control", "no-store");
        ctx.render_fragment("sales/_client_options",
                            client_options(ctx, deps, ctx.param("client_q"), ctx.param("client_id"), nullptr));
    });

    web.page(Method::Get, R"(/documents/(\d+)/edit)", [deps](PageContext& ctx) {
        auto draft = editable_draft(ctx, deps);
        if (!draft) return;
        DocumentForm form = form_from_document(*draft, ctx.locale(), can_see_margins(ctx.actor()));
        EditorState state;
        state.id = draft->id;
        state.type = draft->type;
        state.computed = compute(ctx, deps, form, *draft, ParseMode::Preview).detail;
        render_editor(ctx, deps, form, state, 200);
    });

    web.page(Method::Post, R"(/documents/(\d+)/edit)", [deps](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(document_not_found());
        auto draft = deps.documents.draft_input(ctx.actor(), *id);
        if (!draft) return ctx.error_page(draft.error());
        if (!can_write(ctx.actor(), draft->type)) return ctx.error_page(Error::forbidden());
        DocumentForm form = read_form(ctx);
        form.type = std::string(to_code(draft->type));
        EditorState state;
        state.id = *id;
        state.type = draft->type;
        if (draft->status != DocumentStatus::Draft) {
            // Validated meanwhile (another tab): the service refuses; its page explains why.
            auto refused = deps.documents.update(ctx.actor(), *id, *draft);
            return render_document_page(ctx, deps, *id, refused ? nullptr : &refused.error());
        }
        if (handled_op(ctx, deps, form, *draft, state)) return;
        auto document = checked(ctx, deps, form, *draft, state);
        if (!document) return;
        auto updated = deps.documents.update(ctx.actor(), *id, std::move(*document));
        if (!updated) return save_failed(ctx, deps, form, *draft, state, updated.error());
        ctx.redirect("/documents/" + std::to_string(*id) + "?done=saved");
    });
}

}  // namespace comptoir::sales::pages
