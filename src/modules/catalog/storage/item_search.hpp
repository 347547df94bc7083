// The catalog list and the pickers: search as you type, filters, and keyset (cursor) pagination.
//
// A typed query matches an item when the item's reference starts with it (case ignored: "plb-0"
// finds PLB-001), or when every typed word starts a word of the label or of the reference (accents
// and case ignored: "chauf eau" finds "Chauffe-eau électrique 200 L"). How each query is answered,
// and why it stays fast on 100 000 items, is explained above plan_search in the .cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/catalog/model/catalog_item.hpp"
#include "store/database.hpp"

namespace comptoir::catalog {

enum class ItemSort { Reference, Label };
std::optional<ItemSort> sort_from_code(const std::string& code);  // "reference" (or ""), "label"
std::string to_code(ItemSort sort);

struct ItemListQuery {
    std::string q;
    bool active = true;                // false: only inactive items
    std::optional<ItemKind> kind;
    std::string category;              // "" = any; compared folded ("fournitures" = "Fournitures")
    ItemSort sort = ItemSort::Reference;
    int limit = 25;
    std::string cursor;                // opaque, from a previous page
};

struct ItemListPage {
    std::vector<CatalogItem> items;  // without the created/updated user names
    std::string next_cursor;         // empty on the last page
};

namespace storage {
// The planner's thresholds (see plan_search). Tests change them to force each plan on a small catalog.
struct SearchTuning {
    std::int64_t drive = 4000;  // up to this many candidates per branch: fetched by id and sorted at once
    std::int64_t probe = 2000;  // otherwise, first try the first this many rows of the sort order (0: never)
};
ItemListPage list_items(store::Connection& conn, std::int64_t company_id, const ItemListQuery& query,
                        const SearchTuning& tuning = {});
bool valid_cursor(const std::string& cursor);
}  // namespace storage

}  // namespace comptoir::catalog
