// /clients/{id}/account: the client's account as a general ledger (the "Historique" of invoices,
// credit notes, payments and refunds with the running balance, quotes and orders for the record),
// over a period, and the same statement as CSV for a spreadsheet (relevé de compte).
#include "modules/payments/http/account_page.hpp"

#include <httplib.h>

#include <algorithm>

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

}  // namespace

void register_account_pages(http::WebServer& web, PaymentService& payments, crm::ClientService& clients) {
    web.page(Method::Get, R"(/clients/(\d+)/account)", [&payments, &clients](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        auto client = clients.get(ctx.actor(), *id);
        if (!client) return ctx.error_page(client.error());
        const Period p = period_of(ctx);
        auto ledger = payments.ledger(ctx.actor(), *id, p.from, p.to, p.kinds);
        json errors = json::object();
        if (!ledger) {
            if (ledger.error().kind != ErrorKind::Invalid) return ctx.error_page(ledger.error());
            errors = ctx.field_errors(ledger.error());
            ledger = payments.ledger(ctx.actor(), *id, "", "", {});  // show everything, with the message
            if (!ledger) return ctx.error_page(ledger.error());
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
        json data = {{"client_id", *id},
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
                     {"csv_link", "/clients/" + std::to_string(*id) + "/account.csv" + http::query_string(query)},
                     {"from_error", errors.contains("from") ? errors["from"] : json(nullptr)},
                     {"to_error", errors.contains("to") ? errors["to"] : json(nullptr)}};
        ctx.render_page("payments/account", data, tr(ctx, "account.title") + " · " + client->display_name(), "clients",
                        errors.empty() ? 200 : 422);
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
