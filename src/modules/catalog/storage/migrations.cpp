#include "modules/catalog/catalog_module.hpp"

namespace comptoir::catalog {
namespace {

// Decimals (prices, the VAT rate) are stored as their Decimal mantissa, an integer number of
// millionths (12.50 € is 12500000). A scaled integer, not text: it round-trips exactly (it *is*
// the Decimal), sorts and compares numerically in SQL on both databases ("9" < "10", which
// canonical text would get wrong), and fits BIGINT with room to spare (prices stay below 10^9, so
// below 10^15 millionths). The column names say the scale: *_micros.
//
// Search as you type (see storage/item_search.cpp for the plans):
//  * reference prefix: `reference_key` is the case-folded reference, byte-ordered ({{TEXT_C}}), so
//    "PLB-0" typed is the range ['plb-0', 'plb-0' + U+10FFFF) of the unique index;
//  * label words: `catalog_item_terms` holds one row per folded word of the label and the
//    reference, clustered by (company, term), so a typed word is a range scan of the primary key;
//    `search_text` (" word word …") lets a row be checked for the other typed words without a
//    sub-query per word;
//  * the list walks (company, active, sort key, id) in order, so a page is an index range even when
//    every item matches; the category filter has its own index in reference order.
constexpr const char* kItems = R"SQL(
CREATE TABLE catalog_items (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  reference TEXT NOT NULL,
  reference_key {{TEXT_C}} NOT NULL,
  label TEXT NOT NULL,
  label_key {{TEXT_C}} NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL,
  kind TEXT NOT NULL,
  unit_price_micros BIGINT NOT NULL,
  cost_price_micros BIGINT,
  vat_category TEXT NOT NULL,
  vat_rate_micros BIGINT NOT NULL,
  vat_exemption TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  category_key {{TEXT_C}} NOT NULL DEFAULT '',
  search_text TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE UNIQUE INDEX catalog_items_reference ON catalog_items (company_id, reference_key);
CREATE INDEX catalog_items_by_reference ON catalog_items (company_id, active, reference_key, id);
CREATE INDEX catalog_items_by_label ON catalog_items (company_id, active, label_key, id);
CREATE INDEX catalog_items_by_category ON catalog_items (company_id, active, category_key, reference_key, id);

CREATE TABLE catalog_item_terms (
  company_id BIGINT NOT NULL,
  term {{TEXT_C}} NOT NULL,
  item_id BIGINT NOT NULL,
  PRIMARY KEY (company_id, term, item_id)
) {{NO_ROWID}};
CREATE INDEX catalog_item_terms_by_item ON catalog_item_terms (company_id, item_id, term);
)SQL";

}  // namespace

std::vector<store::Migration> CatalogModule::migrations() { return {{"catalog/0001_items", kItems}}; }

}  // namespace comptoir::catalog
