#include "modules/sales/service/document_service.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/catalog/service/catalog_service.hpp"
#include "modules/crm/domain/payment_terms.hpp"
#include "modules/crm/service/client_service.hpp"
#include "modules/identity/service/company_service.hpp"
#include "modules/sales/domain/conversion.hpp"
#include "modules/sales/domain/numbering.hpp"
#include "modules/sales/domain/situation.hpp"
#include "modules/sales/model/issue_chain.hpp"
#include "modules/sales/service/print_document.hpp"
#include "store/keyset_cursor.hpp"

namespace comptoir::sales {
namespace {

using nlohmann::json;

constexpr int kQuoteValidityDays = 30;

Error not_found() { return Error::not_found("Ce document n'existe pas.", "This document does not exist."); }

Error locked(const Document& d) {
    std::string fr = std::string(this_fr(d.type)) + " est " + (is_feminine_fr(d.type) ? "validée" : "validé") +
                     " : il ne peut plus être modifié.";
    fr[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(fr[0])));
    if (is_legal_invoice(d.type) || d.type == DocumentType::CreditNote)
        fr = std::string(is_feminine_fr(d.type) ? "Cette " : "Cet ") + std::string(label_fr(d.type)) +
             " est émis" + (is_feminine_fr(d.type) ? "e" : "") + " et ne peut plus être modifié" +
             (is_feminine_fr(d.type) ? "e" : "") + " : corrigez-la par un avoir.";
    return Error::conflict("document.locked", fr,
                           std::string("This ") + std::string(label_en(d.type)) +
                               " has been validated and can no longer be changed.");
}

std::chrono::year_month_day ymd(const std::string& iso) {
    int y = 0;
    unsigned m = 0, dd = 0;
    std::sscanf(iso.c_str(), "%d-%u-%u", &y, &m, &dd);
    return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{dd}};
}

std::string iso(std::chrono::year_month_day d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
}

std::string add_days(const std::string& date, int days) {
    return iso(std::chrono::year_month_day{std::chrono::sys_days{ymd(date)} + std::chrono::days{days}});
}

std::vector<DocumentLine> plain_lines(const std::vector<Line>& lines) {
    std::vector<DocumentLine> out;
    out.reserve(lines.size());
    for (const auto& l : lines) out.push_back(l.line);
    return out;
}

Result<Totals> totals_of(const Document& d) {
    auto lines = plain_lines(d.lines);
    return compute_totals(lines, DocumentAdjustments{d.discount_percent, d.prepaid, d.retention_percent});
}

void apply_totals(Document& d, const Totals& t) {
    d.total_excl_vat = t.total_excl_vat;
    d.total_vat = t.total_vat;
    d.total_incl_vat = t.total_incl_vat;
    d.amount_due = t.amount_due;
}

json address_json(const crm::Address& a) {
    return {{"line1", a.line1}, {"line2", a.line2}, {"postal_code", a.postal_code}, {"city", a.city}, {"country", a.country}};
}

// The client block as printed, frozen at validation (a later change of address does not rewrite
// an issued invoice).
std::string client_snapshot(const crm::Client& c) {
    json j = {{"name", c.display_name()},   {"kind", c.kind},           {"legal_form", c.legal_form},
              {"siren", c.siren},           {"siret", c.siret},         {"vat_number", c.vat_number},
              {"email", c.email},           {"billing", address_json(c.billing)},
              {"accounting_code", c.accounting_code}};
    j["delivery"] = c.delivery ? address_json(*c.delivery) : json(nullptr);
    return j.dump();
}

std::string seller_snapshot(const identity::Company& company, bool vat_on_debits) {
    const auto& f = company.fields;
    json j = {{"name", f.name},          {"legal_form", f.legal_form},   {"siren", f.siren},
              {"siret", f.siret},        {"vat_number", f.vat_number},   {"rcs_city", f.rcs_city},
              {"address_line1", f.address_line1}, {"address_line2", f.address_line2},
              {"postal_code", f.postal_code}, {"city", f.city},          {"country", f.country},
              {"phone", f.phone},        {"email", f.email},             {"website", f.website},
              {"iban", f.iban},          {"bic", f.bic}};
    j["share_capital_cents"] = f.share_capital_cents ? json(*f.share_capital_cents) : json(nullptr);
    j["vat_on_debits"] = vat_on_debits;
    return j.dump();
}

}  // namespace

bool can_see_margins(const Actor& actor) { return actor.role == Role::Admin || actor.role == Role::Sales; }

bool can_write(const Actor& actor, DocumentType type) {
    if (type == DocumentType::CreditNote) return actor.role == Role::Admin || actor.role == Role::Accountant;
    return actor.role == Role::Admin || actor.role == Role::Sales;
}

