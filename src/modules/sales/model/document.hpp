// A commercial document as stored: its header, its lines as typed, and, once validated, what was
// frozen then (number, dates, the parties as they were, the totals, its place in the hash chain).
// Amounts are never stored as the source of truth of a draft: they are recomputed by
// sales::compute_totals whenever the lines change, and frozen only at validation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money/decimal.hpp"
#include "core/money/money.hpp"
#include "modules/sales/domain/document_line.hpp"
#include "modules/sales/domain/document_status.hpp"
#include "modules/sales/domain/document_type.hpp"
#include "modules/sales/domain/totals.hpp"

namespace comptoir::sales {

// A line with what the catalog contributed: the reference printed beside the designation and the
// item it came from (kept for reports; the line never changes when the catalog does).
struct Line {
    DocumentLine line;
    std::string reference;
    std::optional<std::int64_t> catalog_item_id;
    // Situation invoices: the cumulative percentage of the contract line completed at this situation.
    std::optional<Decimal> progress_percent;
};

// The category of operation printed on invoices since the e-invoicing reform, and in the XML (BT-23
// framework): deliveries of goods, services, or both.
enum class OperationCategory { Goods, Services, Mixed };
std::string_view to_code(OperationCategory c);  // "goods", "services", "mixed"
std::optional<OperationCategory> parse_operation_category(std::string_view code);

struct Document {
    std::int64_t id = 0;
    DocumentType type = DocumentType::Quote;
    DocumentStatus status = DocumentStatus::Draft;
    std::string number;  // "" while a draft
    std::int64_t client_id = 0;
    // The client the document was issued to, hashed in the chain (0 while a draft). `client_id` may
    // later move to another card (duplicates merged), this one never changes.
    std::int64_t issued_client_id = 0;
    std::string client_name;  // for lists: the client's name now (drafts) or as issued

    std::string title;          // "Rénovation salle de bains" (optional subject line)
    std::string issue_date;     // ISO date; set at validation when empty
    std::string due_date;       // invoices: from the payment terms at validation
    std::string validity_date;  // quotes
    std::string payment_terms;  // crm payment terms code; defaults to the client's
    std::string payment_method;
    std::string customer_reference;  // the client's purchase-order reference (BT-13)
    OperationCategory operation = OperationCategory::Services;
    std::string notes;  // printed under the lines

    std::vector<Line> lines;
    Decimal discount_percent;   // document discount
    Decimal retention_percent;  // situation invoices: retenue de garantie

    std::optional<std::int64_t> source_id;    // converted from (quote → order → invoice…)
    std::optional<std::int64_t> corrects_id;  // a credit note's invoice
    int situation_number = 0;                 // situation invoices: 1, 2, 3…

    // Frozen at validation.
    Money prepaid;             // deposits deducted (final invoices)
    std::string client_json;   // the client block as printed
    std::string seller_json;   // the company's legal identity as printed
    std::string validated_at;
    std::int64_t chain_seq = 0;
    std::string hash;

    bool archived = false;
    std::string created_at, updated_at;
    std::int64_t created_by = 0, updated_by = 0;

    // Stored for lists and reports; recomputed from the lines on every save.
    Money total_excl_vat, total_vat, total_incl_vat, amount_due;

    // Derived when read, never stored: issued invoices' "unpaid", "partially_paid", "paid" or
    // "overdue", from the PaymentStatusSource (the payments module); "" when none is plugged in.
    std::string payment_status;
};

// A link shown on a document: where it came from and what came of it.
struct DocumentLink {
    std::int64_t id = 0;
    DocumentType type;
    DocumentStatus status;
    std::string number;
    std::string relation;  // "source", "derived", "corrects", "corrected_by"
    Money total_incl_vat;
};

}  // namespace comptoir::sales
