#include "modules/sales/sales_module.hpp"

namespace comptoir::sales {
namespace {

// Commercial documents. Conventions: `*_cents` columns are Money (integer cents), `*_m` columns are
// Decimals as their mantissa (scale 10^6, see core/money/decimal.hpp): exact, portable, no parsing.
//
// `number` is unique per company and series once given (NULL for drafts: both SQLite and PostgreSQL
// allow many NULLs in a unique index). Numbers come from `document_counters`, one row per company,
// series and period (the year for FA-{YYYY}-…), incremented inside the validating transaction: a
// rollback returns the number, so the series has no gaps.
//
// Issued documents and their PDFs form one hash chain per company (see model/issue_chain.hpp): a
// document takes a position (`documents.chain_seq`, `hash`) when it is validated, and its PDF takes
// the next free one (`document_files.chain_seq`, `hash`) when it has been rendered, just after.
// `document_chain` holds each company's last position and hash. `document_files` keeps each issued
// PDF, base64 in TEXT so one schema serves both databases.
constexpr const char* kDocuments = R"SQL(
CREATE TABLE documents (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  series TEXT,
  number TEXT,
  client_id BIGINT NOT NULL REFERENCES clients(id),
  title TEXT NOT NULL DEFAULT '',
  issue_date TEXT NOT NULL DEFAULT '',
  due_date TEXT NOT NULL DEFAULT '',
  validity_date TEXT NOT NULL DEFAULT '',
  payment_terms TEXT NOT NULL DEFAULT '',
  payment_method TEXT NOT NULL DEFAULT '',
  customer_reference TEXT NOT NULL DEFAULT '',
  operation TEXT NOT NULL DEFAULT 'services',
  notes TEXT NOT NULL DEFAULT '',
  discount_m BIGINT NOT NULL DEFAULT 0,
  retention_m BIGINT NOT NULL DEFAULT 0,
  source_id BIGINT REFERENCES documents(id),
  corrects_id BIGINT REFERENCES documents(id),
  situation_number INTEGER NOT NULL DEFAULT 0,
  prepaid_cents BIGINT NOT NULL DEFAULT 0,
  total_excl_vat_cents BIGINT NOT NULL DEFAULT 0,
  total_vat_cents BIGINT NOT NULL DEFAULT 0,
  total_incl_vat_cents BIGINT NOT NULL DEFAULT 0,
  amount_due_cents BIGINT NOT NULL DEFAULT 0,
  client_json TEXT NOT NULL DEFAULT '',
  seller_json TEXT NOT NULL DEFAULT '',
  validated_at TEXT NOT NULL DEFAULT '',
  validated_by BIGINT,
  chain_seq BIGINT,
  hash TEXT NOT NULL DEFAULT '',
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by BIGINT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT NOT NULL
);
CREATE UNIQUE INDEX documents_by_number ON documents (company_id, series, number);
CREATE UNIQUE INDEX documents_by_chain ON documents (company_id, chain_seq);
CREATE INDEX documents_by_type ON documents (company_id, type, archived, id);
CREATE INDEX documents_by_client ON documents (company_id, client_id, id);
CREATE INDEX documents_by_source ON documents (company_id, source_id);
CREATE INDEX documents_by_corrects ON documents (company_id, corrects_id);

CREATE TABLE document_lines (
  company_id BIGINT NOT NULL,
  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  reference TEXT NOT NULL DEFAULT '',
  catalog_item_id BIGINT,
  description TEXT NOT NULL DEFAULT '',
  quantity_m BIGINT NOT NULL DEFAULT 0,
  unit TEXT NOT NULL DEFAULT '',
  unit_price_m BIGINT NOT NULL DEFAULT 0,
  discount_m BIGINT NOT NULL DEFAULT 0,
  vat_category TEXT NOT NULL DEFAULT 'S',
  vat_m BIGINT NOT NULL DEFAULT 0,
  vat_exemption TEXT NOT NULL DEFAULT '',
  unit_cost_m BIGINT,
  progress_m BIGINT,
  PRIMARY KEY (company_id, document_id, position)
);

CREATE TABLE document_counters (
  company_id BIGINT NOT NULL,
  series TEXT NOT NULL,
  period TEXT NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (company_id, series, period)
);

CREATE TABLE document_chain (
  company_id BIGINT PRIMARY KEY,
  seq BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);

CREATE TABLE number_series (
  company_id BIGINT NOT NULL,
  series TEXT NOT NULL,
  pattern TEXT NOT NULL,
  PRIMARY KEY (company_id, series)
);

CREATE TABLE document_files (
  company_id BIGINT NOT NULL,
  document_id BIGINT NOT NULL REFERENCES documents(id),
  kind TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  content_base64 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  chain_seq BIGINT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (company_id, document_id, kind)
);
CREATE UNIQUE INDEX document_files_by_chain ON document_files (company_id, chain_seq);
)SQL";

// Per-company choices for documents: the VAT-on-debits option (printed on invoices) and whether credit
// notes share the invoices' series. Number patterns are in `number_series`.
constexpr const char* kSettings = R"SQL(
CREATE TABLE sales_settings (
  company_id BIGINT PRIMARY KEY,
  vat_on_debits INTEGER NOT NULL DEFAULT 0,
  credit_notes_shared INTEGER NOT NULL DEFAULT 0
);
)SQL";

// The low-margin warning's threshold (taux de marque minimum), in basis points: 2000 = 20 %.
constexpr const char* kMarginThreshold =
    "ALTER TABLE sales_settings ADD COLUMN margin_threshold_bp BIGINT NOT NULL DEFAULT 2000;";

// Two lookups that must not grow with the number of documents: the last issue date of a series
// (checked at every validation, so numbers follow dates) and the issued documents still waiting
// for their PDF (read by the renderers after every validation).
constexpr const char* kPendingAndDates = R"SQL(
CREATE INDEX documents_by_series_date ON documents (company_id, series, issue_date);
ALTER TABLE documents ADD COLUMN pdf_stored INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET pdf_stored = 1 WHERE EXISTS (
  SELECT 1 FROM document_files f WHERE f.company_id = documents.company_id AND f.document_id = documents.id
  AND f.kind = 'pdf');
CREATE INDEX documents_pdf_pending ON documents (pdf_stored, company_id, chain_seq) WHERE pdf_stored = 0;
)SQL";

// The client an issued document was issued to, frozen: the hash chain covers it, while `client_id`
// may move to another card when duplicates are merged (and back when the merge is undone).
constexpr const char* kIssuedClient = R"SQL(
ALTER TABLE documents ADD COLUMN issued_client_id BIGINT;
UPDATE documents SET issued_client_id = client_id WHERE chain_seq IS NOT NULL;
)SQL";

}  // namespace

std::vector<store::Migration> SalesModule::migrations() {
    return {{"sales/0001_documents", kDocuments},
            {"sales/0002_settings", kSettings},
            {"sales/0003_margin_threshold", kMarginThreshold},
            {"sales/0004_pending_pdfs_and_series_dates", kPendingAndDates},
            {"sales/0005_issued_client", kIssuedClient}};
}

}  // namespace comptoir::sales