DocumentService::DocumentService(store::Database& db, crm::ClientService& clients, identity::CompanyService& companies,
                                 PdfRenderer renderer)
    : db_(db), clients_(clients), companies_(companies), renderer_(std::move(renderer)) {}

void DocumentService::on_issued(std::function<void()> callback) { on_issued_ = std::move(callback); }

Result<void> DocumentService::fill_from_catalog(const Actor& actor, Document& d) {
    std::vector<FieldIssue> issues;
    for (std::size_t i = 0; i < d.lines.size(); ++i) {
        Line& l = d.lines[i];
        if (!l.catalog_item_id || !catalog_) continue;
        auto item = catalog_->get(actor, *l.catalog_item_id);
        if (!item) {
            if (item.error().kind != ErrorKind::NotFound) return fail(item.error());
            issues.push_back({"lines[" + std::to_string(i) + "].catalog_item_id", "catalog_item_id.unknown",
                              "Cet article n'existe pas dans le catalogue.", "This item is not in the catalog."});
            continue;
        }
        if (!l.line.description.empty()) continue;  // typed by the user: theirs wins
        l.reference = item->reference;
        l.line.description = item->label + (item->description.empty() ? "" : "\n" + item->description);
        l.line.unit = item->unit;
        l.line.unit_price = item->unit_price;
        l.line.vat = item->vat;
        if (item->cost_visible) l.line.unit_cost = item->cost_price;
    }
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    return {};
}

std::int64_t DocumentService::margin_threshold(const Actor& actor) {
    auto conn = db_.acquire();
    return storage::settings(*conn, actor.company_id).margin_threshold_bp;
}

namespace {

// The amounts, and for those who may see them the margins, of a document as it stands.
DocumentDetail computed(const Actor& actor, const Document& d, std::int64_t threshold_bp) {
    DocumentDetail out;
    auto totals = totals_of(d);
    if (!totals) {
        out.totals_error = totals.error();
        return out;
    }
    out.totals = *totals;
    if (can_see_margins(actor))
        if (auto m = compute_margins(plain_lines(d.lines), *totals)) {
            out.margins = *m;
            MarginThreshold threshold{MarginBasis::MarkupRate, Decimal::from_scaled(threshold_bp, 2)};
            out.low_margin_lines = lines_below_threshold(*m, threshold);
            out.low_margin = m->total.revenue.cents() > 0 && is_below_threshold(m->total, threshold);
        }
    return out;
}

// Everything shown about a document, computed from it. Used after every use case.
void annotate_payments(store::Connection& conn, std::int64_t company_id, PaymentStatusSource* source,
                       std::vector<Document*> docs) {
    if (!source || docs.empty()) return;
    std::vector<const Document*> view(docs.begin(), docs.end());
    auto found = source->statuses(conn, company_id, view, today_paris());
    for (auto* d : docs)
        if (auto it = found.find(d->id); it != found.end()) d->payment_status = it->second;
}

DocumentDetail detail_of(store::Connection& conn, const Actor& actor, Document d, std::int64_t threshold_bp,
                         PaymentStatusSource* payments = nullptr) {
    annotate_payments(conn, actor.company_id, payments, {&d});
    DocumentDetail out = computed(actor, d, threshold_bp);
    out.links = storage::links(conn, actor.company_id, d);
    out.next_statuses = next_statuses(d.type, d.status);
    if (d.status != DocumentStatus::Draft)
        for (auto to : conversions_from(d.type))
            if (check_conversion(d.type, d.status, to)) out.conversions.push_back(to);
    out.editable = d.status == DocumentStatus::Draft && !d.archived;
    out.document = std::move(d);
    return out;
}

}  // namespace

Result<DocumentDetail> DocumentService::create(const Actor& actor, Document input) {
    if (!can_write(actor, input.type)) return fail(Error::forbidden());
    // The client must exist in the actor's company; its terms are the draft's defaults.
    auto client = clients_.get(actor, input.client_id);
    if (!client) {
        if (client.error().kind == ErrorKind::NotFound)
            return fail(Error::invalid_field("client_id", "client_id.unknown", "Ce client n'existe pas.",
                                             "This client does not exist."));
        return fail(client.error());
    }
    TRY_RESULT_VOID(fill_from_catalog(actor, input));
    if (input.payment_terms.empty()) input.payment_terms = client->payment_terms;
    if (input.payment_method.empty()) input.payment_method = client->payment_method;
    if (input.type == DocumentType::CreditNote && !input.corrects_id)
        return fail(Error::invalid_field("type", "credit_note.from_invoice",
                                         "Un avoir se crée depuis la facture qu'il corrige.",
                                         "A credit note is created from the invoice it corrects."));
    const std::int64_t threshold = margin_threshold(actor);
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<DocumentDetail> {
        Document d = std::move(input);
        if (auto t = totals_of(d)) apply_totals(d, *t);
        auto now = now_iso();
        d.id = storage::insert_document(conn, actor.company_id, d, actor.user_id, now);
        audit::record(conn, actor, "document", d.id, "create", {{"type", std::string(to_code(d.type))}});
        return detail_of(conn, actor, *storage::find_document(conn, actor.company_id, d.id), threshold, payment_source_);
    });
}

