#include "modules/payments/api/payment_api.hpp"

#include <httplib.h>

#include <algorithm>
#include <set>

#include "core/clock.hpp"
#include "http/api_reply.hpp"
#include "http/form_fields.hpp"
#include "http/json_fields.hpp"
#include "http/page_params.hpp"

namespace comptoir::payments {
namespace {

using http::ApiContext;
using http::invalid_id;
using http::parse_id;
using http::type_error;
using http::unknown_keys;
using http::Method;
using http::reply;
using nlohmann::json;

// An amount as a string ("120,50") or a JSON number; `required` when absent is an error.
void read_money(std::vector<FieldIssue>& issues, const json& body, const char* key, const std::string& field, Money& out) {
    if (!body.contains(key) || body.at(key).is_null()) {
        issues.push_back({field, "required", "Indiquez le montant.", "Give the amount."});
        return;
    }
    const auto& v = body.at(key);
    std::string text;
    if (v.is_string()) text = v.get<std::string>();
    else if (v.is_number()) text = v.dump();
    else return type_error(issues, field, "un montant", "an amount");
    auto m = Money::parse(text, field);
    if (!m) issues.insert(issues.end(), m.error().fields.begin(), m.error().fields.end());
    else out = *m;
}

void read_text(std::vector<FieldIssue>& issues, const json& body, const char* key, std::string& out, std::size_t max) {
    if (!body.contains(key) || body.at(key).is_null()) return;
    const auto& v = body.at(key);
    if (!v.is_string()) return type_error(issues, key, "une chaîne de caractères", "a string");
    if (v.get_ref<const std::string&>().size() > max) {
        issues.push_back({key, "too_long", "Ce texte est trop long (" + std::to_string(max) + " caractères au plus).",
                          "This text is too long (at most " + std::to_string(max) + " characters)."});
        return;
    }
    out = v.get<std::string>();
}

void read_allocations(std::vector<FieldIssue>& issues, const json& body, std::vector<AllocationRequest>& out) {
    if (!body.contains("allocations") || body.at("allocations").is_null()) return;
    const auto& list = body.at("allocations");
    if (!list.is_array()) return type_error(issues, "allocations", "une liste d'imputations", "an array of allocations");
    if (list.size() > 500) {
        issues.push_back({"allocations", "allocations.too_many", "500 imputations au plus par paiement.",
                          "At most 500 allocations per payment."});
        return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string prefix = "allocations[" + std::to_string(i) + "]";
        const auto& v = list[i];
        if (!v.is_object()) {
            type_error(issues, prefix, "un objet {document_id, amount}", "an object {document_id, amount}");
            continue;
        }
        unknown_keys(issues, v, {"document_id", "amount"}, prefix + ".");
        AllocationRequest a;
        if (!v.contains("document_id") || v.at("document_id").is_null())
            issues.push_back({prefix + ".document_id", "required", "Choisissez le document.", "Choose the document."});
        else if (v.at("document_id").is_number_integer() && v.at("document_id").get<std::int64_t>() > 0)
            a.document_id = v.at("document_id").get<std::int64_t>();
        else
            type_error(issues, prefix + ".document_id", "un identifiant (entier positif)", "an id (positive integer)");
        read_money(issues, v, "amount", prefix + ".amount", a.amount);
        out.push_back(a);
    }
}

Result<storage::PaymentQuery> list_query(const ApiContext& ctx) {
    storage::PaymentQuery q;
    std::vector<FieldIssue> issues;
    if (auto client = ctx.param("client_id"); !client.empty()) {
        if (auto id = parse_id(client)) q.client_id = id;
        else issues.push_back({"client_id", "type", "Identifiant numérique attendu.", "A numeric id is expected."});
    }
    for (auto [key, target] : {std::pair{"from", &q.from}, std::pair{"to", &q.to}}) {
        auto v = ctx.param(key);
        if (v.empty()) continue;
        if (valid_iso_date(v)) *target = v;
        else issues.push_back({key, "date.invalid", "Date invalide : attendu AAAA-MM-JJ.", "Invalid date: expected YYYY-MM-DD."});
    }
    http::read_id_page(ctx.param("limit"), ctx.param("cursor"), issues, q.limit, q.before_id);
    if (!issues.empty()) return fail(Error::invalid(issues));
    return q;
}

json opt_text(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// Amounts as strings in euros ("1234.56"); a line outside the balance carries no balance.
json ledger_json(const Ledger& l) {
    json lines = json::array();
    for (const auto& line : l.lines) {
        const auto& e = line.event;
        lines.push_back({{"date", e.date},
                         {"kind", e.kind},
                         {"id", e.id},
                         {"number", e.number},
                         {"status", e.status},
                         {"debit", e.debit.is_zero() ? json(nullptr) : json(e.debit.to_string())},
                         {"credit", e.credit.is_zero() ? json(nullptr) : json(e.credit.to_string())},
                         {"amount", e.in_balance ? json(nullptr) : json(e.amount.to_string())},
                         {"in_balance", e.in_balance},
                         {"balance", e.in_balance ? json(line.balance.to_string()) : json(nullptr)}});
        json& added = lines.back();
        if (!e.due_date.empty()) added["due_date"] = e.due_date;
        if (!e.method.empty()) added["method"] = e.method;
        if (!e.document_type.empty()) added["document_type"] = e.document_type;
        if (!e.previous_status.empty()) added["previous_status"] = e.previous_status;
        if (!e.detail.empty()) added["detail"] = e.detail;
        if (!e.link.empty()) added["link"] = e.link;
    }
    return {{"opening_balance", l.opening.to_string()},
            {"total_debit", l.total_debit.to_string()},
            {"total_credit", l.total_credit.to_string()},
            {"closing_balance", l.closing.to_string()},
            {"lines", lines}};
}

}  // namespace

Result<PaymentInput> payment_from_json(const json& body) {
    if (!body.is_object())
        return fail(Error::invalid_field("", "body.type", "Le corps de la requête doit être un objet JSON.",
                                         "The request body must be a JSON object."));
    std::vector<FieldIssue> issues;
    unknown_keys(issues, body,
                 {"client_id", "kind", "date", "amount", "method", "reference", "bank_account", "notes", "allocations"}, "");
    PaymentInput in;
    Payment& p = in.payment;
    if (!body.contains("client_id") || body.at("client_id").is_null())
        issues.push_back({"client_id", "required", "Choisissez le client.", "Choose the client."});
    else if (body.at("client_id").is_number_integer() && body.at("client_id").get<std::int64_t>() > 0)
        p.client_id = body.at("client_id").get<std::int64_t>();
    else
        type_error(issues, "client_id", "un identifiant (entier positif)", "an id (positive integer)");
    std::string kind = "payment", method = "transfer";
    read_text(issues, body, "kind", kind, 40);
    if (auto k = parse_payment_kind(kind)) p.kind = *k;
    else issues.push_back({"kind", "payment_kind.unknown", "Type inconnu (payment, refund).", "Unknown kind (payment, refund)."});
    read_text(issues, body, "date", p.date, 40);
    if (!p.date.empty() && !valid_iso_date(p.date)) {
        issues.push_back({"date", "date.invalid", "Date invalide : attendu AAAA-MM-JJ.", "Invalid date: expected YYYY-MM-DD."});
        p.date.clear();
    }
    read_money(issues, body, "amount", "amount", p.amount);
    read_text(issues, body, "method", method, 40);
    if (auto m = parse_payment_method(method)) p.method = *m;
    else issues.push_back({"method", "payment_method.unknown",
                           "Mode de paiement inconnu (transfer, card, cheque, cash, direct_debit, other).",
                           "Unknown payment method (transfer, card, cheque, cash, direct_debit, other)."});
    read_text(issues, body, "reference", p.reference, 100);
    read_text(issues, body, "bank_account", p.bank_account, 100);
    read_text(issues, body, "notes", p.notes, 2000);
    read_allocations(issues, body, in.allocations);
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    return in;
}

Result<std::vector<AllocationRequest>> allocations_from_json(const json& body) {
    if (!body.is_object())
        return fail(Error::invalid_field("", "body.type", "Le corps de la requête doit être un objet JSON.",
                                         "The request body must be a JSON object."));
    std::vector<FieldIssue> issues;
    unknown_keys(issues, body, {"allocations"}, "");
    std::vector<AllocationRequest> out;
    if (!body.contains("allocations"))
        issues.push_back({"allocations", "required", "Donnez au moins une imputation.", "Give at least one allocation."});
    read_allocations(issues, body, out);
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    return out;
}

json payment_json(const Payment& p) {
    json allocations = json::array();
    for (const auto& a : p.allocations)
        allocations.push_back({{"id", a.id},
                               {"document_id", a.document_id},
                               {"document_type", a.document_type},
                               {"document_number", opt_text(a.document_number)},
                               {"amount", a.amount.to_string()},
                               {"created_at", a.created_at}});
    return {{"id", p.id},
            {"client_id", p.client_id},
            {"kind", std::string(to_code(p.kind))},
            {"date", p.date},
            {"amount", p.amount.to_string()},
            {"allocated", p.cancelled ? Money{}.to_string() : p.allocated().to_string()},
            {"unallocated", p.cancelled ? Money{}.to_string() : p.unallocated().to_string()},
            {"method", std::string(to_code(p.method))},
            {"reference", p.reference},
            {"bank_account", p.bank_account},
            {"notes", p.notes},
            {"created_at", p.created_at},
            {"created_by", p.created_by},
            {"cancelled", p.cancelled},
            {"cancelled_at", opt_text(p.cancelled_at)},
            {"cancelled_by", p.cancelled ? json(p.cancelled_by) : json(nullptr)},
            {"cancel_reason", opt_text(p.cancel_reason)},
            {"allocations", allocations}};
}

json balance_json(const ClientBalance& b) {
    return {{"client_id", b.client_id},
            {"invoiced", b.invoiced.to_string()},
            {"credited", b.credited.to_string()},
            {"paid", b.paid.to_string()},
            {"refunded", b.refunded.to_string()},
            {"unallocated_credit", b.unallocated_credit.to_string()},
            {"balance", b.balance().to_string()}};
}

void register_payment_api(http::WebServer& web, PaymentService& s) {
    web.api(Method::Get, "/api/v1/payments", [&s](ApiContext& ctx) {
        auto query = list_query(ctx);
        if (!query) return ctx.problem(query.error());
        reply(ctx, s.list(ctx.actor(), *query), [](const PaymentPage& page) {
            json data = json::array();
            for (const auto& p : page.items) data.push_back(payment_json(p));
            return json{{"data", data},
                        {"next_cursor", page.next_before_id ? json(std::to_string(*page.next_before_id)) : json(nullptr)}};
        });
    });
    web.api(Method::Post, "/api/v1/payments", [&s](ApiContext& ctx) {
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto input = payment_from_json(*body);
        if (!input) return ctx.problem(input.error());
        reply(ctx, s.create(ctx.actor(), std::move(*input)), payment_json, 201);
    });
    web.api(Method::Get, R"(/api/v1/payments/(\d+))", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, s.get(ctx.actor(), *id), payment_json);
    });
    web.api(Method::Post, R"(/api/v1/payments/(\d+)/allocations)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto allocations = allocations_from_json(*body);
        if (!allocations) return ctx.problem(allocations.error());
        reply(ctx, s.allocate(ctx.actor(), *id, *allocations), payment_json);
    });
    web.api(Method::Post, R"(/api/v1/payments/(\d+)/cancel)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        std::vector<FieldIssue> issues;
        unknown_keys(issues, *body, {"reason"}, "");
        std::string reason;
        read_text(issues, *body, "reason", reason, 500);
        if (!issues.empty()) return ctx.problem(Error::invalid(std::move(issues)));
        reply(ctx, s.cancel(ctx.actor(), *id, reason), payment_json);
    });
    web.api(Method::Get, R"(/api/v1/clients/(\d+)/balance)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, s.balance(ctx.actor(), *id), balance_json);
    });
    web.api(Method::Get, R"(/api/v1/clients/(\d+)/ledger)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        std::vector<std::string> kinds;
        for (const auto& k : ctx.params("type"))
            if (!k.empty()) kinds.push_back(k);
        reply(ctx, s.ledger(ctx.actor(), *id, ctx.param("from"), ctx.param("to"), kinds), ledger_json);
    });
    // The account statement (relevé de compte) of a period, as PDF (default) or CSV.
    web.api(Method::Get, R"(/api/v1/clients/(\d+)/statement)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        const std::string format = ctx.param("format").empty() ? "pdf" : ctx.param("format");
        if (format != "pdf" && format != "csv")
            return ctx.problem(Error::invalid_field("format", "format.unknown", "Format attendu : pdf ou csv.",
                                                    "Expected format: pdf or csv."));
        auto file = format == "pdf" ? s.statement_pdf(ctx.actor(), *id, ctx.param("from"), ctx.param("to"))
                                    : s.statement_csv(ctx.actor(), *id, ctx.param("from"), ctx.param("to"), {});
        if (!file) return ctx.problem(file.error());
        ctx.set_response_header("Content-Disposition", "attachment; filename=\"releve-client-" + std::to_string(*id) +
                                                           "." + format + "\"");
        ctx.response().set_content(*file, format == "pdf" ? "application/pdf" : "text/csv; charset=utf-8");
    });
}

}  // namespace comptoir::payments
