#include "modules/payments/service/payment_service.hpp"

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/crm/service/client_service.hpp"
#include "modules/payments/model/settlement.hpp"
#include "modules/payments/service/statement.hpp"
#include "modules/sales/pdf/render_pdf.hpp"
#include "store/keyset_cursor.hpp"

namespace comptoir::payments {
namespace {

using nlohmann::json;

Error payment_not_found() { return Error::not_found("Paiement introuvable.", "Payment not found."); }

std::string field_of(std::size_t i, const char* key) {
    return "allocations[" + std::to_string(i) + "]." + key;
}

json allocations_json(const std::vector<AllocationRequest>& allocations) {
    json out = json::array();
    for (const auto& a : allocations) out.push_back({{"document_id", a.document_id}, {"amount", a.amount.to_string()}});
    return out;
}

}  // namespace

bool can_record(const Actor& actor) {
    return actor.role == Role::Admin || actor.role == Role::Sales || actor.role == Role::Accountant;
}
bool can_cancel(const Actor& actor) { return actor.role == Role::Admin || actor.role == Role::Accountant; }

PaymentService::PaymentService(store::Database& db, crm::ClientService& clients, sales::DocumentService& documents)
    : db_(db), clients_(clients), documents_(documents) {}

Result<void> PaymentService::check_client(const Actor& actor, std::int64_t client_id, const std::string& field) {
    if (client_id <= 0)
        return fail(Error::invalid_field(field, "required", "Choisissez le client.", "Choose the client."));
    auto client = clients_.get(actor, client_id);
    if (client) return {};
    if (client.error().kind == ErrorKind::NotFound)
        return fail(Error::invalid_field(field, "client_id.unknown", "Ce client n'existe pas.", "This client does not exist."));
    return fail(client.error());
}

Result<void> PaymentService::apply_allocations(store::Connection& conn, const Actor& actor, const Payment& payment,
                                               const std::vector<AllocationRequest>& allocations,
                                               const std::string& now) {
    if (allocations.empty()) return {};
    std::vector<FieldIssue> issues;
    if (allocations.size() > 500)
        return fail(Error::invalid_field("allocations", "allocations.too_many", "500 imputations au plus par paiement.",
                                         "At most 500 allocations per payment."));
    // The documents first, locked until the end of the transaction in id order (so two payments over
    // the same invoices queue rather than deadlock), then what already settles them.
    std::map<std::int64_t, std::optional<storage::DocumentFacts>> found;
    for (const auto& a : allocations)
        if (a.document_id > 0) found[a.document_id];
    std::vector<std::int64_t> ids;
    for (auto& [doc_id, facts] : found) {
        facts = storage::find_document(conn, actor.company_id, doc_id, true);
        if (facts) ids.push_back(doc_id);
    }
    std::vector<std::optional<storage::DocumentFacts>> docs;
    for (const auto& a : allocations)
        docs.push_back(a.document_id > 0 ? found[a.document_id] : std::nullopt);
    auto settled = storage::settlements(conn, actor.company_id, ids);
    const bool refund = payment.kind == PaymentKind::Refund;
    Money requested;
    std::map<std::int64_t, Money> in_this_request;
    for (std::size_t i = 0; i < allocations.size(); ++i) {
        const auto& a = allocations[i];
        const auto& doc = docs[i];
        if (!doc) {
            issues.push_back({field_of(i, "document_id"), "allocation.document_unknown", "Ce document n'existe pas.",
                              "This document does not exist."});
        } else if (!refund && !is_payable_invoice(doc->type)) {
            issues.push_back({field_of(i, "document_id"), "allocation.not_invoice",
                              "Un paiement s'impute sur une facture (facture, acompte ou situation).",
                              "A payment is allocated to an invoice (invoice, deposit or situation invoice)."});
        } else if (refund && !is_credit_note(doc->type)) {
            issues.push_back({field_of(i, "document_id"), "allocation.not_credit_note",
                              "Un remboursement s'impute sur un avoir.", "A refund is allocated to a credit note."});
        } else if (!is_issued(doc->status)) {
            issues.push_back({field_of(i, "document_id"), "allocation.not_issued",
                              "Ce document n'est pas émis (brouillon ou annulé).",
                              "This document is not issued (a draft or cancelled)."});
        } else if (doc->client_id != payment.client_id) {
            issues.push_back({field_of(i, "document_id"), "allocation.other_client",
                              "Ce document est celui d'un autre client.", "This document belongs to another client."});
        }
        if (a.amount.cents() <= 0) {
            issues.push_back({field_of(i, "amount"), "allocation.amount_positive", "Le montant imputé doit être positif.",
                              "The allocated amount must be positive."});
            continue;
        }
        requested += a.amount;
        if (!doc) continue;
        const auto s = settled.count(a.document_id) ? settled.at(a.document_id) : storage::Settlement{};
        const Money due = refund ? doc->total_incl_vat : doc->amount_due;
        Money& earlier = in_this_request[a.document_id];
        const Money remaining = remaining_due(due, s.allocated + earlier, refund ? Money{} : s.credited);
        earlier += a.amount;
        if (a.amount > remaining) {
            const Money left = remaining.is_negative() ? Money{} : remaining;
            issues.push_back({field_of(i, "amount"), "allocation.exceeds_due",
                              "Le montant dépasse ce qui reste " + std::string(refund ? "à rembourser" : "dû") +
                                  " sur ce document (" + left.to_display_fr() + ").",
                              "The amount exceeds what remains " + std::string(refund ? "to refund" : "due") +
                                  " on this document (" + left.to_display_en() + ")."});
        }
    }
    if (requested + payment.allocated() > payment.amount)
        issues.push_back({"allocations", "allocation.exceeds_payment",
                          "Les imputations dépassent le montant non imputé du paiement (" +
                              payment.unallocated().to_display_fr() + ").",
                          "The allocations exceed the payment's unallocated amount (" +
                              payment.unallocated().to_display_en() + ")."});
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    for (const auto& a : allocations) storage::insert_allocation(conn, actor.company_id, payment.id, a, actor.user_id, now);
    return {};
}

Result<Payment> PaymentService::create(const Actor& actor, PaymentInput input) {
    if (!can_record(actor)) return fail(Error::forbidden());
    Payment& p = input.payment;
    std::vector<FieldIssue> issues;
    const std::string today = today_paris();
    if (p.date.empty()) p.date = today;
    if (!valid_iso_date(p.date))
        issues.push_back({"date", "date.invalid", "Date invalide : attendu AAAA-MM-JJ.", "Invalid date: expected YYYY-MM-DD."});
    else if (p.date > today)
        issues.push_back({"date", "date.future", "La date d'un paiement ne peut pas être dans le futur.",
                          "A payment's date cannot be in the future."});
    if (p.amount.cents() <= 0)
        issues.push_back({"amount", "amount.positive", "Le montant doit être positif.", "The amount must be positive."});
    if (p.kind == PaymentKind::Refund) {
        Money sum;
        for (const auto& a : input.allocations) sum += a.amount;
        if (sum != p.amount)
            issues.push_back({"allocations", "refund.allocation_required",
                              "Un remboursement s'impute en entier sur les avoirs qu'il rembourse.",
                              "A refund is allocated in full to the credit notes it refunds."});
    }
    if (auto client = check_client(actor, p.client_id, "client_id"); !client) {
        if (client.error().kind != ErrorKind::Invalid) return fail(client.error());
        issues.insert(issues.begin(), client.error().fields.begin(), client.error().fields.end());
    }
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Payment> {
        const std::string now = now_iso();
        p.id = storage::insert_payment(conn, actor.company_id, p, actor.user_id, now);
        p.allocations.clear();
        TRY_RESULT_VOID(apply_allocations(conn, actor, p, input.allocations, now));
        audit::record(conn, actor, "payment", p.id, "create",
                      {{"client_id", p.client_id},
                       {"kind", std::string(to_code(p.kind))},
                       {"date", p.date},
                       {"amount", p.amount.to_string()},
                       {"method", std::string(to_code(p.method))},
                       {"reference", p.reference},
                       {"allocations", allocations_json(input.allocations)}});
        return *storage::find_payment(conn, actor.company_id, p.id);
    });
}