Result<DocumentDetail> DocumentService::update(const Actor& actor, std::int64_t id, Document input) {
    const std::int64_t threshold = margin_threshold(actor);
    TRY_RESULT_VOID(fill_from_catalog(actor, input));
    if (input.client_id) {
        auto client = clients_.get(actor, input.client_id);
        if (!client)
            return fail(Error::invalid_field("client_id", "client_id.unknown", "Ce client n'existe pas.",
                                             "This client does not exist."));
    }
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<DocumentDetail> {
        auto before = storage::find_document(conn, actor.company_id, id);
        if (!before) return fail(not_found());
        if (!can_write(actor, before->type)) return fail(Error::forbidden());
        if (before->status != DocumentStatus::Draft) return fail(locked(*before));
        Document d = std::move(input);
        d.id = id;
        d.type = before->type;
        d.source_id = before->source_id;
        d.corrects_id = before->corrects_id;
        d.situation_number = before->situation_number;
        d.prepaid = before->prepaid;
        if (auto t = totals_of(d)) apply_totals(d, *t);
        storage::update_draft(conn, actor.company_id, d, actor.user_id, now_iso());
        audit::record(conn, actor, "document", id, "update", json::object());
        return detail_of(conn, actor, *storage::find_document(conn, actor.company_id, id), threshold, payment_source_);
    });
}

Result<void> DocumentService::remove(const Actor& actor, std::int64_t id) {
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<void> {
        auto d = storage::find_document(conn, actor.company_id, id);
        if (!d) return fail(not_found());
        if (!can_write(actor, d->type)) return fail(Error::forbidden());
        if (d->status != DocumentStatus::Draft) return fail(locked(*d));
        const auto related = storage::links(conn, actor.company_id, *d);
        if (std::any_of(related.begin(), related.end(),
                        [](const DocumentLink& l) { return l.relation == "derived" || l.relation == "corrected_by"; }))
            return fail(Error::conflict("document.has_derived", "D'autres documents ont été créés depuis ce brouillon.",
                                        "Other documents were created from this draft."));
        storage::delete_draft(conn, actor.company_id, id);
        audit::record(conn, actor, "document", id, "delete", {{"type", std::string(to_code(d->type))}});
        return {};
    });
}

Result<DocumentDetail> DocumentService::get(const Actor& actor, std::int64_t id) {
    const std::int64_t threshold = margin_threshold(actor);
    auto conn = db_.acquire();
    auto d = storage::find_document(*conn, actor.company_id, id);
    if (!d) return fail(not_found());
    return detail_of(*conn, actor, std::move(*d), threshold, payment_source_);
}

Result<Document> DocumentService::draft_input(const Actor& actor, std::int64_t id) {
    auto conn = db_.acquire();
    auto d = storage::find_document(*conn, actor.company_id, id);
    if (!d) return fail(not_found());
    return *d;
}

Result<DocumentPage> DocumentService::list(const Actor& actor, storage::DocumentQuery query) {
    if (query.limit < 1 || query.limit > 200)
        return fail(Error::invalid_field("limit", "limit.range", "La taille de page doit être comprise entre 1 et 200.",
                                         "The page size must be between 1 and 200."));
    auto conn = db_.acquire();
    const int limit = query.limit;
    query.limit = limit + 1;
    DocumentPage page;
    page.items = storage::list_documents(*conn, actor.company_id, query);
    page.next_before_id = store::keep_page(page.items, limit);
    std::vector<Document*> docs;
    for (auto& d : page.items) docs.push_back(&d);
    annotate_payments(*conn, actor.company_id, payment_source_, docs);
    return page;
}

Result<DocumentDetail> DocumentService::preview(const Actor& actor, Document input) {
    TRY_RESULT_VOID(fill_from_catalog(actor, input));
    DocumentDetail out = computed(actor, input, margin_threshold(actor));
    out.editable = true;
    out.document = std::move(input);
    return out;
}

