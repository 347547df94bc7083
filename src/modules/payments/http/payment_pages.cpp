#include "modules/payments/http/payment_pages.hpp"

#include <map>

#include "core/clock.hpp"
#include "http/api_reply.hpp"
#include "http/form_fields.hpp"

namespace comptoir::payments {
namespace {

using http::Method;
using http::PageContext;
using nlohmann::json;

constexpr int kPageSize = 25;

std::string tr(const PageContext& ctx, const std::string& key) { return ctx.t("payments." + key); }
std::string money(const PageContext& ctx, Money m) { return ctx.locale() == "en" ? m.to_display_en() : m.to_display_fr(); }
std::string kind_text(const PageContext& ctx, PaymentKind k) { return tr(ctx, "kinds." + std::string(to_code(k))); }
std::string method_text(const PageContext& ctx, PaymentMethod m) { return tr(ctx, "methods." + std::string(to_code(m))); }

json options(const PageContext& ctx, const std::string& group, std::initializer_list<const char*> codes,
             const std::string& selected) {
    json out = json::array();
    for (const char* c : codes) out.push_back({{"value", c}, {"label", tr(ctx, group + "." + c)}, {"selected", selected == c}});
    return out;
}

// GET /payments: newest first, filtered by kind, method, period and client.
void list_page(PageContext& ctx, PaymentService& payments) {
    storage::PaymentQuery q;
    q.limit = kPageSize;
    std::vector<FieldIssue> issues;
    const std::string kind = ctx.param("kind"), method = ctx.param("method"), from = ctx.param("from"),
                      to = ctx.param("to"), client = ctx.param("client_id"), cursor = ctx.param("cursor");
    if (!kind.empty()) {
        if (auto k = parse_payment_kind(kind)) q.kind = *k;
        else issues.push_back({"kind", "kind.unknown", "Type inconnu.", "Unknown type."});
    }
    if (!method.empty()) {
        if (auto m = parse_payment_method(method)) q.method = *m;
        else issues.push_back({"method", "method.unknown", "Mode de règlement inconnu.", "Unknown payment method."});
    }
    for (auto [field, value] : {std::pair{"from", &from}, std::pair{"to", &to}})
        if (!value->empty() && !valid_iso_date(*value))
            issues.push_back({field, "date.invalid", "Date invalide : attendu AAAA-MM-JJ.", "Invalid date: expected YYYY-MM-DD."});
    if (issues.empty()) {
        q.from = from;
        q.to = to;
    }
    if (!client.empty()) {
        if (auto id = http::parse_id(client)) q.client_id = *id;
        else issues.push_back({"client_id", "client_id.invalid", "Client invalide.", "Invalid client."});
    }
    if (!cursor.empty()) {
        if (auto id = http::parse_id(cursor)) q.before_id = *id;
    }
    json errors = issues.empty() ? json::object() : ctx.field_errors(Error::invalid(issues));
    auto page = payments.list(ctx.actor(), q);
    if (!page) return ctx.error_page(page.error());

    json rows = json::array();
    std::string client_name;
    for (const auto& p : page->items) {
        if (q.client_id) client_name = p.client_name;
        rows.push_back({{"id", p.id},
                        {"date", display_date(p.date, ctx.locale())},
                        {"client_id", p.client_id},
                        {"client_name", p.client_name},
                        {"kind", kind_text(ctx, p.kind)},
                        {"refund", p.kind == PaymentKind::Refund},
                        {"method", method_text(ctx, p.method)},
                        {"reference", http::opt(p.reference)},
                        {"amount", money(ctx, p.amount)},
                        {"allocated", money(ctx, p.allocated())},
                        {"unallocated", p.cancelled || p.unallocated().is_zero() ? json(nullptr) : json(money(ctx, p.unallocated()))},
                        {"cancelled", p.cancelled}});
    }
    std::vector<std::pair<std::string, std::string>> base{
        {"kind", kind}, {"method", method}, {"from", from}, {"to", to}, {"client_id", client}};
    json next = nullptr;
    if (page->next_before_id) {
        auto params = base;
        params.emplace_back("cursor", std::to_string(*page->next_before_id));
        next = "/payments" + http::query_string(params);
    }
    auto error_of = [&](const char* key) { return errors.contains(key) ? errors[key] : json(nullptr); };
    json data = {{"rows", rows},
                 {"has_rows", !rows.empty()},
                 {"kinds", options(ctx, "kinds", {"payment", "refund"}, kind)},
                 {"methods", options(ctx, "methods", {"transfer", "card", "cheque", "cash", "direct_debit", "other"}, method)},
                 {"from", from},
                 {"to", to},
                 {"client_id", client},
                 {"client_name", http::opt(client_name)},
                 {"paged", !cursor.empty()},
                 {"first_page", "/payments" + http::query_string(base)},
                 {"next", next},
                 {"from_error", error_of("from")},
                 {"to_error", error_of("to")},
                 {"filter_error", errors.empty() ? json(nullptr) : json(ctx.message(Error::invalid(issues)))}};
    ctx.render_page("payments/list", data, tr(ctx, "list.title"), "payments", issues.empty() ? 200 : 422);
}

// What the allocation and cancellation forms hold after a failed attempt.
struct DetailForm {
    std::map<std::int64_t, std::string> allocations;
    std::string reason;
    const Error* allocate_error = nullptr;
    const Error* cancel_error = nullptr;
};

json history_view(const PageContext& ctx, const std::vector<audit::Entry>& entries) {
    json out = json::array();
    for (const auto& e : entries) {
        std::string what = tr(ctx, "detail.actions." + e.action);
        if (what.rfind("payments.", 0) == 0) what = e.action;
        std::string detail;
        if (e.action == "cancel" && e.changes.contains("reason") && e.changes["reason"].is_string())
            detail = e.changes["reason"].get<std::string>();
        out.push_back({{"when", http::when(e.at, ctx.locale())},
                       {"who", e.user_name.empty() ? tr(ctx, "detail.someone") : e.user_name},
                       {"what", what},
                       {"detail", http::opt(detail)}});
    }
    return out;
}

void detail_page(PageContext& ctx, PaymentService& payments, std::int64_t id, const DetailForm& form, int status) {
    auto p = payments.get(ctx.actor(), id);
    if (!p) return ctx.error_page(p.error());
    auto history = payments.history(ctx.actor(), id);
    if (!history) return ctx.error_page(history.error());
    const bool refund = p->kind == PaymentKind::Refund;

    json allocations = json::array();
    for (const auto& a : p->allocations)
        allocations.push_back({{"document_id", a.document_id},
                               {"document", tr(ctx, "kinds." + a.document_type) + " " + a.document_number},
                               {"amount", money(ctx, a.amount)},
                               {"when", http::when(a.created_at, ctx.locale())}});

    // Allocate what is left: the client's open invoices (or credit notes for a refund).
    json allocate = nullptr;
    if (can_record(ctx.actor()) && !p->cancelled && p->unallocated().cents() > 0) {
        auto open = payments.open_documents(ctx.actor(), p->client_id, p->kind);
        if (!open) return ctx.error_page(open.error());
        json rows = json::array();
        for (const auto& doc : *open) {
            auto typed = form.allocations.count(doc.id) ? form.allocations.at(doc.id) : std::string();
            rows.push_back({{"id", doc.id},
                            {"number", doc.number},
                            {"due_date", display_date(doc.due_date, ctx.locale())},
                            {"remaining", money(ctx, doc.remaining)},
                            {"value", typed}});
        }
        json errors = json::array();
        if (form.allocate_error) {
            const json by_field = ctx.field_errors(*form.allocate_error);  // kept alive for the loop
            for (auto it = by_field.begin(); it != by_field.end(); ++it) errors.push_back(it.value());
        }
        allocate = {{"documents", rows},
                    {"has_documents", !rows.empty()},
                    {"summary", form.allocate_error ? json(ctx.message(*form.allocate_error)) : json(nullptr)},
                    {"errors", errors}};
    }
    json cancel = nullptr;
    if (can_cancel(ctx.actor()) && !p->cancelled) {
        json errors = form.cancel_error ? ctx.field_errors(*form.cancel_error) : json::object();
        cancel = {{"reason", form.reason}, {"reason_error", errors.contains("reason") ? errors["reason"] : json(nullptr)}};
    }
    json facts = json::array();
    auto fact = [&](const std::string& label, const std::string& value) {
        if (!value.empty()) facts.push_back({{"label", label}, {"value", value}});
    };
    fact(tr(ctx, "detail.date"), display_date(p->date, ctx.locale()));
    fact(tr(ctx, "detail.method"), method_text(ctx, p->method));
    fact(tr(ctx, "detail.reference"), p->reference);
    fact(tr(ctx, "detail.bank_account"), p->bank_account);
    fact(tr(ctx, "detail.notes"), p->notes);
    fact(tr(ctx, "detail.recorded"), http::when(p->created_at, ctx.locale()));

    json data = {{"id", p->id},
                 {"title", kind_text(ctx, p->kind) + " · " + money(ctx, p->amount)},
                 {"refund", refund},
                 {"client_id", p->client_id},
                 {"client_name", p->client_name},
                 {"amount", money(ctx, p->amount)},
                 {"allocated", money(ctx, p->allocated())},
                 {"unallocated", money(ctx, p->cancelled ? Money{} : p->unallocated())},
                 {"has_unallocated", !p->cancelled && p->unallocated().cents() > 0},
                 {"facts", facts},
                 {"allocations", allocations},
                 {"has_allocations", !allocations.empty()},
                 {"cancelled", p->cancelled},
                 {"cancelled_when", http::when(p->cancelled_at, ctx.locale())},
                 {"cancel_reason", p->cancel_reason},
                 {"allocate", allocate},
                 {"cancel", cancel},
                 {"history", history_view(ctx, *history)},
                 {"flash", nullptr}};
    // After a redirect: "?done=allocated" or "?done=cancelled" (an unknown word shows nothing).
    if (const std::string done = ctx.param("done"); done == "allocated" || done == "cancelled")
        data["flash"] = tr(ctx, "detail.done_" + done);
    ctx.render_page("payments/detail", data, data["title"].get<std::string>(), "payments", status);
}

}  // namespace

void register_payment_pages(http::WebServer& web, PaymentService& payments) {
    web.add_nav({"payments", "payments.nav", "/payments", "payments", false, 35});

    web.page(Method::Get, "/payments", [&payments](PageContext& ctx) { list_page(ctx, payments); });

    web.page(Method::Get, R"(/payments/(\d+))", [&payments](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        detail_page(ctx, payments, *id, DetailForm{}, 200);
    });

    // Allocates what the payment has not allocated yet; fields alloc_<document id>.
    web.page(Method::Post, R"(/payments/(\d+)/allocations)", [&payments](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        if (!can_record(ctx.actor())) return ctx.error_page(Error::forbidden());
        auto p = payments.get(ctx.actor(), *id);
        if (!p) return ctx.error_page(p.error());
        auto open = payments.open_documents(ctx.actor(), p->client_id, p->kind);
        if (!open) return ctx.error_page(open.error());
        DetailForm form;
        std::vector<AllocationRequest> requests;
        std::vector<FieldIssue> issues;
        for (const auto& doc : *open) {
            auto typed = ctx.param("alloc_" + std::to_string(doc.id));
            if (typed.empty()) continue;
            form.allocations[doc.id] = typed;
            const std::string field = "allocations[" + std::to_string(requests.size()) + "].amount";
            if (auto a = Money::parse(typed, field)) requests.push_back({doc.id, *a});
            else issues.insert(issues.end(), a.error().fields.begin(), a.error().fields.end());
        }
        if (issues.empty() && requests.empty())
            issues.push_back({"allocations", "allocations.empty", "Indiquez au moins un montant à imputer.",
                              "Enter at least one amount to allocate."});
        Error error = Error::invalid(issues);
        if (issues.empty()) {
            auto done = payments.allocate(ctx.actor(), *id, requests);
            if (done) return ctx.redirect("/payments/" + std::to_string(*id) + "?done=allocated");
            if (done.error().kind != ErrorKind::Invalid) return ctx.error_page(done.error());
            error = done.error();
        }
        form.allocate_error = &error;
        detail_page(ctx, payments, *id, form, 422);
    });

    web.page(Method::Post, R"(/payments/(\d+)/cancel)", [&payments](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(http::invalid_id());
        DetailForm form;
        form.reason = ctx.param("reason");
        auto done = payments.cancel(ctx.actor(), *id, form.reason);
        if (done) return ctx.redirect("/payments/" + std::to_string(*id) + "?done=cancelled");
        if (done.error().kind != ErrorKind::Invalid) return ctx.error_page(done.error());
        Error error = done.error();
        form.cancel_error = &error;
        detail_page(ctx, payments, *id, form, 422);
    });
}

}  // namespace comptoir::payments
