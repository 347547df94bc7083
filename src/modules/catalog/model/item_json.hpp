// The JSON shape of catalog items in the API and in audit entries. Reading is strict: a value of the
// wrong type or an unknown field is reported by name, never silently dropped. Decimals travel as
// strings ("12.5", canonical form) so that no floating point ever touches a price; integers are
// accepted too, numbers with a fraction are not (a JSON double cannot hold 0.1 exactly).
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "modules/catalog/model/catalog_item.hpp"

namespace comptoir::catalog {

// {"category": "S", "rate": "20", "exemption": null}
nlohmann::json vat_json(const sales::VatRate& vat);
// Every field; `cost_price` is left out entirely when the viewer may not see it (item.cost_visible).
nlohmann::json to_json(const CatalogItem& item);
// A flat object of the editable fields, for audit diffs ("vat.rate" rather than the whole VAT).
nlohmann::json audit_snapshot(const CatalogItem& item);

// Applies the fields present in `body` on top of `base` (PATCH semantics; a default item to create).
Result<CatalogItem> item_from_json(const nlohmann::json& body, CatalogItem base);

}  // namespace comptoir::catalog