Result<DocumentDetail> DocumentService::validate(const Actor& actor, std::int64_t id) {
    // What needs no lock is gathered first: the parties as they are now.
    auto company = companies_.get(actor);
    if (!company) return fail(company.error());
    Document probe;
    {
        auto conn = db_.acquire();
        auto d = storage::find_document(*conn, actor.company_id, id);
        if (!d) return fail(not_found());
        probe = std::move(*d);
    }
    if (!can_write(actor, probe.type)) return fail(Error::forbidden());
    auto client = clients_.get(actor, probe.client_id);
    if (!client) return fail(client.error());
    const std::int64_t threshold = margin_threshold(actor);

    auto issued = store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<DocumentDetail> {
        auto found = storage::find_document(conn, actor.company_id, id);
        if (!found) return fail(not_found());
        Document d = std::move(*found);
        if (d.status != DocumentStatus::Draft) return fail(locked(d));
        TRY_RESULT(next, transition(d.type, d.status, DocumentStatus::Validated));
        if (std::none_of(d.lines.begin(), d.lines.end(), [](const Line& l) { return l.line.kind == LineKind::Item; }))
            return fail(Error::invalid_field("lines", "lines.empty", "Ajoutez au moins une ligne facturable.",
                                             "Add at least one billable line."));
        if (d.type == DocumentType::Invoice && d.source_id)
            d.prepaid = storage::deposits_invoiced(conn, actor.company_id, *d.source_id);
        TRY_RESULT(totals, totals_of(d));
        if (d.type == DocumentType::CreditNote && d.corrects_id) {
            // A credit note cannot credit more than what remains of its invoice.
            auto invoice = storage::find_document(conn, actor.company_id, *d.corrects_id);
            Money credited;
            for (const auto& link : storage::links(conn, actor.company_id, *invoice))
                if (link.relation == "corrected_by" && link.status != DocumentStatus::Draft) credited += link.total_incl_vat;
            if (invoice && totals.total_incl_vat > invoice->total_incl_vat - credited)
                return fail(Error::invalid_field(
                    "lines", "credit_note.exceeds_invoice",
                    "L'avoir dépasse ce qui reste de la facture " + invoice->number + " (" +
                        (invoice->total_incl_vat - credited).to_display_fr() + " TTC).",
                    "The credit note exceeds what remains of invoice " + invoice->number + "."));
        }

        // Dates. The issue date is today unless the draft says otherwise; it may not be in the future
        // nor before the last document of the series (numbers must follow the dates).
        const std::string today = today_paris();
        if (d.issue_date.empty()) d.issue_date = today;
        if (d.issue_date > today)
            return fail(Error::invalid_field("issue_date", "issue_date.future",
                                             "La date d'émission ne peut pas être dans le futur.",
                                             "The issue date cannot be in the future."));
        const auto stored_settings = storage::settings(conn, actor.company_id);
        const NumberSeries series_kind =
            series_for(d.type, stored_settings.credit_notes_shared ? CreditNoteNumbering::SharedWithInvoices
                                                                   : CreditNoteNumbering::OwnSeries);
        const std::string series(to_code(series_kind));
        if (auto last = conn.query_one("SELECT MAX(issue_date) FROM documents WHERE company_id = ? AND series = ?",
                                       {actor.company_id, series});
            last && !last->is_null(0) && d.issue_date < last->text(0))
            return fail(Error::invalid_field(
                "issue_date", "issue_date.before_last",
                "La date d'émission précède celle du dernier document de la série (" + display_date(last->text(0), "fr") +
                    ") : la numérotation doit rester chronologique.",
                "The issue date is before the last document of the series: numbering must stay chronological."));
        if (is_legal_invoice(d.type) && d.due_date.empty()) {
            auto terms = crm::parse_payment_terms(d.payment_terms);
            d.due_date = iso(crm::due_date(ymd(d.issue_date), terms ? *terms : crm::PaymentTerms{}));
        }
        if (d.type == DocumentType::Quote && d.validity_date.empty()) d.validity_date = add_days(d.issue_date, kQuoteValidityDays);

        // The number, inside this transaction: a failure below gives it back.
        auto stored_pattern = storage::series_pattern(conn, actor.company_id, series);
        TRY_RESULT(pattern, validate_pattern(stored_pattern ? *stored_pattern : std::string(default_pattern(series_kind))));
        const auto date = ymd(d.issue_date);
        auto counter = storage::next_number(conn, actor.company_id, series, period_key(pattern, date));
        TRY_RESULT(number, format_number(pattern, date, counter));
        d.number = number;
        d.status = next;

        d.client_json = client_snapshot(*client);
        d.seller_json = seller_snapshot(*company, stored_settings.vat_on_debits);
        apply_totals(d, totals);
        d.validated_at = now_iso();
        if (issue_hooks_) TRY_RESULT_VOID(issue_hooks_->check(conn, actor, d, totals));

        auto [seq, previous] = storage::advance_chain(conn, actor.company_id);
        d.chain_seq = seq;
        d.hash = chain_hash(previous, seq, canonical_content(d));
        storage::set_chain_head(conn, actor.company_id, d.hash);
        storage::record_issue(conn, actor.company_id, d, series, actor.user_id, d.validated_at);
        audit::record(conn, actor, "document", id, "validate", {{"number", d.number}});
        return detail_of(conn, actor, *storage::find_document(conn, actor.company_id, id), threshold, payment_source_);
    });
    // The PDF is rendered after the commit, by the module's renderers (or on first download).
    if (issued && on_issued_) on_issued_();
    return issued;
}

