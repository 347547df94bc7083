// The item form (create and edit): HTML form fields <-> CatalogItem, and the view model that
// re-renders the form with every value as typed and each error under its field.
//
// Parsing never throws. Prices are read as people type them ("12,50", "1 234,5"); what cannot be
// read at all is reported under the form's field name, everything else is left to the service.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/web_server.hpp"
#include "modules/catalog/model/catalog_item.hpp"

namespace comptoir::catalog::pages {

struct ParseIssue {
    std::string field;    // form field name: "unit_price", "vat_exemption"
    std::string message;  // already in the viewer's language
};

struct ItemForm {
    CatalogItem item;  // what goes to the service
    std::string kind_text;
    std::string unit_price_text;  // as typed
    std::string cost_price_text;
    std::string vat_rate_text;    // the select's value: "20", "5.5", "0"
    std::string vat_exemption_text;  // "", an exemption code, or "zero_rated"
    std::vector<ParseIssue> issues;
};

// Applies the submitted fields on top of `base` (the stored item when editing).
ItemForm parse_item_form(const http::PageContext& ctx, CatalogItem base);
// The form state for a stored (or new) item.
ItemForm form_from_item(const CatalogItem& item, const std::string& locale);
// Form field name for a service field name ("vat.exemption" -> "vat_exemption").
std::string item_form_field(const std::string& service_field);

struct ItemFormContext {
    bool create = true;
    std::int64_t item_id = 0;
    std::vector<std::string> categories;  // suggestions
    nlohmann::json errors = nlohmann::json::object();  // keyed by form field name
};

nlohmann::json item_form_view(const http::PageContext& ctx, const ItemForm& form, const ItemFormContext& fc);

}  // namespace comptoir::catalog::pages