Result<Payment> PaymentService::allocate(const Actor& actor, std::int64_t id,
                                         const std::vector<AllocationRequest>& allocations) {
    if (!can_record(actor)) return fail(Error::forbidden());
    if (allocations.empty())
        return fail(Error::invalid_field("allocations", "required", "Donnez au moins une imputation.",
                                         "Give at least one allocation."));
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Payment> {
        auto p = storage::find_payment(conn, actor.company_id, id, true);
        if (!p) return fail(payment_not_found());
        if (p->cancelled)
            return fail(Error::conflict("payment.cancelled", "Ce paiement est annulé.", "This payment is cancelled."));
        TRY_RESULT_VOID(apply_allocations(conn, actor, *p, allocations, now_iso()));
        audit::record(conn, actor, "payment", id, "allocate", {{"allocations", allocations_json(allocations)}});
        return *storage::find_payment(conn, actor.company_id, id);
    });
}

Result<Payment> PaymentService::cancel(const Actor& actor, std::int64_t id, const std::string& reason) {
    if (!can_cancel(actor)) return fail(Error::forbidden());
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
        return fail(Error::invalid_field("reason", "required", "Indiquez le motif de l'annulation.",
                                         "Give the reason for the cancellation."));
    if (reason.size() > 500)
        return fail(Error::invalid_field("reason", "too_long", "Le motif est trop long (500 caractères au plus).",
                                         "The reason is too long (at most 500 characters)."));
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Payment> {
        auto p = storage::find_payment(conn, actor.company_id, id, true);
        if (!p) return fail(payment_not_found());
        if (p->cancelled)
            return fail(Error::conflict("payment.cancelled", "Ce paiement est déjà annulé.", "This payment is already cancelled."));
        storage::cancel_payment(conn, actor.company_id, id, reason, actor.user_id, now_iso());
        json released = json::array();
        for (const auto& a : p->allocations)
            released.push_back({{"document_id", a.document_id}, {"amount", a.amount.to_string()}});
        audit::record(conn, actor, "payment", id, "cancel", {{"reason", reason}, {"allocations", released}});
        return *storage::find_payment(conn, actor.company_id, id);
    });
}