Result<std::string> DocumentService::ensure_pdf(std::int64_t company_id, std::int64_t id) {
    const Actor system{company_id, 0, Role::Admin, "fr", "", ""};
    Document d;
    {
        auto conn = db_.acquire();
        if (auto file = storage::load_file(*conn, company_id, id, "pdf")) return std::move(file->bytes);
        auto found = storage::find_document(*conn, company_id, id);
        if (!found) return fail(not_found());
        if (found->status == DocumentStatus::Draft) return fail(Error::internal("document.not_issued"));
        d = std::move(*found);
    }
    // Rendered from what was frozen at validation: the same document whenever it is rendered.
    TRY_RESULT(totals, totals_of(d));
    std::string logo;
    if (auto company = companies_.get(system); company && !company->logo_file.empty())
        if (auto file = companies_.logo(system)) {
            std::ifstream in(file->path, std::ios::binary);
            logo.assign(std::istreambuf_iterator<char>(in), {});
        }
    TRY_RESULT(rendered, renderer_(PrintInput{d, totals, logo, false}));
    std::string pdf = std::move(rendered);
    if (issue_hooks_) {
        TRY_RESULT(finished, issue_hooks_->finish(company_id, d, totals, std::move(pdf)));
        pdf = std::move(finished);
    }
    const std::string sha = sha256_hex(pdf);
    auto store_it = [&] {
        return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<std::string> {
            // Another renderer (thread or server) may have stored it meanwhile: theirs is the one.
            if (auto file = storage::load_file(conn, company_id, id, "pdf")) return std::move(file->bytes);
            auto [seq, previous] = storage::advance_chain(conn, company_id);
            storage::StoredFile file{pdf, sha, seq, chain_hash(previous, seq, pdf_entry_content(id, d.number, sha))};
            storage::set_chain_head(conn, company_id, file.hash);
            storage::store_file(conn, company_id, id, "pdf", file, now_iso());
            return pdf;
        });
    };
    try {
        return store_it();
    } catch (const store::UniqueViolation&) {
        // On PostgreSQL two renderers can both find it missing; the second insert fails and rolls
        // back (its chain position with it). The stored one is read again.
        auto conn = db_.acquire();
        if (auto file = storage::load_file(*conn, company_id, id, "pdf")) return std::move(file->bytes);
        throw;
    }
}

std::size_t DocumentService::render_pending(std::size_t limit, int shard, int shards) {
    std::vector<std::pair<std::int64_t, std::int64_t>> pending;
    {
        auto conn = db_.acquire();
        pending = storage::issued_without_pdf(*conn, limit);
    }
    std::size_t rendered = 0;
    for (const auto& [company_id, id] : pending) {
        if (shards > 1 && id % shards != shard) continue;
        if (ensure_pdf(company_id, id)) ++rendered;
    }
    return rendered;
}

Result<DocumentDetail> DocumentService::change_status(const Actor& actor, std::int64_t id, DocumentStatus to) {
    if (to == DocumentStatus::Validated) return validate(actor, id);
    const std::int64_t threshold = margin_threshold(actor);
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<DocumentDetail> {
        auto d = storage::find_document(conn, actor.company_id, id);
        if (!d) return fail(not_found());
        if (!can_write(actor, d->type)) return fail(Error::forbidden());
        TRY_RESULT(next, transition(d->type, d->status, to));
        storage::set_status(conn, actor.company_id, id, next, actor.user_id, now_iso());
        audit::record(conn, actor, "document", id, "status",
                      {{"from", std::string(to_code(d->status))}, {"to", std::string(to_code(next))}});
        return detail_of(conn, actor, *storage::find_document(conn, actor.company_id, id), threshold, payment_source_);
    });
}

