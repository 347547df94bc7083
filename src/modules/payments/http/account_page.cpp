// /clients/{id}/account: the client's account as a general ledger (the "Historique" of invoices,
// credit notes, payments and refunds with the running balance, quotes and orders for the record),
// over a period, and the same statement as CSV for a spreadsheet (relevé de compte).
#include "modules/payments/http/account_page.hpp"

#include <httplib.h>

#include <algorithm>
#include <map>

#include "core/clock.hpp"
#include "http/api_reply.hpp"
#include "http/form_fields.hpp"
#include "modules/crm/service/client_service.hpp"

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

// A document line links to its page; a payment has none yet.
std::string link_of(const LedgerEvent& e) {
    return e.kind == "payment" || e.kind == "refund" ? std::string() : "/documents/" + std::to_string(e.id);
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

// "1234,56" for a French spreadsheet (no thousands separator, comma decimal), "" for zero.
std::string csv_amount(Money m) {
    if (m.is_zero()) return "";
    std::string s = m.to_string();
    std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(";\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// What the payment form holds after a failed attempt (empty on a first display).
struct PaymentForm {
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
        lines.push_back({{"date", display_date(e.date, ctx.locale())},
                         {"kind", kind_label(ctx, e.kind)},
                         {"number", http::opt(e.number)},
                         {"link", http::opt(link_of(e))},
                         {"cancelled", e.status == "cancelled"},
                         {"in_balance", e.in_balance},
                         {"debit", e.debit.is_zero() ? json(nullptr) : json(money(ctx, e.debit))},
                         {"credit", e.credit.is_zero() ? json(nullptr) : json(money(ctx, e.credit))},
                         {"amount", e.in_balance ? json(nullptr) : json(money(ctx, e.amount))},
                         {"balance", e.in_balance ? json(money(ctx, line.balance)) : json(nullptr)}});
    }
    json kinds = json::array();
    for (const char* k : {"invoice", "deposit_invoice", "situation_invoice", "credit_note", "payment", "refund", "quote", "order"})
        kinds.push_back({{"value", k},
                         {"label", kind_label(ctx, k)},
                         {"checked", std::find(p.kinds.begin(), p.kinds.end(), k) != p.kinds.end()}});
    std::vector<std::pair<std::string, std::string>> query{{"from", p.from}, {"to", p.to}};
    for (const auto& k : p.kinds) query.emplace_back("type", k);

    // The payment form: the open invoices with what remains due, and the fields' errors.
    json pay = nullptr;
    if (can_record(ctx.actor())) {
        json form_errors = form.error ? ctx.field_errors(*form.error) : json::object();
        auto open = payments.open_invoices(ctx.actor(), id);
        json invoices = json::array();
        if (open)
            for (std::size_t i = 0; i < open->size(); ++i) {
                const auto& inv = (*open)[i];
                auto typed = form.allocations.count(inv.id) ? form.allocations.at(inv.id) : std::string();
                invoices.push_back({{"id", inv.id},
                                    {"number", inv.number},
                                    {"due_date", display_date(inv.due_date, ctx.locale())},
                                    {"remaining", money(ctx, inv.remaining)},
                                    {"value", typed}});
            }
        json methods = json::array();
        for (const char* m : {"transfer", "card", "cheque", "cash", "direct_debit", "other"})
            methods.push_back({{"value", m}, {"label", tr(ctx, "methods." + std::string(m))}, {"selected", form.method == m}});
        json allocation_errors = json::array();
        for (auto it = form_errors.begin(); it != form_errors.end(); ++it)
            if (it.key().rfind("allocations", 0) == 0) allocation_errors.push_back(it.value());
        auto error_of = [&](const char* key) { return form_errors.contains(key) ? form_errors[key] : json(nullptr); };
        pay = {{"date", form.date.empty() ? today_paris() : form.date},
               {"amount", form.amount},
               {"reference", form.reference},
               {"methods", methods},
               {"invoices", invoices},
               {"has_invoices", !invoices.empty()},
               {"summary", form.error ? json(ctx.message(*form.error)) : json(nullptr)},
               {"date_error", error_of("date")},
               {"amount_error", error_of("amount")},
               {"method_error", error_of("method")},
               {"reference_error", error_of("reference")},
               {"allocation_errors", allocation_errors},
               {"has_allocation_errors", !allocation_errors.empty()}};
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
                 {"from_error", errors.contains("from") ? errors["from"] : json(nullptr)},
                 {"to_error", errors.contains("to") ? errors["to"] : json(nullptr)},
                 {"recorded", ctx.param("recorded") == "1"},
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
    web.page(Method::Post, R"(/clients/(\d+)/payments)", [&payments, &clients](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        if (!can_record(ctx.actor())) return ctx.error_page(Error::forbidden());
        PaymentForm form{ctx.param("date"), ctx.param("amount"), ctx.param("method"), ctx.param("reference"), {}, nullptr};
        PaymentInput input;
        input.payment.client_id = *id;
        input.payment.date = form.date;
        input.payment.reference = form.reference;
        std::vector<FieldIssue> issues;
        if (auto m = parse_payment_method(form.method)) input.payment.method = *m;
        else issues.push_back({"method", "method.unknown", "Mode de règlement inconnu.", "Unknown payment method."});
        if (auto amount = Money::parse(form.amount, "amount")) input.payment.amount = *amount;
        else issues.insert(issues.end(), amount.error().fields.begin(), amount.error().fields.end());
        auto open = payments.open_invoices(ctx.actor(), *id);
        if (!open) return ctx.error_page(open.error());
        for (const auto& inv : *open) {
            auto typed = ctx.param("alloc_" + std::to_string(inv.id));
            if (typed.empty()) continue;
            form.allocations[inv.id] = typed;
            const std::string field = "allocations[" + std::to_string(input.allocations.size()) + "].amount";
            if (auto a = Money::parse(typed, field)) input.allocations.push_back({inv.id, *a});
            else issues.insert(issues.end(), a.error().fields.begin(), a.error().fields.end());
        }
        Error error = Error::invalid(issues);
        if (issues.empty()) {
            auto created = payments.create(ctx.actor(), input);
            if (created) return ctx.redirect("/clients/" + std::to_string(*id) + "/account?recorded=1");
            if (created.error().kind != ErrorKind::Invalid) return ctx.error_page(created.error());
            error = created.error();
        }
        form.error = &error;
        render_account(ctx, payments, clients, *id, form, 422);
    });

    web.page(Method::Get, R"(/clients/(\d+)/account\.csv)", [&payments, &clients](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        auto client = clients.get(ctx.actor(), *id);
        if (!client) return ctx.error_page(client.error());
        const Period p = period_of(ctx);
        auto ledger = payments.ledger(ctx.actor(), *id, p.from, p.to, p.kinds);
        if (!ledger) return ctx.error_page(ledger.error());
        // UTF-8 with a BOM and ';': what French spreadsheets open without an import dialog.
        std::string csv = "\xEF\xBB\xBF";
        csv += "Date;Pièce;Numéro;Débit;Crédit;Solde\r\n";
        csv += ";Solde d'ouverture;;;;" + csv_amount(ledger->opening) + "\r\n";
        for (const auto& line : ledger->lines) {
            const auto& e = line.event;
            csv += e.date + ";" + csv_field(kind_label(ctx, e.kind) + (e.in_balance ? "" : " (" + tr(ctx, "account.outside") + ")")) +
                   ";" + csv_field(e.number) + ";" + csv_amount(e.debit) + ";" + csv_amount(e.credit) + ";" +
                   (e.in_balance ? csv_amount(line.balance) : std::string()) + "\r\n";
        }
        csv += ";Total;;" + csv_amount(ledger->total_debit) + ";" + csv_amount(ledger->total_credit) + ";" +
               csv_amount(ledger->closing) + "\r\n";
        ctx.set_response_header("Content-Disposition",
                                "attachment; filename=\"releve-client-" + std::to_string(*id) + ".csv\"");
        ctx.response().set_content(csv, "text/csv; charset=utf-8");
    });
}

}  // namespace comptoir::payments