Result<Payment> PaymentService::get(const Actor& actor, std::int64_t id) {
    auto conn = db_.acquire();
    auto p = storage::find_payment(*conn, actor.company_id, id);
    if (!p) return fail(payment_not_found());
    return *p;
}

Result<std::vector<audit::Entry>> PaymentService::history(const Actor& actor, std::int64_t id) {
    auto conn = db_.acquire();
    if (!storage::find_payment(*conn, actor.company_id, id)) return fail(payment_not_found());
    return audit::list_for(*conn, actor, "payment", id);
}

Result<PaymentPage> PaymentService::list(const Actor& actor, storage::PaymentQuery query) {
    if (query.limit < 1 || query.limit > 200)
        return fail(Error::invalid_field("limit", "limit.range", "La taille de page doit être comprise entre 1 et 200.",
                                         "The page size must be between 1 and 200."));
    auto conn = db_.acquire();
    const int limit = query.limit;
    query.limit = limit + 1;
    PaymentPage page;
    page.items = storage::list_payments(*conn, actor.company_id, query);
    page.next_before_id = store::keep_page(page.items, limit);
    return page;
}

Result<ClientBalance> PaymentService::balance(const Actor& actor, std::int64_t client_id) {
    auto client = clients_.get(actor, client_id);
    if (!client) return fail(client.error());
    auto conn = db_.acquire();
    return storage::client_balance(*conn, actor.company_id, client_id);
}

Result<std::vector<OpenInvoice>> PaymentService::open_invoices(const Actor& actor, std::int64_t client_id) {
    return open_documents(actor, client_id, PaymentKind::Payment);
}

