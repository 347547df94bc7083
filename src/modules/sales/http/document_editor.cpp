#include "modules/sales/http/document_editor.hpp"

#include <algorithm>

#include "core/text/trim.hpp"
#include "modules/crm/http/page_support.hpp"
#include "modules/sales/http/page_support.hpp"

namespace comptoir::sales::pages {
namespace {

using http::PageContext;

// The fields of a line that have a place for their error; other problems of a line go under its
// designation.
constexpr const char* kLineFields[] = {"description", "quantity", "unit", "unit_price", "discount_percent", "vat", "unit_cost"};

// "Ligne 3 : le prix…" -> "le prix…": beside the line, its number is obvious.
std::string without_line_prefix(const std::string& message) {
    for (const char* sep : {" : ", ": "}) {
        if (!(message.starts_with("Ligne ") || message.starts_with("Line "))) break;
        auto at = message.find(sep);
        if (at != std::string::npos && at < 12) {
            return message.substr(at + std::string(sep).size());
        }
    }
    return message;
}

std::string line_prefix(std::size_t i) { return "lines[" + std::to_string(i) + "]"; }

// {field: message or null} for the line, from the form-named errors; problems of the line itself or of
// a field without a place are added under the designation.
json line_errors(const json& errors, std::size_t i) {
    json out = json::object();
    for (const char* f : kLineFields) out[f] = nullptr;
    const std::string prefix = line_prefix(i);
    for (auto it = errors.begin(); it != errors.end(); ++it) {
        const std::string& name = it.key();
        if (!name.starts_with(prefix) || (name.size() > prefix.size() && name[prefix.size()] != '[')) continue;
        std::string field = name.size() > prefix.size() + 2 ? name.substr(prefix.size() + 1, name.size() - prefix.size() - 2) : "";
        std::string message = without_line_prefix(it.value().get<std::string>());
        if (!out.contains(field)) field = "description";
        out[field] = out[field].is_null() ? message : out[field].get<std::string>() + " " + message;
    }
    return out;
}

std::string description_label_key(const std::string& kind) {
    if (kind == "section") return "editor.section_title";
    if (kind == "text") return "editor.text";
    if (kind == "subtotal") return "editor.subtotal_label";
    return "editor.description";
}

std::string field_label_key(const std::string& kind, const std::string& field) {
    if (field == "description") return description_label_key(kind);
    if (field == "discount_percent") return "editor.discount_line";
    if (field == "unit_cost") return "editor.cost";
    return "editor." + field;  // quantity, unit, unit_price, vat
}

// The places of a line's errors, in the row under it: [{field, message}], each message led by its
// field's label ("" when the field is fine: the place stays, for the live preview to fill).
json line_slots(const PageContext& ctx, const std::string& kind, const json& errors_of_line, bool margins) {
    json slots = json::array();
    for (const char* field : kLineFields) {
        const std::string f = field;
        if ((kind != "item" && f != "description") || (f == "unit_cost" && !margins)) continue;  // no such input
        std::string message;
        if (errors_of_line[f].is_string())
            message = tr(ctx, field_label_key(kind, f)) + (ctx.locale() == "en" ? ": " : " : ") +
                      errors_of_line[f].get<std::string>();
        slots.push_back({{"field", f}, {"message", message}});
    }
    return slots;
}

// Rows enough to show the text typed (a designation of a few words keeps two).
std::string textarea_rows(const std::string& text, std::size_t chars_per_row) {
    std::size_t rows = 1;
    for (char c : text) rows += c == '\n';
    rows += text.size() / chars_per_row;
    return std::to_string(std::clamp<std::size_t>(rows, 2, 8));
}

json line_row(const PageContext& ctx, const LineForm& l, std::size_t i, std::size_t n, const json& errors,
              const json& amounts, const LineFocus& focus, bool margins) {
    const bool focused = focus.line == static_cast<int>(i);
    const std::string number = std::to_string(i + 1);
    json row = {{"index", std::to_string(i)},
                {"number", number},
                {"kind", l.kind},
                {"is_item", l.kind == "item"},
                {"is_section", l.kind == "section"},
                {"is_text", l.kind == "text"},
                {"is_subtotal", l.kind == "subtotal"},
                {"has_amount", l.kind != "text"},
                {"reference", opt(l.reference)},
                {"catalog_item_id", l.catalog_item_id},
                {"orig", l.orig},
                {"description", l.description},
                {"description_label", tr(ctx, description_label_key(l.kind))},
                {"quantity", l.quantity},
                {"unit", l.unit},
                {"unit_price", l.unit_price},
                {"discount_percent", l.discount_percent},
                {"unit_cost", l.unit_cost},
                {"vat_groups", vat_groups(ctx, l.vat)},
                {"err", line_errors(errors, i)},
                {"slots", line_slots(ctx, l.kind, line_errors(errors, i), margins)},
                {"rows", textarea_rows(l.description, l.kind == "text" ? 80 : 22)},
                {"amount", amounts.is_object() ? amounts["amount"] : json(nullptr)},
                {"margin", amounts.is_object() ? amounts["margin"] : json(nullptr)},
                {"low_margin", amounts.is_object() && amounts["low_margin"].get<bool>()},
                {"first", i == 0},
                {"last", i + 1 == n},
                {"focus_description", focused && focus.field == "description"},
                {"focus_quantity", focused && focus.field == "quantity"},
                {"focus_up", focused && focus.field == "up"},
                {"focus_down", focused && focus.field == "down"},
                {"line_label", tr(ctx, "editor.line") + " " + number}};
    return row;
}

// Options of a <select> with a first "as the client's" choice for an empty value.
json with_client_default(json options, const std::string& selected, const std::string& label) {
    json out = json::array({{{"value", ""}, {"label", label}, {"selected", selected.empty()}}});
    for (auto& o : options) {
        o["selected"] = !selected.empty() && o["value"] == selected;
        out.push_back(o);
    }
    return out;
}

std::string new_title(const PageContext& ctx, DocumentType type) {
    std::string label = type_label(ctx, type);
    if (!label.empty()) label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
    if (ctx.locale() == "en") return "New " + label;
    if (is_feminine_fr(type)) return "Nouvelle " + label;
    return (label[0] == 'a' ? "Nouvel " : "Nouveau ") + label;
}

// Issues that have no place next to a line field (header fields in the live preview, the lines as a whole).
json unplaced(const PageContext& ctx, const std::vector<FieldIssue>& issues, bool header_fields_shown) {
    json out = json::array();
    for (const auto& i : issues) {
        const bool line_field = i.field.starts_with("lines[");
        if (line_field || (header_fields_shown && !i.field.empty() && i.field != "lines" && i.field != "prepaid")) continue;
        out.push_back({{"text", ctx.locale() == "en" ? i.message_en : i.message_fr}});
    }
    return out;
}

json preview_view(const PageContext& ctx, const PageDeps& deps, const Computed& c, bool header_fields_shown) {
    json data = {{"totals", nullptr}, {"margins", nullptr}, {"status_text", ""}};
    if (c.detail) {
        auto v = computed_view(ctx, *c.detail, deps.margin_threshold(ctx.actor()));
        data["totals"] = v.totals;
        data["margins"] = v.margins;
        data["status_text"] = v.status_text;
    }
    json problems = unplaced(ctx, c.issues, header_fields_shown);
    data["problems"] = problems;
    data["has_problems"] = !problems.empty();
    data["unavailable"] = data["totals"].is_null();
    return data;
}

std::vector<json> line_amounts(const PageContext& ctx, const PageDeps& deps, const Computed& c, std::size_t n) {
    std::vector<json> amounts(n, json(nullptr));
    if (!c.detail) return amounts;
    auto v = computed_view(ctx, *c.detail, deps.margin_threshold(ctx.actor()));
    for (std::size_t i = 0; i < n && i < v.amounts.size(); ++i) amounts[i] = v.amounts[i];
    return amounts;
}

}  // namespace

Computed compute(PageContext& ctx, const PageDeps& deps, const DocumentForm& form, const Document& base, ParseMode mode) {
    auto parsed = parse_form(form, base, mode, can_see_margins(ctx.actor()));
    Computed c;
    c.issues = std::move(parsed.issues);
    c.document = parsed.document;
    auto detail = deps.documents.preview(ctx.actor(), std::move(parsed.document));
    if (detail) {
        if (detail->totals_error)
            for (const auto& f : detail->totals_error->fields)
                if (std::none_of(c.issues.begin(), c.issues.end(), [&](const FieldIssue& i) { return i.field == f.field; }))
                    c.issues.push_back(f);
        c.detail = std::move(*detail);
    }
    return c;
}

json form_errors(const PageContext& ctx, const std::vector<FieldIssue>& issues) {
    json out = json::object();
    for (const auto& i : issues) {
        const std::string name = form_name(i.field);
        const std::string& message = ctx.locale() == "en" ? i.message_en : i.message_fr;
        out[name] = out.contains(name) ? out[name].get<std::string>() + " " + message : message;
    }
    return out;
}

json client_options(PageContext& ctx, const PageDeps& deps, const std::string& q_in, const std::string& selected_id,
                    const json& error) {
    std::string q = q_in.size() > 200 ? q_in.substr(0, 200) : q_in;
    json options = json::array();
    auto selected = parse_id(selected_id);
    if (selected)
        if (auto c = deps.clients.get(ctx.actor(), *selected)) {
            std::string detail = c->billing.postal_code + (c->billing.city.empty() ? "" : " " + c->billing.city);
            options.push_back({{"id", std::to_string(c->id)}, {"name", c->display_name()}, {"detail", opt(trim(detail))},
                               {"checked", true}});
        }
    crm::ClientListQuery query;
    query.q = q;
    query.limit = 8;
    if (q.empty()) query.sort = crm::ClientSort::UpdatedDesc;  // the clients worked on lately
    bool any_client = !options.empty();
    if (auto page = deps.clients.list(ctx.actor(), query)) {
        for (const auto& it : page->items) {
            any_client = true;
            if (selected && it.id == *selected) continue;
            std::string detail = it.postal_code + (it.city.empty() ? "" : " " + it.city);
            options.push_back({{"id", std::to_string(it.id)}, {"name", it.display_name}, {"detail", opt(trim(detail))},
                               {"checked", false}});
        }
    }
    std::string empty = tr(ctx, q.empty() && !any_client ? "editor.client_empty" : "editor.client_none");
    return {{"client_q", q},
            {"options", options},
            {"has_options", !options.empty()},
            {"empty_text", empty},
            {"no_clients", q.empty() && !any_client},
            {"error", error}};
}

void render_editor(PageContext& ctx, const PageDeps& deps, const DocumentForm& form, const EditorState& state, int status) {
    const auto& errors = state.errors;
    // Header fields show their own errors; the client's and the lines' are placed by hand below.
    json header_errors = json::object();
    for (auto it = errors.begin(); it != errors.end(); ++it)
        if (!it.key().starts_with("lines") && it.key() != "client_id") header_errors[it.key()] = it.value();
    crm::pages::FormFields ff(header_errors);
    json f = json::object();
    auto T = [&](const std::string& key) { return tr(ctx, key); };
    const DocumentType type = state.type;
    f["title"] = ff.field("title", T("editor.title"), form.title, {.placeholder = T("editor.title_placeholder"), .maxlength = 200});
    f["issue_date"] = ff.field("issue_date", T("editor.issue_date"), form.issue_date, {.type = "date", .hint = T("editor.issue_date_hint")});
    const bool show_validity = type == DocumentType::Quote;
    const bool show_due = is_legal_invoice(type) || type == DocumentType::ProvisionalInvoice;
    if (show_validity)
        f["validity_date"] = ff.field("validity_date", T("editor.validity_date"), form.validity_date,
                                      {.type = "date", .hint = T("editor.validity_date_hint")});
    if (show_due)
        f["due_date"] = ff.field("due_date", T("editor.due_date"), form.due_date, {.type = "date", .hint = T("editor.due_date_hint")});
    f["payment_terms"] = ff.field("payment_terms", T("editor.payment_terms"), form.payment_terms,
                                  {.type = "select", .options = with_client_default(crm::pages::payment_terms_options(ctx, form.payment_terms),
                                                                                    form.payment_terms, T("editor.client_default"))});
    f["payment_method"] = ff.field("payment_method", T("editor.payment_method"), form.payment_method,
                                   {.type = "select", .options = with_client_default(crm::pages::payment_method_options(ctx, form.payment_method),
                                                                                     form.payment_method, T("editor.client_default_method"))});
    f["operation"] = ff.field("operation", T("editor.operation"), form.operation,
                              {.type = "select",
                               .options = crm::pages::options({{"services", T("operation.services")},
                                                               {"goods", T("operation.goods")},
                                                               {"mixed", T("operation.mixed")}},
                                                              form.operation)});
    f["customer_reference"] = ff.field("customer_reference", T("editor.customer_reference"), form.customer_reference, {.maxlength = 100});
    f["discount_percent"] = ff.field("discount_percent", T("editor.discount"), form.discount_percent,
                                     {.inputmode = "decimal", .placeholder = "0"});
    const bool show_retention = type == DocumentType::SituationInvoice;
    if (show_retention)
        f["retention_percent"] = ff.field("retention_percent", T("editor.retention"), form.retention_percent,
                                          {.hint = T("editor.retention_hint"), .inputmode = "decimal", .placeholder = "0"});
    f["notes"] = ff.field("notes", T("editor.notes"), form.notes, {.type = "textarea", .rows = 3});

    Computed computed;
    if (state.computed) computed.detail = state.computed;
    const std::size_t n = form.lines.size();
    auto amounts = line_amounts(ctx, deps, computed, n);
    json lines = json::array();
    const bool margins = can_see_margins(ctx.actor());
    for (std::size_t i = 0; i < n; ++i)
        lines.push_back(line_row(ctx, form.lines[i], i, n, errors, amounts[i], state.focus, margins));

    // The summary lists the client's error, the header's with their labels, then each line's, each
    // linked to its input.
    json summary = json::array();
    if (errors.contains("client_id")) summary.push_back({{"href", "#client-options"}, {"text", errors["client_id"]}});
    for (const auto& s : ff.summary(ctx.locale())) summary.push_back(s);
    if (errors.contains("lines")) summary.push_back({{"href", "#editor-lines"}, {"text", errors["lines"]}});
    for (std::size_t i = 0; i < n; ++i) {
        json le = line_errors(errors, i);
        for (const char* field : kLineFields)
            if (le[field].is_string())
                summary.push_back({{"href", "#" + input_id(line_prefix(i) + "[" + field + "]")},
                                   {"text", tr(ctx, "editor.line") + " " + std::to_string(i + 1) +
                                                (ctx.locale() == "en" ? ": " : " : ") + le[field].get<std::string>()}});
    }

    const std::string action = state.id ? "/documents/" + std::to_string(state.id) + "/edit" : "/documents";
    Computed panel;
    panel.detail = state.computed;
    json preview = preview_view(ctx, deps, panel, true);

    std::string title = state.id ? tr(ctx, "editor.edit_title") : new_title(ctx, type);
    json data = {{"page_title", title},
                 {"type_label", type_label(ctx, type)},
                 {"is_new", state.id == 0},
                 {"id", state.id ? json(std::to_string(state.id)) : json(nullptr)},
                 {"type", std::string(to_code(type))},
                 {"action", action},
                 {"cancel_url", state.id ? "/documents/" + std::to_string(state.id) : "/documents"},
                 {"has_errors", !summary.empty()},
                 {"errors_title", tr(ctx, "editor.errors_title")},
                 {"summary", summary},
                 {"client", client_options(ctx, deps, form.client_q, form.client_id,
                                           errors.contains("client_id") ? errors["client_id"] : json(nullptr))},
                 {"f", f},
                 {"show_validity", show_validity},
                 {"show_due", show_due},
                 {"show_retention", show_retention},
                 {"lines", lines},
                 {"has_lines", n > 0},
                 {"focus_add", state.focus.field == "add"},
                 {"margins_visible", margins},
                 {"wide_colspan", margins ? "7" : "6"},
                 {"full_colspan", margins ? "10" : "9"},
                 {"preview", preview}};
    const std::string page_title = state.id ? title + " · " + type_label(ctx, type) : title;
    ctx.render_page("sales/document_editor", data, page_title, "sales", status);
}

void render_preview(PageContext& ctx, const PageDeps& deps, const DocumentForm& form, const Computed& computed) {
    const std::size_t n = form.lines.size();
    auto amounts = line_amounts(ctx, deps, computed, n);
    json errors = form_errors(ctx, computed.issues);
    json oob = json::array();
    const bool margins = can_see_margins(ctx.actor());
    for (std::size_t i = 0; i < n; ++i) {
        const bool item = form.lines[i].kind == "item";
        json slots = line_slots(ctx, form.lines[i].kind, line_errors(errors, i), margins);
        const json& a = amounts[i];
        oob.push_back({{"index", std::to_string(i)},
                       {"is_item", item},
                       {"has_amount", form.lines[i].kind != "text"},
                       {"amount", a.is_object() ? a["amount"] : json(nullptr)},
                       {"margin", a.is_object() ? a["margin"] : json(nullptr)},
                       {"low_margin", a.is_object() && a["low_margin"].get<bool>()},
                       {"slots", slots}});
    }
    json data = {{"preview", preview_view(ctx, deps, computed, false)},
                 {"oob_lines", oob},
                 {"margins_visible", margins}};
    ctx.set_response_header("Cache-Control", "no-store");
    ctx.render_fragment("sales/_preview_response", data);
}

}  // namespace comptoir::sales::pages
