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

}  // namespace

std::vector<store::Migration> migrations() { return {{"einvoice/0001_settings", kSettings}}; }

}  // namespace comptoir::einvoice::storage