Result<std::vector<OpenInvoice>> PaymentService::open_documents(const Actor& actor, std::int64_t client_id,
                                                                PaymentKind kind) {
    auto client = clients_.get(actor, client_id);
    if (!client) return fail(client.error());
    auto conn = db_.acquire();
    const bool refund = kind == PaymentKind::Refund;
    std::vector<std::int64_t> ids;
    for (const auto& r : conn->query(std::string("SELECT id FROM documents WHERE company_id = ? AND client_id = ? AND ") +
                                         (refund ? "type = 'credit_note' "
                                                 : "type IN ('invoice', 'deposit_invoice', 'situation_invoice') ") +
                                         "AND status NOT IN ('draft', 'cancelled') ORDER BY id",
                                     {actor.company_id, client_id}))
        ids.push_back(r.int64(0));
    std::vector<OpenInvoice> out;
    if (ids.empty()) return out;
    auto settled = storage::settlements(*conn, actor.company_id, ids);
    for (const auto& d : storage::find_documents(*conn, actor.company_id, ids)) {
        const auto s = settled.count(d.id) ? settled.at(d.id) : storage::Settlement{};
        // A credit note: what it gives back less what was already refunded on it.
        const Money remaining = refund ? remaining_due(d.total_incl_vat, s.allocated, Money{})
                                       : remaining_due(d.amount_due, s.allocated, s.credited);
        if (remaining.cents() > 0) out.push_back({d.id, d.number, d.due_date, remaining});
    }
    return out;
}

Result<Ledger> PaymentService::ledger(const Actor& actor, std::int64_t client_id, const std::string& from,
                                     const std::string& to, const std::vector<std::string>& kinds) {
    std::vector<FieldIssue> issues;
    for (auto [field, value] : {std::pair{"from", &from}, std::pair{"to", &to}})
        if (!value->empty() && !valid_iso_date(*value))
            issues.push_back({field, "date.invalid", "Date invalide : attendu AAAA-MM-JJ.", "Invalid date: expected YYYY-MM-DD."});
    if (!from.empty() && !to.empty() && from > to)
        issues.push_back({"to", "period.reversed", "La fin de la période précède son début.", "The period ends before it starts."});
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    auto client = clients_.get(actor, client_id);
    if (!client) return fail(client.error());
    auto conn = db_.acquire();
    auto events = storage::ledger_events(*conn, actor.company_id, client_id);
    for (auto* source : history_sources_)
        for (auto& e : source->client_events(*conn, actor.company_id, client_id)) {
            e.in_balance = false;  // other modules' events never move the balance
            e.debit = e.credit = Money{};
            events.push_back(std::move(e));
        }
    return build_ledger(std::move(events), from, to, kinds);
}

Result<std::string> PaymentService::statement_pdf(const Actor& actor, std::int64_t client_id, const std::string& from,
                                                  const std::string& to) {
    TRY_RESULT(ledger, this->ledger(actor, client_id, from, to, {}));
    TRY_RESULT(head, documents_.letterhead(actor, client_id));
    TRY_RESULT(open, open_invoices(actor, client_id));
    StatementPeriod period{from, to, today_paris(), Money{}};
    for (const auto& inv : open)
        if (!inv.due_date.empty() && inv.due_date < period.today) period.overdue += inv.remaining;
    return sales::pdf::render_pdf(printable_statement(std::move(head), ledger, period));
}

Result<std::string> PaymentService::statement_csv(const Actor& actor, std::int64_t client_id, const std::string& from,
                                                  const std::string& to, const std::vector<std::string>& kinds) {
    TRY_RESULT(ledger, this->ledger(actor, client_id, from, to, kinds));
    return payments::statement_csv(ledger);
}

std::map<std::int64_t, std::string> PaymentService::statuses(store::Connection& conn, std::int64_t company_id,
                                                             const std::vector<const sales::Document*>& documents,
                                                             const std::string& today) {
    std::vector<const sales::Document*> invoices;
    std::vector<std::int64_t> ids;
    for (const auto* d : documents)
        if (is_payable_invoice(sales::to_code(d->type)) && is_issued(sales::to_code(d->status))) {
            invoices.push_back(d);
            ids.push_back(d->id);
        }
    std::map<std::int64_t, std::string> out;
    if (ids.empty()) return out;
    auto settled = storage::settlements(conn, company_id, ids);
    for (const auto* d : invoices) {
        const auto s = settled.count(d->id) ? settled.at(d->id) : storage::Settlement{};
        out[d->id] = payment_status(d->amount_due, s.allocated, s.credited, d->due_date, today);
    }
    return out;
}

}  // namespace comptoir::payments
