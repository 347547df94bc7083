// Commercial documents' use cases. Pages, the API and the command line all come through here: this
// is where permissions are checked, drafts are computed, documents are validated (numbered,
// frozen, rendered, chained) and converted, each use case in one transaction.
//
// Permissions: every role reads. Admins and sales write quotes, orders and invoices; credit notes
// are the accountant's and the admin's. Cost prices and margins are shown to admins and sales only.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/sales/domain/deposit.hpp"
#include "modules/sales/domain/document_type.hpp"
#include "modules/sales/domain/margin.hpp"
#include "modules/sales/domain/totals.hpp"
#include "modules/sales/model/document.hpp"
#include "modules/sales/model/printable.hpp"
#include "modules/sales/pdf/printable_document.hpp"
#include "modules/sales/storage/document_store.hpp"
#include "store/database.hpp"

namespace comptoir::crm {
class ClientService;
}
namespace comptoir::identity {
class CompanyService;
}
namespace comptoir::catalog {
class CatalogService;
}

namespace comptoir::sales {

// A document with everything computed from it, as pages and the API show it.
struct DocumentDetail {
    Document document;
    std::optional<Totals> totals;           // absent while a draft's lines cannot be computed
    std::optional<Error> totals_error;      // why, naming the lines
    std::optional<DocumentMargin> margins;  // admins and sales only
    std::vector<std::size_t> low_margin_lines;
    bool low_margin = false;
    std::vector<DocumentLink> links;
    std::vector<DocumentStatus> next_statuses;
    std::vector<DocumentType> conversions;
    bool editable = false;
};

struct DocumentPage {
    std::vector<Document> items;
    std::optional<std::int64_t> next_before_id;
};

struct SituationProgress {
    std::vector<Decimal> cumulative_percent;  // one per contract line (ignored on titles and notes)
};

// A company's document settings: each series' number pattern (with the number the next document
// would get), whether credit notes share the invoices' series, and the VAT-on-debits option.
struct SeriesSetting {
    NumberSeries series;
    std::string pattern;
    std::string next_number;  // what the next validation today would give
};
struct SalesSettings {
    std::vector<SeriesSetting> series;
    bool credit_notes_shared = false;
    bool vat_on_debits = false;
    // Below this markup rate (taux de marque, %), the editor and the document page warn.
    Decimal margin_threshold_percent = Decimal::from_int(20);
};

// What one verification of the chain found.
struct VerifyReport {
    std::int64_t documents = 0;
    std::vector<std::string> problems;  // "FA-2026-00012 (id 41): content changed since issue", ...
};

// Where issued invoices' payment states come from: the payments module implements it and the app
// plugs it in (use_payment_status), so sales never links against payments. `statuses` answers, for
// the documents given (any type), the state of each issued invoice among them by id.
class PaymentStatusSource {
public:
    virtual ~PaymentStatusSource() = default;
    virtual std::map<std::int64_t, std::string> statuses(store::Connection& conn, std::int64_t company_id,
                                                         const std::vector<const Document*>& documents,
                                                         const std::string& today) = 0;
};

// What must hold for a document to be issued beyond sales' own checks, and what becomes of its
// PDF: the e-invoicing module implements it and the app plugs it in (use_issue_hooks), so sales
// never links against it.
//   check  runs inside the validating transaction once the number, dates, frozen parties and
//          totals are set; an error (naming the rule and the field) rolls the validation back.
//   finish turns the rendered PDF of an issued document into the file that is stored and hashed
//          (a Factur-X PDF/A-3 with its XML); it returns the PDF unchanged when it has nothing to add.
class IssueHooks {
public:
    virtual ~IssueHooks() = default;
    virtual Result<void> check(store::Connection& conn, const Actor& actor, const Document& d, const Totals& totals) = 0;
    virtual Result<std::string> finish(std::int64_t company_id, const Document& d, const Totals& totals, std::string pdf) = 0;
};

class DocumentService {
public:
    DocumentService(store::Database& db, crm::ClientService& clients, identity::CompanyService& companies,
                    PdfRenderer renderer);

