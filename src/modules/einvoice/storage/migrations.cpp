#include "modules/einvoice/storage/migrations.hpp"

namespace comptoir::einvoice::storage {
namespace {

// Per-company e-invoicing choices: whether issued invoices are e-invoices (rules checked before
// issue, Factur-X stored) and the Factur-X profile emitted.
constexpr const char* kSettings = R"SQL(
CREATE TABLE einvoice_settings (
  company_id BIGINT PRIMARY KEY REFERENCES companies(id),
  enabled INTEGER NOT NULL DEFAULT 0,
  profile TEXT NOT NULL DEFAULT 'en16931',
  updated_at TEXT NOT NULL DEFAULT ''
);
)SQL";

// Received e-invoices. Suppliers are matched by SIREN, else VAT number (indexed per company), and
// created when new. A supplier invoice keeps its header, totals and payment details as columns,
// its lines and VAT breakdown in tables of their own, the result of the checks (JSON), and the
// original file as received (base64, with its SHA-256). Amounts are Decimal mantissas (millionths):
// a received amount with more than two decimals is kept as sent, and the checks say so. One
// supplier's invoice number is imported once (unique index: a duplicate is refused).
constexpr const char* kReception = R"SQL(
CREATE TABLE suppliers (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  siren TEXT NOT NULL DEFAULT '',
  siret TEXT NOT NULL DEFAULT '',
  vat_number TEXT NOT NULL DEFAULT '',
  address_line1 TEXT NOT NULL DEFAULT '',
  address_line2 TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  iban TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX suppliers_by_siren ON suppliers (company_id, siren);
CREATE INDEX suppliers_by_vat ON suppliers (company_id, vat_number);

CREATE TABLE supplier_invoices (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  supplier_id BIGINT NOT NULL REFERENCES suppliers(id),
  number TEXT NOT NULL,
  type_code TEXT NOT NULL,
  issue_date TEXT NOT NULL DEFAULT '',
  due_date TEXT NOT NULL DEFAULT '',
  currency TEXT NOT NULL DEFAULT '',
  format TEXT NOT NULL,
  profile TEXT NOT NULL,
  business_process TEXT NOT NULL DEFAULT '',
  buyer_reference TEXT NOT NULL DEFAULT '',
  order_reference TEXT NOT NULL DEFAULT '',
  line_net_m BIGINT,
  allowances_m BIGINT,
  charges_m BIGINT,
  tax_exclusive_m BIGINT NOT NULL,
  tax_amount_m BIGINT,
  tax_inclusive_m BIGINT NOT NULL,
  prepaid_m BIGINT,
  payable_m BIGINT NOT NULL,
  payment_means TEXT NOT NULL DEFAULT '',
  payment_iban TEXT NOT NULL DEFAULT '',
  payment_bic TEXT NOT NULL DEFAULT '',
  payment_terms TEXT NOT NULL DEFAULT '',
  payment_reference TEXT NOT NULL DEFAULT '',
  notes_json TEXT NOT NULL DEFAULT '[]',
  checks_json TEXT NOT NULL DEFAULT '[]',
  errors INTEGER NOT NULL DEFAULT 0,
  original_name TEXT NOT NULL DEFAULT '',
  original_sha256 TEXT NOT NULL,
  original_base64 TEXT NOT NULL,
  source TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by BIGINT NOT NULL
);
CREATE UNIQUE INDEX supplier_invoices_unique ON supplier_invoices (company_id, supplier_id, number);

CREATE TABLE supplier_invoice_lines (
  company_id BIGINT NOT NULL,
  invoice_id BIGINT NOT NULL REFERENCES supplier_invoices(id),
  position INTEGER NOT NULL,
  line_id TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  seller_item_id TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  quantity_m BIGINT NOT NULL,
  unit_code TEXT NOT NULL DEFAULT '',
  net_price_m BIGINT NOT NULL,
  net_amount_m BIGINT NOT NULL,
  vat_category TEXT NOT NULL DEFAULT '',
  vat_rate_m BIGINT,
  PRIMARY KEY (company_id, invoice_id, position)
);

CREATE TABLE supplier_invoice_vat (
  company_id BIGINT NOT NULL,
  invoice_id BIGINT NOT NULL REFERENCES supplier_invoices(id),
  position INTEGER NOT NULL,
  category TEXT NOT NULL,
  rate_m BIGINT,
  taxable_m BIGINT NOT NULL,
  tax_m BIGINT NOT NULL,
  exemption_reason TEXT NOT NULL DEFAULT '',
  exemption_code TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (company_id, invoice_id, position)
);
)SQL";

// Chorus Pro. Public-sector data of a client lives here, keyed by client (the client file belongs to
// crm, which need not know about Chorus Pro); at issue it is frozen onto the document
// (einvoice_document_refs), so an issued invoice's e-invoice never changes. The company's PISTE
// application and Chorus Pro technical account (secrets included: never returned by the API), and
// each deposit with the state Chorus Pro reports.
constexpr const char* kChorus = R"SQL(
CREATE TABLE einvoice_public_clients (
  company_id BIGINT NOT NULL,
  client_id BIGINT NOT NULL REFERENCES clients(id),
  public_sector INTEGER NOT NULL DEFAULT 0,
  service_code TEXT NOT NULL DEFAULT '',
  commitment_number TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (company_id, client_id)
);
CREATE TABLE einvoice_document_refs (
  company_id BIGINT NOT NULL,
  document_id BIGINT NOT NULL REFERENCES documents(id),
  public_sector INTEGER NOT NULL DEFAULT 0,
  service_code TEXT NOT NULL DEFAULT '',
  commitment_number TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (company_id, document_id)
);
CREATE TABLE einvoice_chorus_settings (
  company_id BIGINT PRIMARY KEY REFERENCES companies(id),
  enabled INTEGER NOT NULL DEFAULT 0,
  token_url TEXT NOT NULL DEFAULT '',
  api_url TEXT NOT NULL DEFAULT '',
  client_id TEXT NOT NULL DEFAULT '',
  client_secret TEXT NOT NULL DEFAULT '',
  login TEXT NOT NULL DEFAULT '',
  password TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);
CREATE TABLE einvoice_chorus_submissions (
  id {{ID}},
  company_id BIGINT NOT NULL,
  document_id BIGINT NOT NULL REFERENCES documents(id),
  flow_number TEXT NOT NULL,
  status TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL DEFAULT '',
  submitted_at TEXT NOT NULL,
  submitted_by BIGINT NOT NULL,
  checked_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX einvoice_chorus_by_document ON einvoice_chorus_submissions (company_id, document_id, id);
)SQL";

}  // namespace

std::vector<store::Migration> migrations() {
    return {{"einvoice/0001_settings", kSettings}, {"einvoice/0002_reception", kReception}, {"einvoice/0003_chorus", kChorus}};
}

}  // namespace comptoir::einvoice::storage