Result<DocumentDetail> DocumentService::set_archived(const Actor& actor, std::int64_t id, bool archived) {
    const std::int64_t threshold = margin_threshold(actor);
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<DocumentDetail> {
        auto d = storage::find_document(conn, actor.company_id, id);
        if (!d) return fail(not_found());
        if (!can_write(actor, d->type)) return fail(Error::forbidden());
        if (d->archived != archived) {
            storage::set_archived(conn, actor.company_id, id, archived, actor.user_id, now_iso());
            audit::record(conn, actor, "document", id, archived ? "archive" : "restore", json::object());
        }
        return detail_of(conn, actor, *storage::find_document(conn, actor.company_id, id), threshold, payment_source_);
    });
}

Result<DocumentDetail> DocumentService::convert(const Actor& actor, std::int64_t id, DocumentType to,
                                                std::optional<DepositRequest> deposit) {
    if (!can_write(actor, to)) return fail(Error::forbidden());
    const std::int64_t threshold = margin_threshold(actor);
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<DocumentDetail> {
        auto found = storage::find_document(conn, actor.company_id, id);
        if (!found) return fail(not_found());
        const Document& source = *found;
        TRY_RESULT_VOID(check_conversion(source.type, source.status, to));
        Document d;
        d.type = to;
        d.client_id = source.client_id;
        d.title = source.title;
        d.payment_terms = source.payment_terms;
        d.payment_method = source.payment_method;
        d.customer_reference = source.customer_reference;
        d.operation = source.operation;
        d.notes = source.notes;
        d.discount_percent = source.discount_percent;
        if (to == DocumentType::CreditNote) {
            d.corrects_id = source.id;
            d.lines = source.lines;  // a full credit; the draft can be reduced to a partial one
            d.title = "Avoir sur facture " + source.number;
        } else {
            d.source_id = source.id;
        }
        if (to == DocumentType::DepositInvoice) {
            if (!deposit)
                return fail(Error::invalid_field("deposit", "deposit.required",
                                                 "Indiquez le pourcentage ou le montant de l'acompte.",
                                                 "Give the deposit's percentage or amount."));
            TRY_RESULT(source_totals, totals_of(source));
            TRY_RESULT(dep, compute_deposit(source_totals, *deposit,
                                            storage::deposits_invoiced(conn, actor.company_id, source.id)));
            std::string what = deposit->kind == DepositRequest::Kind::Percent
                                   ? "Acompte de " + deposit->percent.to_string_fr() + " % sur "
                                   : std::string("Acompte sur ");
            what += std::string(source.type == DocumentType::Quote ? "le devis " : "la commande ") + source.number;
            d.discount_percent = Decimal{};
            d.lines.clear();
            for (auto& line : deposit_lines(dep, what)) d.lines.push_back({std::move(line), "", std::nullopt, std::nullopt});
        } else if (to != DocumentType::CreditNote) {
            d.lines = source.lines;
        }
        if (to == DocumentType::Invoice) d.prepaid = storage::deposits_invoiced(conn, actor.company_id, source.id);
        if (auto t = totals_of(d)) apply_totals(d, *t);
        auto now = now_iso();
        d.id = storage::insert_document(conn, actor.company_id, d, actor.user_id, now);
        audit::record(conn, actor, "document", d.id, "create",
                      {{"type", std::string(to_code(to))}, {"from", source.number}});
        return detail_of(conn, actor, *storage::find_document(conn, actor.company_id, d.id), threshold, payment_source_);
    });
}

