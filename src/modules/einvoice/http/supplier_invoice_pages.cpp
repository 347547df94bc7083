// /supplier-invoices: the list of received e-invoices with the upload form, each invoice's page
// (supplier, lines, VAT breakdown, totals, payment details, the checks' results) and its original.
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "modules/einvoice/http/einvoice_pages.hpp"
#include "modules/einvoice/model/unit_codes.hpp"
#include "modules/einvoice/service/einvoice_service.hpp"
#include "modules/einvoice/service/reception_service.hpp"

namespace comptoir::einvoice {
namespace {

using http::Method;
using http::PageContext;
using nlohmann::json;

std::string tr(const PageContext& ctx, const std::string& key) { return ctx.t("einvoice." + key); }

std::string money(const PageContext& ctx, Decimal d, const std::string& currency) {
    const std::string s = ctx.locale() == "en" ? amount_text(d) : d.to_string_fr(2);
    return s + (currency == "EUR" || currency.empty() ? " €" : " " + currency);
}

std::string date(const PageContext& ctx, const std::string& iso) { return iso.empty() ? "" : display_date(iso, ctx.locale()); }


// Empty text is null for the templates (a section on "" would still show).
json o(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json checks_view(const PageContext& ctx, const std::vector<RuleViolation>& checks) {
    json out = json::array();
    for (const auto& c : checks)
        out.push_back({{"rule", c.rule},
                       {"term", o(c.term)},
                       {"warning", c.warning},
                       {"message", ctx.locale() == "en" ? c.message_en : c.message_fr}});
    return out;
}

void render_list(PageContext& ctx, ReceptionService& s, const Error* failure, const ImportOutcome* imported, int status) {
    std::optional<std::int64_t> before;
    if (auto c = ctx.param("before"); !c.empty() && c.size() < 19 && std::all_of(c.begin(), c.end(), ::isdigit)) before = std::stoll(c);
    auto page = s.list(ctx.actor(), 50, before);
    if (!page) return ctx.error_page(page.error());
    json items = json::array();
    for (const auto& r : page->items)
        items.push_back({{"url", "/supplier-invoices/" + std::to_string(r.id)},
                         {"number", r.invoice.number},
                         {"supplier", r.supplier_name},
                         {"date", date(ctx, r.invoice.issue_date)},
                         {"due", o(date(ctx, r.invoice.due_date))},
                         {"total_incl", money(ctx, r.invoice.totals.tax_inclusive, r.invoice.currency)},
                         {"format", r.format == "facturx" ? "Factur-X" : r.format == "ubl" ? "UBL" : "CII"},
                         {"errors", r.errors},
                         {"ok", r.errors == 0}});
    json problems = json::array();
    if (failure)
        for (const auto& f : failure->fields) problems.push_back({{"text", ctx.locale() == "en" ? f.message_en : f.message_fr}});
    json data = {{"items", items},
                 {"has_items", !items.empty()},
                 {"can_import", can_import(ctx.actor())},
                 {"next_url", page->next_before_id ? json("/supplier-invoices?before=" + std::to_string(*page->next_before_id)) : json(nullptr)},
                 {"error_summary", failure ? json(ctx.message(*failure)) : json(nullptr)},
                 {"problems", problems},
                 {"has_problems", !problems.empty()}};
    ctx.render_page("einvoice/supplier_invoices", data, tr(ctx, "reception.title"), "supplier_invoices", status);
}

}  // namespace

void register_supplier_invoice_pages(http::WebServer& web, ReceptionService& s) {
    web.add_nav({"supplier_invoices", "einvoice.nav", "/supplier-invoices", "sales", false, 32});
    web.page(Method::Get, "/supplier-invoices", [&s](PageContext& ctx) { render_list(ctx, s, nullptr, nullptr, 200); });
    // A multipart form: its CSRF token travels in the query string (the server reads multipart
    // fields as files), as on the company logo form.
    web.page(Method::Post, "/supplier-invoices/upload", [&s](PageContext& ctx) {
        if (!can_import(ctx.actor())) return ctx.error_page(Error::forbidden());
        const auto& req = ctx.request();
        if (!req.has_file("file") || req.get_file_value("file").content.empty()) {
            Error e = Error::invalid_field("file", "file.required", "Choisissez le fichier de la facture (PDF Factur-X, XML CII ou UBL).",
                                           "Choose the invoice file (Factur-X PDF, CII or UBL XML).");
            return render_list(ctx, s, &e, nullptr, 422);
        }
        const auto& file = req.get_file_value("file");
        auto outcome = s.import(ctx.actor(), file.content, file.filename, "upload");
        if (!outcome) {
            if (outcome.error().kind == ErrorKind::Forbidden) return ctx.error_page(outcome.error());
            return render_list(ctx, s, &outcome.error(), nullptr, outcome.error().kind == ErrorKind::Conflict ? 409 : 422);
        }
        ctx.redirect("/supplier-invoices/" + std::to_string(outcome->id) + "?imported=1");
    });
    web.page(Method::Get, R"(/supplier-invoices/(\d+))", [&s](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(Error::not_found("Cette facture fournisseur n'existe pas.", "This supplier invoice does not exist."));
        auto d = s.get(ctx.actor(), *id);
        if (!d) return ctx.error_page(d.error());
        const Invoice& inv = d->row.invoice;
        const std::string& cur = inv.currency;
        json lines = json::array();
        for (const auto& l : inv.lines)
            lines.push_back({{"id", l.id},
                             {"name", l.name},
                             {"description", o(l.description)},
                             {"quantity", ctx.locale() == "en" ? decimal_text(l.quantity, 0) : l.quantity.to_string_fr()},
                             {"unit", unit_label(l.unit_code).empty() ? l.unit_code : unit_label(l.unit_code)},
                             {"price", money(ctx, l.net_price, cur)},
                             {"vat", l.vat_category + (l.vat_rate ? " " + decimal_text(*l.vat_rate, 0) + " %" : "")},
                             {"amount", money(ctx, l.net_amount, cur)}});
        json vat = json::array();
        for (const auto& v : inv.vat)
            vat.push_back({{"category", v.category},
                           {"rate", v.rate ? decimal_text(*v.rate, 0) + " %" : ""},
                           {"basis", money(ctx, v.taxable_amount, cur)},
                           {"amount", money(ctx, v.tax_amount, cur)},
                           {"exemption", o(v.exemption_reason.empty() ? v.exemption_code : v.exemption_reason)}});
        json totals = json::array();
        auto total = [&](const char* key, const std::optional<Decimal>& v, bool strong = false) {
            if (v) totals.push_back({{"label", tr(ctx, std::string("reception.totals.") + key)}, {"value", money(ctx, *v, cur)}, {"strong", strong}});
        };
        total("lines", inv.totals.line_net);
        total("allowances", inv.totals.allowances);
        total("charges", inv.totals.charges);
        total("excl", inv.totals.tax_exclusive, true);
        total("vat", inv.totals.tax_amount);
        total("incl", inv.totals.tax_inclusive, true);
        total("prepaid", inv.totals.prepaid);
        total("due", inv.totals.payable, true);
        int errors = 0, warnings = 0;
        for (const auto& c : d->checks) (c.warning ? warnings : errors) += 1;
        json notes = json::array();
        for (const auto& n : inv.notes) notes.push_back({{"subject", o(n.subject)}, {"text", n.text}});
        const auto& sup = d->supplier;
        json data = {{"id", std::to_string(*id)},
                     {"number", inv.number},
                     {"imported", ctx.param("imported") == "1"},
                     {"supplier", {{"name", sup.name}, {"siren", o(sup.siren)}, {"vat_number", o(sup.vat_number)},
                                   {"address", sup.address.line1 + (sup.address.line1.empty() ? "" : ", ") + sup.address.postal_code + " " +
                                                   sup.address.city + (sup.address.country.empty() || sup.address.country == "FR" ? "" : " (" + sup.address.country + ")")}}},
                     {"type_code", inv.type_code},
                     {"is_credit", is_credit_note_type(inv.type_code)},
                     {"issue_date", date(ctx, inv.issue_date)},
                     {"due_date", o(date(ctx, inv.due_date))},
                     {"format", d->row.format == "facturx" ? "Factur-X (PDF)" : d->row.format == "ubl" ? "UBL" : "CII"},
                     {"profile", std::string(conformance_level(inv.profile))},
                     {"framework", o(inv.business_process)},
                     {"order_reference", o(inv.order_reference)},
                     {"buyer_reference", o(inv.buyer_reference)},
                     {"payment", {{"iban", o(inv.payment.iban)}, {"bic", o(inv.payment.bic)}, {"terms", o(inv.payment.terms)},
                                  {"reference", o(inv.payment.remittance)}, {"means", o(inv.payment.means_code)}}},
                     {"lines", lines},
                     {"vat", vat},
                     {"totals", totals},
                     {"notes", notes},
                     {"has_notes", !notes.empty()},
                     {"checks", checks_view(ctx, d->checks)},
                     {"has_checks", !d->checks.empty()},
                     {"valid", errors == 0},
                     {"errors", errors},
                     {"warnings", warnings},
                     {"original_url", "/supplier-invoices/" + std::to_string(*id) + "/original"},
                     {"imported_at", display_datetime(d->row.imported_at, ctx.locale())}};
        ctx.render_page("einvoice/supplier_invoice", data, tr(ctx, "reception.invoice") + " " + inv.number, "supplier_invoices");
    });
    web.page(Method::Get, R"(/supplier-invoices/(\d+)/original)", [&s](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(Error::not_found("Cette facture fournisseur n'existe pas.", "This supplier invoice does not exist."));
        auto o = s.original(ctx.actor(), *id);
        if (!o) return ctx.error_page(o.error());
        const bool pdf = o->bytes.rfind("%PDF", 0) == 0;
        ctx.set_response_header("Content-Disposition",
                                "attachment; filename=\"supplier-invoice-" + std::to_string(*id) + (pdf ? ".pdf" : ".xml") + "\"");
        ctx.response().set_content(o->bytes, pdf ? "application/pdf" : "application/xml");
    });
}

}  // namespace comptoir::einvoice
