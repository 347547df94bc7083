// SQL for catalog items and their search terms. Every function takes the company id and every
// statement is scoped by it; values are always bound.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/catalog/model/catalog_item.hpp"
#include "store/database.hpp"

namespace comptoir::catalog::storage {

// Throws store::UniqueViolation when the reference is taken (a race the service turns into a 409).
std::int64_t insert_item(store::Connection& conn, std::int64_t company_id, const CatalogItem& item,
                         std::int64_t user_id, const std::string& now);
void update_item(store::Connection& conn, std::int64_t company_id, const CatalogItem& item, std::int64_t user_id,
                 const std::string& now);
std::optional<CatalogItem> find_item(store::Connection& conn, std::int64_t company_id, std::int64_t id);
void set_active(store::Connection& conn, std::int64_t company_id, std::int64_t id, bool active, std::int64_t user_id,
                const std::string& now);

// Another item of the company already has this reference (compared by reference_key).
bool reference_taken(store::Connection& conn, std::int64_t company_id, const std::string& reference,
                     std::int64_t except_id);

// Rebuilds the search terms of one item (its folded label and reference words).
void reindex_item(store::Connection& conn, std::int64_t company_id, const CatalogItem& item);
std::vector<std::string> search_terms_of(const CatalogItem& item);

// The spelling another item already uses for a category ("Main d'œuvre" for "main d'oeuvre"), if any.
std::optional<std::string> category_spelling(store::Connection& conn, std::int64_t company_id,
                                             const std::string& category, std::int64_t except_id);

// Every category used by the company's items (active or not), one spelling each, in folded order.
std::vector<std::string> categories(store::Connection& conn, std::int64_t company_id);

// Reads a row of item_columns() (exposed for the search, which selects the same columns).
const char* item_columns();
CatalogItem item_from_row(const store::Row& row);

}  // namespace comptoir::catalog::storage
