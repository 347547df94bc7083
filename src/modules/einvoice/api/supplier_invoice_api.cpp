// /api/v1/supplier-invoices: import a received e-invoice (the file as the request body), list,
// detail with lines, VAT rows and checks, and the original file.
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "http/api_reply.hpp"
#include "modules/einvoice/api/einvoice_api.hpp"
#include "modules/einvoice/api/einvoice_json.hpp"
#include "modules/einvoice/service/reception_service.hpp"

namespace comptoir::einvoice {
namespace {

using http::ApiContext;
using http::Method;
using nlohmann::json;

json opt_amount(const std::optional<Decimal>& d) { return d ? json(amount_text(*d)) : json(nullptr); }

json summary_json(const storage::SupplierInvoiceRow& r) {
    const auto& inv = r.invoice;
    return {{"id", r.id},
            {"supplier_id", r.supplier_id},
            {"supplier_name", r.supplier_name},
            {"number", inv.number},
            {"type_code", inv.type_code},
            {"issue_date", inv.issue_date},
            {"due_date", inv.due_date},
            {"currency", inv.currency},
            {"format", r.format},
            {"profile", std::string(to_code(inv.profile))},
            {"total_excl_vat", amount_text(inv.totals.tax_exclusive)},
            {"total_vat", opt_amount(inv.totals.tax_amount)},
            {"total_incl_vat", amount_text(inv.totals.tax_inclusive)},
            {"amount_due", amount_text(inv.totals.payable)},
            {"errors", r.errors},
            {"source", r.source},
            {"imported_at", r.imported_at}};
}

json detail_json(const SupplierInvoiceDetail& d) {
    json j = summary_json(d.row);
    const auto& inv = d.row.invoice;
    j["supplier"] = {{"id", d.supplier.id}, {"name", d.supplier.name}, {"siren", d.supplier.siren},
                     {"vat_number", d.supplier.vat_number}, {"city", d.supplier.address.city}};
    j["business_process"] = inv.business_process;
    j["buyer_reference"] = inv.buyer_reference;
    j["order_reference"] = inv.order_reference;
    j["payment"] = {{"means_code", inv.payment.means_code}, {"iban", inv.payment.iban}, {"bic", inv.payment.bic},
                    {"terms", inv.payment.terms}, {"reference", inv.payment.remittance}};
    j["totals"] = {{"line_net", opt_amount(inv.totals.line_net)}, {"allowances", opt_amount(inv.totals.allowances)},
                   {"charges", opt_amount(inv.totals.charges)}, {"prepaid", opt_amount(inv.totals.prepaid)}};
    j["lines"] = json::array();
    for (const auto& l : inv.lines)
        j["lines"].push_back({{"id", l.id}, {"name", l.name}, {"description", l.description}, {"quantity", decimal_text(l.quantity, 0)},
                              {"unit_code", l.unit_code}, {"net_price", decimal_text(l.net_price, 2)},
                              {"net_amount", amount_text(l.net_amount)}, {"vat_category", l.vat_category},
                              {"vat_rate", l.vat_rate ? json(decimal_text(*l.vat_rate, 0)) : json(nullptr)}});
    j["vat"] = json::array();
    for (const auto& v : inv.vat)
        j["vat"].push_back({{"category", v.category}, {"rate", v.rate ? json(decimal_text(*v.rate, 0)) : json(nullptr)},
                            {"taxable_amount", amount_text(v.taxable_amount)}, {"tax_amount", amount_text(v.tax_amount)},
                            {"exemption_reason", v.exemption_reason}, {"exemption_code", v.exemption_code}});
    j["checks"] = violations_json(d.checks);
    for (std::size_t i = 0; i < d.checks.size(); ++i) j["checks"][i]["warning"] = d.checks[i].warning;
    return j;
}

std::optional<std::int64_t> parse_cursor(const std::string& s) {
    if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), ::isdigit)) return std::nullopt;
    return std::stoll(s);
}

}  // namespace

void register_supplier_invoice_api(http::WebServer& web, ReceptionService& s) {
    web.api(Method::Post, "/api/v1/supplier-invoices", [&s](ApiContext& ctx) {
        const std::string filename = ctx.param("filename").empty() ? "facture" : ctx.param("filename");
        auto outcome = s.import(ctx.actor(), ctx.request().body, filename, "api");
        if (!outcome) return ctx.problem(outcome.error());
        json checks = violations_json(outcome->checks);
        for (std::size_t i = 0; i < outcome->checks.size(); ++i) checks[i]["warning"] = outcome->checks[i].warning;
        ctx.send({{"id", outcome->id},
                  {"supplier_id", outcome->supplier_id},
                  {"supplier_created", outcome->supplier_created},
                  {"number", outcome->number},
                  {"format", outcome->format},
                  {"profile", std::string(to_code(outcome->profile))},
                  {"checks", checks}},
                 201);
    });
    web.api(Method::Get, "/api/v1/supplier-invoices", [&s](ApiContext& ctx) {
        int limit = 25;
        if (auto l = ctx.param("limit"); !l.empty()) {
            auto n = parse_cursor(l);
            limit = n && *n <= 1000 ? static_cast<int>(*n) : 0;
        }
        std::optional<std::int64_t> before;
        if (auto c = ctx.param("cursor"); !c.empty()) {
            before = parse_cursor(c);
            if (!before)
                return ctx.problem(Error::invalid_field("cursor", "cursor.invalid", "Curseur de pagination invalide.",
                                                        "Invalid pagination cursor."));
        }
        http::reply(ctx, s.list(ctx.actor(), limit, before), [](const SupplierInvoicePage& p) {
            json items = json::array();
            for (const auto& r : p.items) items.push_back(summary_json(r));
            return json{{"items", items},
                        {"next_cursor", p.next_before_id ? json(std::to_string(*p.next_before_id)) : json(nullptr)}};
        });
    });
    web.api(Method::Get, R"(/api/v1/supplier-invoices/(\d+))", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(http::invalid_id());
        http::reply(ctx, s.get(ctx.actor(), *id), detail_json);
    });
    web.api(Method::Get, R"(/api/v1/supplier-invoices/(\d+)/original)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(http::invalid_id());
        auto o = s.original(ctx.actor(), *id);
        if (!o) return ctx.problem(o.error());
        const bool pdf = o->bytes.rfind("%PDF", 0) == 0;
        ctx.set_response_header("Content-Disposition", "attachment; filename=\"supplier-invoice-" + std::to_string(*id) +
                                                           (pdf ? ".pdf" : ".xml") + "\"");
        ctx.response().set_content(o->bytes, pdf ? "application/pdf" : "application/xml");
    });
}

}  // namespace comptoir::einvoice