    Result<DocumentDetail> create(const Actor& actor, Document input);
    Result<DocumentDetail> update(const Actor& actor, std::int64_t id, Document input);
    Result<void> remove(const Actor& actor, std::int64_t id);  // drafts only
    Result<DocumentDetail> get(const Actor& actor, std::int64_t id);
    // The draft as stored, for editing (its input form).
    Result<Document> draft_input(const Actor& actor, std::int64_t id);
    Result<DocumentPage> list(const Actor& actor, storage::DocumentQuery query);
    // Computes a draft without saving it: the editor shows totals and margins as the user types.
    Result<DocumentDetail> preview(const Actor& actor, Document input);

    // Draft → validated: number, dates, frozen parties and totals, stored PDF, hash chain.
    Result<DocumentDetail> validate(const Actor& actor, std::int64_t id);
    Result<DocumentDetail> change_status(const Actor& actor, std::int64_t id, DocumentStatus to);
    Result<DocumentDetail> set_archived(const Actor& actor, std::int64_t id, bool archived);

    // A new draft from `id`: quote → order → invoice, quote/order → deposit invoice, invoice → credit note.
    Result<DocumentDetail> convert(const Actor& actor, std::int64_t id, DocumentType to,
                                   std::optional<DepositRequest> deposit = std::nullopt);
    // A draft situation invoice for a quote or order, billing progress up to `progress`.
    Result<DocumentDetail> situation(const Actor& actor, std::int64_t source_id, const SituationProgress& progress);

    // The stored PDF of an issued document (rendered and stored now if it is not yet), or a draft
    // rendered now with its watermark.
    Result<std::string> pdf(const Actor& actor, std::int64_t id);

    // The company's letterhead for a page printed about one of its clients (an account statement):
    // the seller's identity and logo and the client's block as they are now, the bank details in
    // the payment panel. Not found for another company's client.
    Result<pdf::PrintableDocument> letterhead(const Actor& actor, std::int64_t client_id);

    // Issued PDFs are rendered after validation, outside its transaction. `on_issued` is called after
    // each validation commits (the module wakes its renderers); render_pending renders and stores up
    // to `limit` missing PDFs (those whose id % shards == shard); ensure_pdf does one.
    void on_issued(std::function<void()> callback);
    // Lines given by a catalog item alone (`catalog_item_id`, no description) take the item's
    // reference, designation, unit, price, VAT and cost; an item of another company is unknown.
    void use_catalog(catalog::CatalogService& catalog) { catalog_ = &catalog; }
    // Documents read through this service carry their payment state from `source`.
    void use_payment_status(PaymentStatusSource& source) { payment_source_ = &source; }
    // Validation and issued PDFs go through `hooks` (the e-invoicing checks and Factur-X).
    void use_issue_hooks(IssueHooks& hooks) { issue_hooks_ = &hooks; }
    std::size_t render_pending(std::size_t limit, int shard = 0, int shards = 1);
    Result<std::string> ensure_pdf(std::int64_t company_id, std::int64_t id);

    Result<SalesSettings> settings(const Actor& actor);
    std::int64_t margin_threshold(const Actor& actor);  // the company's, in basis points
    // Admins only. Patterns are checked (one counter, allowed characters, 35 characters at most).
    // A pattern change keeps each series' counter for the current period: FA-{YYYY}-{#####} then
    // F{YYYY}/{######} continue the same sequence in the same year, so no number is skipped.
    Result<SalesSettings> update_settings(const Actor& actor, const SalesSettings& input);

    // Recomputes every company's chain and checks every stored PDF (the `comptoir verify` command).
    VerifyReport verify();

private:
    Result<void> fill_from_catalog(const Actor& actor, Document& d);

    store::Database& db_;
    crm::ClientService& clients_;
    identity::CompanyService& companies_;
    PdfRenderer renderer_;
    std::function<void()> on_issued_;
    catalog::CatalogService* catalog_ = nullptr;
    PaymentStatusSource* payment_source_ = nullptr;
    IssueHooks* issue_hooks_ = nullptr;
};

bool can_see_margins(const Actor& actor);
bool can_write(const Actor& actor, DocumentType type);

}  // namespace comptoir::sales