Result<DocumentDetail> DocumentService::situation(const Actor& actor, std::int64_t source_id,
                                                  const SituationProgress& progress) {
    if (!can_write(actor, DocumentType::SituationInvoice)) return fail(Error::forbidden());
    const std::int64_t threshold = margin_threshold(actor);
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<DocumentDetail> {
        auto found = storage::find_document(conn, actor.company_id, source_id);
        if (!found) return fail(not_found());
        const Document& contract = *found;
        TRY_RESULT_VOID(check_conversion(contract.type, contract.status, DocumentType::SituationInvoice));
        if (progress.cumulative_percent.size() != contract.lines.size())
            return fail(Error::invalid_field("progress", "progress.count",
                                             "Donnez un avancement pour chaque ligne du contrat (" +
                                                 std::to_string(contract.lines.size()) + ").",
                                             "Give a progress for each contract line."));
        // The previous situation's cumulative percentages are this one's starting point.
        auto previous = storage::situations_of(conn, actor.company_id, source_id);
        std::vector<LineProgress> steps;
        for (std::size_t i = 0; i < contract.lines.size(); ++i) {
            Decimal before;
            if (!previous.empty() && i < previous.back().lines.size() && previous.back().lines[i].progress_percent)
                before = *previous.back().lines[i].progress_percent;
            steps.push_back({before, progress.cumulative_percent[i]});
        }
        auto contract_lines = plain_lines(contract.lines);
        TRY_RESULT(s, compute_situation(contract_lines, steps, DocumentAdjustments{contract.discount_percent, {}, {}}));
        Document d;
        d.type = DocumentType::SituationInvoice;
        d.client_id = contract.client_id;
        d.source_id = contract.id;
        d.situation_number = static_cast<int>(previous.size()) + 1;
        d.title = "Situation n° " + std::to_string(d.situation_number) + (contract.title.empty() ? "" : " — " + contract.title);
        d.payment_terms = contract.payment_terms;
        d.payment_method = contract.payment_method;
        d.customer_reference = contract.customer_reference;
        d.operation = contract.operation;
        d.discount_percent = contract.discount_percent;
        d.retention_percent = contract.retention_percent;
        for (std::size_t i = 0; i < s.invoice_lines.size(); ++i) {
            Line line{s.invoice_lines[i], i < contract.lines.size() ? contract.lines[i].reference : "", std::nullopt,
                      std::nullopt};
            if (i < contract.lines.size() && contract.lines[i].line.kind == LineKind::Item)
                line.progress_percent = progress.cumulative_percent[i];
            d.lines.push_back(std::move(line));
        }
        if (auto t = totals_of(d)) apply_totals(d, *t);
        d.id = storage::insert_document(conn, actor.company_id, d, actor.user_id, now_iso());
        audit::record(conn, actor, "document", d.id, "create",
                      {{"type", "situation_invoice"}, {"from", contract.number}, {"situation", d.situation_number}});
        return detail_of(conn, actor, *storage::find_document(conn, actor.company_id, d.id), threshold, payment_source_);
    });
}

Result<std::string> DocumentService::pdf(const Actor& actor, std::int64_t id) {
    auto conn = db_.acquire();
    auto d = storage::find_document(*conn, actor.company_id, id);
    if (!d) return fail(not_found());
    if (d->status != DocumentStatus::Draft) {
        if (auto file = storage::load_file(*conn, actor.company_id, id, "pdf")) return std::move(file->bytes);
        conn.reset();
        return ensure_pdf(actor.company_id, id);  // not rendered yet: now, and stored
    }
    // A draft is rendered as it would be issued now, with the watermark.
    auto company = companies_.get(actor);
    if (!company) return fail(company.error());
    auto client = clients_.get(actor, d->client_id);
    if (!client) return fail(client.error());
    d->client_json = client_snapshot(*client);
    d->seller_json = seller_snapshot(*company, storage::settings(*conn, actor.company_id).vat_on_debits);
    TRY_RESULT(totals, totals_of(*d));
    std::string logo;
    if (!company->logo_file.empty())
        if (auto file = companies_.logo(actor)) {
            std::ifstream in(file->path, std::ios::binary);
            logo.assign(std::istreambuf_iterator<char>(in), {});
        }
    return renderer_(PrintInput{*d, totals, logo, true});
}

Result<pdf::PrintableDocument> DocumentService::letterhead(const Actor& actor, std::int64_t client_id) {
    auto company = companies_.get(actor);
    if (!company) return fail(company.error());
    auto client = clients_.get(actor, client_id);
    if (!client) return fail(client.error());
    auto conn = db_.acquire();
    const auto stored = storage::settings(*conn, actor.company_id);
    std::string logo;
    if (!company->logo_file.empty())
        if (auto file = companies_.logo(actor)) {
            std::ifstream in(file->path, std::ios::binary);
            logo.assign(std::istreambuf_iterator<char>(in), {});
        }
    auto head = sales::letterhead(seller_snapshot(*company, stored.vat_on_debits), client_snapshot(*client), logo);
    return head;
}

Result<SalesSettings> DocumentService::settings(const Actor& actor) {
    auto conn = db_.acquire();
    auto stored = storage::settings(*conn, actor.company_id);
    SalesSettings out{{}, stored.credit_notes_shared, stored.vat_on_debits,
                      Decimal::from_scaled(stored.margin_threshold_bp, 2)};
    const std::string today = today_paris();
    for (auto series : kAllNumberSeries) {
        if (series == NumberSeries::CreditNote && stored.credit_notes_shared) continue;
        const std::string code(to_code(series));
        auto text = storage::series_pattern(*conn, actor.company_id, code).value_or(std::string(default_pattern(series)));
        SeriesSetting setting{series, text, ""};
        if (auto pattern = validate_pattern(text)) {
            auto next = storage::last_number(*conn, actor.company_id, code, period_key(*pattern, ymd(today))) + 1;
            if (auto number = format_number(*pattern, ymd(today), next)) setting.next_number = *number;
        }
        out.series.push_back(std::move(setting));
    }
    return out;
}

