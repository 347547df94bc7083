// /clients/{id}/account: the client's account as a general ledger (the "Historique" of invoices,
// credit notes, payments and refunds with the running balance; quotes, orders, status changes and
// emails for the record), over a period; the account statement (relevé de compte) as PDF and CSV;
// the forms to record a payment (allocated to open invoices) or a refund (to credit notes).
#include "modules/payments/http/account_page.hpp"

#include <httplib.h>

#include <algorithm>
#include <map>

#include "core/clock.hpp"
#include "http/api_reply.hpp"
#include "http/form_fields.hpp"
#include "modules/crm/service/client_service.hpp"
#include "modules/sales/domain/document_status.hpp"
#include "modules/sales/domain/document_type.hpp"

namespace comptoir::payments {
namespace {

using http::Method;
using http::PageContext;
using nlohmann::json;

std::string tr(const PageContext& ctx, const std::string& key) { return ctx.t("payments." + key); }

std::string money(const PageContext& ctx, Money m) { return ctx.locale() == "en" ? m.to_display_en() : m.to_display_fr(); }

std::string kind_label(const PageContext& ctx, const std::string& kind) {
    auto label = tr(ctx, "kinds." + kind);
    return label.rfind("payments.", 0) == 0 ? kind : label;  // an unknown kind shows its code
}

std::string link_of(const LedgerEvent& e) {
    if (!e.link.empty()) return e.link;
    if (e.kind == "payment" || e.kind == "refund") return "/payments/" + std::to_string(e.id);
    return "/documents/" + std::to_string(e.id);
}

std::string status_text(const PageContext& ctx, const std::string& status, const std::string& type) {
    auto s = sales::parse_document_status(status);
    auto t = sales::parse_document_type(type);
    if (!s || !t) return status;
    return ctx.locale() == "en" ? std::string(sales::label_en(*s)) : sales::label_fr(*s, *t);
}

// The line under the entry: "Envoyé → Accepté" for a status change, the subject and recipients of
// an email, the method of a payment.
std::string detail_of(const PageContext& ctx, const LedgerEvent& e) {
    if (e.kind == "status") {
        if (e.status == "archive") return tr(ctx, "account.archived");
        if (e.status == "restore") return tr(ctx, "account.restored");
        std::string to = status_text(ctx, e.status, e.document_type);
        return e.previous_status.empty() ? to : status_text(ctx, e.previous_status, e.document_type) + " → " + to;
    }
    if ((e.kind == "payment" || e.kind == "refund") && !e.method.empty()) return tr(ctx, "methods." + e.method);
    return e.detail;
}

// The entry's name: "Facture", or for a status change the document's type ("Devis").
std::string entry_label(const PageContext& ctx, const LedgerEvent& e) {
    if (e.kind == "status") return kind_label(ctx, e.document_type);
    return kind_label(ctx, e.kind);
}

struct Period {
    std::string from, to;
    std::vector<std::string> kinds;
};

Period period_of(const PageContext& ctx) {
    Period p{ctx.param("from"), ctx.param("to"), {}};
    for (const auto& k : ctx.params("type"))
        if (!k.empty()) p.kinds.push_back(k);
    return p;
}

// What the payment form holds after a failed attempt (empty on a first display).
struct PaymentForm {
    std::string kind = "payment";
    std::string date, amount, method = "transfer", reference;
    std::map<std::int64_t, std::string> allocations;  // invoice id -> amount typed
    const Error* error = nullptr;
};

void render_account(PageContext& ctx, PaymentService& payments, crm::ClientService& clients, std::int64_t id,
                    const PaymentForm& form, int status) {
    auto client = clients.get(ctx.actor(), id);
    if (!client) return ctx.error_page(client.error());
    const Period p = period_of(ctx);
    auto ledger = payments.ledger(ctx.actor(), id, p.from, p.to, p.kinds);
    json errors = json::object();
    if (!ledger) {
        if (ledger.error().kind != ErrorKind::Invalid) return ctx.error_page(ledger.error());
        errors = ctx.field_errors(ledger.error());
        ledger = payments.ledger(ctx.actor(), id, "", "", {});  // show everything, with the message
        if (!ledger) return ctx.error_page(ledger.error());
        if (status == 200) status = 422;
    }
    json lines = json::array();
    for (const auto& line : ledger->lines) {
        const auto& e = line.event;
        const bool sent_or_failed = e.kind == "email" || e.kind == "reminder";
        lines.push_back({{"date", display_date(e.date, ctx.locale())},
                         {"kind", entry_label(ctx, e)},
                         {"number", http::opt(e.number)},
                         {"link", http::opt(link_of(e))},
                         {"detail", http::opt(detail_of(ctx, e))},
                         {"cancelled", e.status == "cancelled"},
                         {"failed", sent_or_failed && e.status == "failed"},
                         {"pending", sent_or_failed && e.status == "pending"},
                         {"in_balance", e.in_balance},
                         {"show_amount", !e.in_balance && !e.amount.is_zero()},
                         {"debit", e.debit.is_zero() ? json(nullptr) : json(money(ctx, e.debit))},
                         {"credit", e.credit.is_zero() ? json(nullptr) : json(money(ctx, e.credit))},
                         {"amount", e.in_balance ? json(nullptr) : json(money(ctx, e.amount))},
                         {"balance", e.in_balance ? json(money(ctx, line.balance)) : json(nullptr)}});
    }
    json kinds = json::array();
    for (const char* k : {"invoice", "deposit_invoice", "situation_invoice", "credit_note", "payment", "refund", "quote",
                          "order", "status", "email", "reminder"})
        kinds.push_back({{"value", k},
                         {"label", kind_label(ctx, k)},
                         {"checked", std::find(p.kinds.begin(), p.kinds.end(), k) != p.kinds.end()}});
    std::vector<std::pair<std::string, std::string>> query{{"from", p.from}, {"to", p.to}};
    for (const auto& k : p.kinds) query.emplace_back("type", k);

    // The payment form (the open invoices with what remains due) and the refund form (the credit
    // notes with what is not refunded yet); the form that was posted keeps what was typed and its errors.
    json pay = nullptr;
    if (can_record(ctx.actor())) {
        auto form_json = [&](const std::string& kind, const std::vector<OpenInvoice>& documents) {
            const bool posted = form.kind == kind && form.error;
            json form_errors = posted ? ctx.field_errors(*form.error) : json::object();
            json rows = json::array();
            for (const auto& doc : documents) {
                auto typed = form.kind == kind && form.allocations.count(doc.id) ? form.allocations.at(doc.id) : std::string();
                rows.push_back({{"id", doc.id},
                                {"number", doc.number},
                                {"due_date", display_date(doc.due_date, ctx.locale())},
                                {"remaining", money(ctx, doc.remaining)},
                                {"value", typed}});
            }
            const std::string method = form.kind == kind ? form.method : "transfer";
            json methods = json::array();
            for (const char* m : {"transfer", "card", "cheque", "cash", "direct_debit", "other"})
                methods.push_back({{"value", m}, {"label", tr(ctx, "methods." + std::string(m))}, {"selected", method == m}});
            json allocation_errors = json::array();
            for (auto it = form_errors.begin(); it != form_errors.end(); ++it)
                if (it.key().rfind("allocations", 0) == 0) allocation_errors.push_back(it.value());
            auto error_of = [&](const char* key) { return form_errors.contains(key) ? form_errors[key] : json(nullptr); };
            return json{{"prefix", kind == "refund" ? "refund" : "pay"},
                        {"action", "/clients/" + std::to_string(id) + (kind == "refund" ? "/refunds" : "/payments")},
                        {"date", form.kind == kind && !form.date.empty() ? form.date : today_paris()},
                        {"amount", form.kind == kind ? form.amount : std::string()},
                        {"reference", form.kind == kind ? form.reference : std::string()},
                        {"methods", methods},
                        {"documents", rows},
                        {"has_documents", !rows.empty()},
                        {"summary", posted ? json(ctx.message(*form.error)) : json(nullptr)},
                        {"date_error", error_of("date")},
                        {"amount_error", error_of("amount")},
                        {"method_error", error_of("method")},
                        {"reference_error", error_of("reference")},
                        {"allocation_errors", allocation_errors},
                        {"has_allocation_errors", !allocation_errors.empty()}};
        };
        auto open = payments.open_documents(ctx.actor(), id, PaymentKind::Payment);
        auto refundable = payments.open_documents(ctx.actor(), id, PaymentKind::Refund);
        const std::vector<OpenInvoice> none;
        json payment_form = form_json("payment", open ? *open : none);
        payment_form["is_refund"] = false;
        json forms = json::array({payment_form});
        // Refunds only when a credit note has something left to give back.
        if (refundable && !refundable->empty()) {
            json refund_form = form_json("refund", *refundable);
            refund_form["is_refund"] = true;
            refund_form["open"] = form.kind == "refund";
            forms.push_back(refund_form);
        }
        pay = {{"forms", forms}};
    }
    json data = {{"client_id", id},
                 {"client_name", client->display_name()},
                 {"from", p.from},
                 {"to", p.to},
                 {"kinds", kinds},
                 {"lines", lines},
                 {"has_lines", !lines.empty()},
                 {"opening", money(ctx, ledger->opening)},
                 {"total_debit", money(ctx, ledger->total_debit)},
                 {"total_credit", money(ctx, ledger->total_credit)},
                 {"closing", money(ctx, ledger->closing)},
                 {"csv_link", "/clients/" + std::to_string(id) + "/account.csv" + http::query_string(query)},
                 {"pdf_link", "/clients/" + std::to_string(id) + "/account.pdf" +
                                  http::query_string({{"from", p.from}, {"to", p.to}})},
                 {"from_error", errors.contains("from") ? errors["from"] : json(nullptr)},
                 {"to_error", errors.contains("to") ? errors["to"] : json(nullptr)},
                 {"recorded", ctx.param("recorded") == "1"},
                 {"refunded", ctx.param("refunded") == "1"},
                 {"pay", pay}};
    ctx.render_page("payments/account", data, tr(ctx, "account.title") + " · " + client->display_name(), "clients", status);
}

}  // namespace

void register_account_pages(http::WebServer& web, PaymentService& payments, crm::ClientService& clients) {
    web.page(Method::Get, R"(/clients/(\d+)/account)", [&payments, &clients](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        render_account(ctx, payments, clients, *id, PaymentForm{}, 200);
    });

    // Records a payment from the account page; the allocation fields are named alloc_<invoice id>.
    // Records a payment (allocated to open invoices) or a refund (to credit notes) from the account
    // page; the allocation fields are named alloc_<document id>.
    for (const std::string kind : {"payment", "refund"}) {
        const std::string path = kind == "refund" ? R"(/clients/(\d+)/refunds)" : R"(/clients/(\d+)/payments)";
        web.page(Method::Post, path, [&payments, &clients, kind](PageContext& ctx) {
            auto id = ctx.path_id();
            if (!id) return ctx.error_page(http::invalid_id());
            if (!can_record(ctx.actor())) return ctx.error_page(Error::forbidden());
            PaymentForm form{kind, ctx.param("date"), ctx.param("amount"), ctx.param("method"), ctx.param("reference"), {},
                             nullptr};
            PaymentInput input;
            input.payment.kind = kind == "refund" ? PaymentKind::Refund : PaymentKind::Payment;
            input.payment.client_id = *id;
            input.payment.date = form.date;
            input.payment.reference = form.reference;
            std::vector<FieldIssue> issues;
            if (auto m = parse_payment_method(form.method)) input.payment.method = *m;
            else issues.push_back({"method", "method.unknown", "Mode de règlement inconnu.", "Unknown payment method."});
            if (auto amount = Money::parse(form.amount, "amount")) input.payment.amount = *amount;
            else issues.insert(issues.end(), amount.error().fields.begin(), amount.error().fields.end());
            auto open = payments.open_documents(ctx.actor(), *id, input.payment.kind);
            if (!open) return ctx.error_page(open.error());
            for (const auto& doc : *open) {
                auto typed = ctx.param("alloc_" + std::to_string(doc.id));
                if (typed.empty()) continue;
                form.allocations[doc.id] = typed;
                const std::string field = "allocations[" + std::to_string(input.allocations.size()) + "].amount";
                if (auto a = Money::parse(typed, field)) input.allocations.push_back({doc.id, *a});
                else issues.insert(issues.end(), a.error().fields.begin(), a.error().fields.end());
            }
            Error error = Error::invalid(issues);
            if (issues.empty()) {
                auto created = payments.create(ctx.actor(), input);
                if (created)
                    return ctx.redirect("/clients/" + std::to_string(*id) + "/account?" +
                                        (kind == "refund" ? "refunded=1" : "recorded=1"));
                if (created.error().kind != ErrorKind::Invalid) return ctx.error_page(created.error());
                error = created.error();
            }
            form.error = &error;
            render_account(ctx, payments, clients, *id, form, 422);
        });
    }

    // The account statement over the period, as PDF on the company's letterhead.
    web.page(Method::Get, R"(/clients/(\d+)/account\.pdf)", [&payments](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        auto pdf = payments.statement_pdf(ctx.actor(), *id, ctx.param("from"), ctx.param("to"));
        if (!pdf) return ctx.error_page(pdf.error());
        ctx.set_response_header("Content-Disposition",
                                "inline; filename=\"releve-client-" + std::to_string(*id) + ".pdf\"");
        ctx.response().set_content(*pdf, "application/pdf");
    });

    web.page(Method::Get, R"(/clients/(\d+)/account\.csv)", [&payments](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        const Period p = period_of(ctx);
        auto csv = payments.statement_csv(ctx.actor(), *id, p.from, p.to, p.kinds);
        if (!csv) return ctx.error_page(csv.error());
        ctx.set_response_header("Content-Disposition",
                                "attachment; filename=\"releve-client-" + std::to_string(*id) + ".csv\"");
        ctx.response().set_content(*csv, "text/csv; charset=utf-8");
    });
}

}  // namespace comptoir::payments
