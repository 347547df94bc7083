// GET /documents/{id} and its PDF (GET /documents/{id}/pdf): the document as issued (or as the draft
// stands), its parties, lines, VAT and totals, margins for those who may see them, the documents it
// came from or led to, and the actions its state allows.
#include <algorithm>

#include <httplib.h>

#include "core/clock.hpp"
#include "core/legal/siren.hpp"
#include "http/problem.hpp"
#include "modules/sales/http/page_support.hpp"
#include "modules/sales/http/pages_internal.hpp"

namespace comptoir::sales::pages {
namespace {

using http::Method;
using http::PageContext;

json lines_of(const std::vector<std::string>& texts) {
    json out = json::array();
    for (const auto& t : texts)
        if (!t.empty()) out.push_back({{"text", t}});
    return out;
}

// A party as printed: its name, address, and legal identifiers.
json party(const std::string& name, const std::vector<std::string>& address, const std::string& siret,
           const std::string& vat_number, const std::string& href) {
    return {{"name", name},
            {"href", opt(href)},
            {"address", lines_of(address)},
            {"siret", siret.empty() ? json(nullptr) : json(format_siret(siret))},
            {"vat_number", opt(vat_number)}};
}

std::string city_line(const std::string& postal_code, const std::string& city) {
    return postal_code + (postal_code.empty() || city.empty() ? "" : " ") + city;
}

json client_party(PageContext& ctx, const PageDeps& deps, const Document& d) {
    const std::string href = "/clients/" + std::to_string(d.client_id);
    if (!d.client_json.empty()) {  // frozen at validation
        auto c = json::parse(d.client_json, nullptr, false);
        if (c.is_object()) {
            const json& b = c.value("billing", json::object());
            return party(c.value("name", d.client_name),
                         {b.value("line1", ""), b.value("line2", ""), city_line(b.value("postal_code", ""), b.value("city", ""))},
                         c.value("siret", ""), c.value("vat_number", ""), href);
        }
    }
    auto c = deps.clients.get(ctx.actor(), d.client_id);
    if (!c) return party(d.client_name, {}, "", "", href);
    return party(c->display_name(), {c->billing.line1, c->billing.line2, city_line(c->billing.postal_code, c->billing.city)},
                 c->siret, c->vat_number, href);
}

json seller_party(PageContext& ctx, const PageDeps& deps, const Document& d) {
    if (!d.seller_json.empty()) {
        auto s = json::parse(d.seller_json, nullptr, false);
        if (s.is_object())
            return party(s.value("name", ""),
                         {s.value("address_line1", ""), s.value("address_line2", ""),
                          city_line(s.value("postal_code", ""), s.value("city", ""))},
                         s.value("siret", ""), s.value("vat_number", ""), "");
    }
    auto company = deps.companies.get(ctx.actor());
    if (!company) return party("", {}, "", "", "");
    const auto& f = company->fields;
    return party(f.name, {f.address_line1, f.address_line2, city_line(f.postal_code, f.city)}, f.siret, f.vat_number, "");
}

json row(const std::string& label, const std::string& value) { return {{"label", label}, {"value", value}}; }

json details(PageContext& ctx, const Document& d) {
    json rows = json::array();
    if (!d.title.empty()) rows.push_back(row(tr(ctx, "editor.title"), d.title));
    rows.push_back(row(tr(ctx, "page.type"), type_label(ctx, d.type) +
                                                 (d.situation_number ? " — " + tr(ctx, "page.situation_number") + " " +
                                                                           std::to_string(d.situation_number)
                                                                     : "")));
    if (!d.number.empty()) rows.push_back(row(tr(ctx, "page.number"), d.number));
    if (!d.issue_date.empty()) rows.push_back(row(tr(ctx, "editor.issue_date"), date(ctx, d.issue_date)));
    if (!d.validity_date.empty()) rows.push_back(row(tr(ctx, "editor.validity_date"), date(ctx, d.validity_date)));
    if (!d.due_date.empty()) rows.push_back(row(tr(ctx, "editor.due_date"), date(ctx, d.due_date)));
    if (!d.payment_terms.empty())
        rows.push_back(row(tr(ctx, "editor.payment_terms"), crm::pages::payment_terms_label(d.payment_terms, ctx.locale())));
    if (!d.payment_method.empty())
        rows.push_back(row(tr(ctx, "editor.payment_method"), crm::pages::payment_method_label(d.payment_method, ctx.locale())));
    if (!d.customer_reference.empty()) rows.push_back(row(tr(ctx, "editor.customer_reference"), d.customer_reference));
    rows.push_back(row(tr(ctx, "editor.operation"), tr(ctx, "operation." + std::string(to_code(d.operation)))));
    return rows;
}

json line_rows(PageContext& ctx, const Document& d, const ComputedView& v) {
    json out = json::array();
    for (std::size_t i = 0; i < d.lines.size(); ++i) {
        const Line& l = d.lines[i];
        const bool item = l.line.kind == LineKind::Item;
        const json& a = v.amounts[i];
        json r = {{"is_item", item},
                  {"is_section", l.line.kind == LineKind::Section},
                  {"is_text", l.line.kind == LineKind::Text},
                  {"is_subtotal", l.line.kind == LineKind::Subtotal},
                  {"reference", opt(l.reference)},
                  {"description", crm::pages::text_lines(l.line.description)},
                  {"label", l.line.description.empty() ? tr(ctx, "editor.subtotal") : l.line.description},
                  {"amount", a["amount"]},
                  {"margin", a["margin"]},
                  {"low_margin", a["low_margin"]},
                  {"quantity", item ? json(number(ctx, l.line.quantity)) : json(nullptr)},
                  {"unit", opt(l.line.unit)},
                  {"unit_price", item ? json(ctx.locale() == "en" ? decimal_input(ctx, l.line.unit_price, 2)
                                                                   : l.line.unit_price.to_string_fr(2))
                                     : json(nullptr)},
                  {"discount", item && !l.line.discount_percent.is_zero() ? json(rate(ctx, l.line.discount_percent)) : json(nullptr)},
                  {"vat", item ? json(vat_label(ctx, l.line.vat)) : json(nullptr)},
                  {"progress", l.progress_percent ? json(rate(ctx, *l.progress_percent)) : json(nullptr)}};
        out.push_back(std::move(r));
    }
    return out;
}

std::string relation_label(PageContext& ctx, const std::string& relation) {
    if (relation == "source") return tr(ctx, "page.link_source");
    if (relation == "corrects") return tr(ctx, "page.link_corrects");
    if (relation == "corrected_by") return tr(ctx, "page.link_corrected_by");
    return tr(ctx, "page.link_derived");
}

json links(PageContext& ctx, const DocumentDetail& detail) {
    json out = json::array();
    for (const auto& l : detail.links)
        out.push_back({{"href", "/documents/" + std::to_string(l.id)},
                       {"name", link_name(ctx, l)},
                       {"relation", relation_label(ctx, l.relation)},
                       {"status_label", status_label(ctx, l.status, l.type)},
                       {"status_class", status_badge_class(l.status)},
                       {"total", money(ctx, l.total_incl_vat)}});
    return out;
}

// The cumulative progress of each contract line at the last issued situation (0 before the first).
std::vector<Decimal> previous_progress(PageContext& ctx, const PageDeps& deps, const DocumentDetail& detail) {
    std::vector<Decimal> out(detail.document.lines.size());
    std::int64_t last = 0;
    for (const auto& l : detail.links)
        if (l.relation == "derived" && l.type == DocumentType::SituationInvoice && l.status != DocumentStatus::Draft)
            last = std::max(last, l.id);
    if (!last) return out;
    auto situation = deps.documents.get(ctx.actor(), last);
    if (!situation) return out;
    const auto& lines = situation->document.lines;
    for (std::size_t i = 0; i < out.size() && i < lines.size(); ++i)
        if (lines[i].progress_percent) out[i] = *lines[i].progress_percent;
    return out;
}

json actions(PageContext& ctx, const PageDeps& deps, const DocumentDetail& detail, const ComputedView& v) {
    const Document& d = detail.document;
    const Actor& actor = ctx.actor();
    const bool writer = can_write(actor, d.type);
    const bool draft = d.status == DocumentStatus::Draft;
    json statuses = json::array();
    bool can_validate = false;
    for (auto s : detail.next_statuses) {
        if (s == DocumentStatus::Validated) can_validate = writer && !d.archived;
        else if (writer) statuses.push_back({{"value", std::string(to_code(s))}, {"label", status_label(ctx, s, d.type)}});
    }
    json conversions = json::array();
    bool deposit = false, situation = false;
    for (auto to : detail.conversions) {
        if (!can_write(actor, to)) continue;
        if (to == DocumentType::DepositInvoice) deposit = true;
        else if (to == DocumentType::SituationInvoice) situation = true;
        else {
            std::string key = to == DocumentType::Order      ? "page.convert_order"
                              : to == DocumentType::Invoice  ? "page.convert_invoice"
                              : to == DocumentType::ProForma ? "page.convert_proforma"
                                                             : "page.convert_credit_note";
            conversions.push_back({{"value", std::string(to_code(to))}, {"label", tr(ctx, key)}});
        }
    }
    json progress = json::array();
    if (situation) {
        auto previous = previous_progress(ctx, deps, detail);
        for (std::size_t i = 0; i < d.lines.size(); ++i) {
            const bool item = d.lines[i].line.kind == LineKind::Item;
            progress.push_back({{"index", std::to_string(i)},
                                {"is_item", item},
                                {"number", std::to_string(i + 1)},
                                {"description", d.lines[i].line.description},
                                {"amount", v.amounts[i]["amount"]},
                                {"previous", rate(ctx, previous[i])},
                                {"value", item ? decimal_input(ctx, previous[i]) : "0"}});
        }
    }
    const bool any = can_validate || !statuses.empty() || !conversions.empty() || deposit || situation || writer;
    return {{"any", any},
            {"can_validate", can_validate},
            {"validate_invoice", is_legal_invoice(d.type)},
            {"statuses", statuses},
            {"has_statuses", !statuses.empty()},
            {"conversions", conversions},
            {"has_conversions", !conversions.empty() || deposit || situation},
            {"deposit", deposit},
            {"situation", situation},
            {"progress", progress},
            {"can_archive", writer && !d.archived},
            {"can_restore", writer && d.archived},
            {"can_delete", writer && draft}};
}

json flash(PageContext& ctx, const std::string& done) {
    static const std::vector<std::string> known{"saved", "validated", "status", "converted", "archived", "restored"};
    if (std::find(known.begin(), known.end(), done) == known.end()) return nullptr;
    return {{"message", tr(ctx, "page.flash." + done)}};
}

}  // namespace

void render_document_page(PageContext& ctx, const PageDeps& deps, std::int64_t id, const Error* failure) {
    auto found = deps.documents.get(ctx.actor(), id);
    if (!found) return ctx.error_page(found.error());
    const DocumentDetail& detail = *found;
    const Document& d = detail.document;
    const auto v = computed_view(ctx, detail, deps.margin_threshold(ctx.actor()));
    const bool draft = d.status == DocumentStatus::Draft;
    json notice = nullptr;
    if (failure) {
        json fields = json::array();
        const std::string message = ctx.message(*failure);
        for (const auto& f : failure->fields) {
            const std::string& text = ctx.locale() == "en" ? f.message_en : f.message_fr;
            if (text != message) fields.push_back({{"text", text}});  // the summary already says it
        }
        // The company's own identity missing (its first invoice): admins get the way to fill it in.
        const bool company_incomplete = std::any_of(failure->fields.begin(), failure->fields.end(), [](const FieldIssue& f) {
            return f.field.rfind("seller.", 0) == 0;
        });
        notice = {{"message", message},
                  {"fields", fields},
                  {"has_fields", !fields.empty()},
                  {"company_link", company_incomplete && ctx.actor().is_admin()}};
    }
    json totals = v.totals;
    if (totals.is_object()) {  // the VAT table above gives each rate; the totals then give the sum
        totals["vat_table"] = true;
        totals["show_total_vat"] = true;
    }
    const std::string sid = std::to_string(id);
    json data = {
        {"id", sid},
        {"name", document_name(ctx, d)},
        {"type_label", type_label(ctx, d.type)},
        {"title", opt(d.title)},
        {"client_name", d.client_name},
        {"is_draft", draft},
        {"status_label", status_label(ctx, d.status, d.type)},
        {"status_class", status_badge_class(d.status)},
        {"archived", d.archived},
        {"flash", failure ? json(nullptr) : flash(ctx, ctx.param("done"))},
        {"notice", notice},
        {"locked_text", draft ? json(nullptr)
                              : json(tr(ctx, is_legal_invoice(d.type) || d.type == DocumentType::CreditNote ? "page.locked_invoice"
                                                                                                            : "page.locked_other"))},
        {"can_edit", detail.editable && can_write(ctx.actor(), d.type)},
        {"pdf_url", "/documents/" + sid + "/pdf"},
        // Served by the e-invoicing module: Factur-X, CII and UBL downloads, rule checks.
        {"einvoice_url", !draft && (is_legal_invoice(d.type) || d.type == DocumentType::CreditNote)
                             ? json("/documents/" + sid + "/einvoice")
                             : json(nullptr)},
        // Served by the mail module (/documents/{id}/email), which checks the permission again.
        {"email_url", !draft && d.status != DocumentStatus::Cancelled &&
                              (ctx.actor().role == Role::Admin || ctx.actor().role == Role::Sales)
                          ? json("/documents/" + sid + "/email")
                          : json(nullptr)},
        {"actions", actions(ctx, deps, detail, v)},
        {"seller", seller_party(ctx, deps, d)},
        {"client", client_party(ctx, deps, d)},
        {"details", details(ctx, d)},
        {"lines", line_rows(ctx, d, v)},
        {"has_lines", !d.lines.empty()},
        {"has_progress", d.type == DocumentType::SituationInvoice},
        {"margins_visible", v.margins.is_object()},
        {"totals", totals},
        {"totals_unavailable", totals.is_null()},
        {"margins", v.margins},
        {"links", links(ctx, detail)},
        {"has_links", !detail.links.empty()},
        {"notes", crm::pages::text_lines(d.notes)},
        {"has_notes", !d.notes.empty()},
        {"created", crm::pages::when(d.created_at, ctx.locale())},
        {"validated_at", d.validated_at.empty() ? json(nullptr) : json(crm::pages::when(d.validated_at, ctx.locale()))},
        {"hash", d.hash.empty() ? json(nullptr) : json(d.hash.substr(0, 16) + "…")}};
    int status = failure ? http::status_for(failure->kind) : 200;
    ctx.render_page("sales/document_page", data, document_name(ctx, d), "sales", status);
}

void register_document_page(http::WebServer& web, PageDeps deps) {
    web.page(Method::Get, R"(/documents/(\d+))", [deps](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(document_not_found());
        render_document_page(ctx, deps, *id);
    });

    web.page(Method::Get, R"(/documents/(\d+)/pdf)", [deps](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(document_not_found());
        auto detail = deps.documents.get(ctx.actor(), *id);
        if (!detail) return ctx.error_page(detail.error());
        auto pdf = deps.documents.pdf(ctx.actor(), *id);
        if (!pdf) return ctx.error_page(pdf.error());
        const Document& d = detail->document;
        std::string name = d.number.empty() ? "brouillon-" + std::to_string(*id) : d.number;
        for (auto& c : name)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '-';
        const bool download = ctx.param("download") == "1";
        ctx.set_response_header("Content-Disposition",
                                std::string(download ? "attachment" : "inline") + "; filename=\"" + name + ".pdf\"");
        ctx.set_response_header("Cache-Control", "private, no-cache");
        ctx.response().set_content(*pdf, "application/pdf");
    });
}

}  // namespace comptoir::sales::pages