Result<SalesSettings> DocumentService::update_settings(const Actor& actor, const SalesSettings& input) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    std::vector<FieldIssue> issues;
    for (const auto& s : input.series)
        if (auto p = validate_pattern(s.pattern, "series." + std::string(to_code(s.series)) + ".pattern"); !p)
            issues.insert(issues.end(), p.error().fields.begin(), p.error().fields.end());
    if (input.margin_threshold_percent < Decimal{} || input.margin_threshold_percent > Decimal::from_int(100))
        issues.push_back({"margin_threshold_percent", "margin_threshold.range",
                          "Le seuil d'alerte de marge est un pourcentage entre 0 et 100.",
                          "The low-margin threshold is a percentage between 0 and 100."});
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    // Basis points: the Decimal's mantissa has 6 places, a basis point is 0.01 %.
    const std::int64_t bp = input.margin_threshold_percent.rounded(2).mantissa() / 10000;
    auto saved = store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<void> {
        for (const auto& s : input.series) storage::set_series_pattern(conn, actor.company_id, std::string(to_code(s.series)), s.pattern);
        storage::save_settings(conn, actor.company_id, {input.vat_on_debits, input.credit_notes_shared, bp});
        json changes = {{"vat_on_debits", input.vat_on_debits},
                        {"credit_notes_shared", input.credit_notes_shared},
                        {"margin_threshold_percent", input.margin_threshold_percent.to_string()}};
        for (const auto& s : input.series) changes[std::string(to_code(s.series))] = s.pattern;
        audit::record(conn, actor, "sales_settings", actor.company_id, "update", changes);
        return {};
    });
    if (!saved) return fail(saved.error());
    return settings(actor);
}

VerifyReport DocumentService::verify() {
    VerifyReport report;
    auto conn = db_.acquire();
    for (auto company_id : storage::companies_with_documents(*conn)) {
        // The head first: entries appended while we read (a PDF being stored) are left for next time.
        auto head = conn->query_one("SELECT seq, last_hash FROM document_chain WHERE company_id = ?", {company_id});
        const std::int64_t head_seq = head ? head->int64(0) : 0;
        // The chain's entries are the issued documents and their PDFs, merged by position.
        struct Entry {
            std::int64_t seq;
            std::string name, content, hash;
        };
        std::vector<Entry> entries;
        for (const auto& d : storage::chain(*conn, company_id)) {
            ++report.documents;
            entries.push_back({d.chain_seq, (d.number.empty() ? std::string("?") : d.number) + " (id " + std::to_string(d.id) + ")",
                               canonical_content(d), d.hash});
        }
        for (const auto& f : storage::file_chain(*conn, company_id)) {
            const std::string name = "the PDF of " + f.number + " (id " + std::to_string(f.document_id) + ")";
            // The bytes must still be those whose hash the chain recorded.
            if (sha256_hex(f.file.bytes) != f.file.sha256)
                report.problems.push_back(name + ": the stored file was changed");
            entries.push_back({f.file.chain_seq, name, pdf_entry_content(f.document_id, f.number, f.file.sha256), f.file.hash});
        }
        for (const auto& [id, number] : storage::stored_pdfs_missing(*conn, company_id))
            report.problems.push_back("the PDF of " + number + " (id " + std::to_string(id) + "): it was stored, and is gone");
        std::erase_if(entries, [&](const Entry& e) { return e.seq > head_seq; });
        std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.seq < b.seq; });
        std::string previous;
        std::int64_t expected = 1;
        for (const auto& e : entries) {
            if (e.seq != expected)
                report.problems.push_back(e.name + ": entries " + std::to_string(expected) + " to " +
                                          std::to_string(e.seq - 1) + " of the chain are missing before it");
            if (chain_hash(previous, e.seq, e.content) != e.hash)
                report.problems.push_back(e.name + ": its content no longer matches the hash recorded when it was issued");
            previous = e.hash;
            expected = e.seq + 1;
        }
        if (head && (head->text(1) != previous || expected != head_seq + 1))
            report.problems.push_back("company " + std::to_string(company_id) +
                                      ": the last entries of the chain were removed (its head does not match)");
    }
    return report;
}

}  // namespace comptoir::sales
