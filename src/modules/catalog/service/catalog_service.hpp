// The catalog's use cases. Every entry point (pages, API, the documents module) goes through here:
// this is where permissions are checked, input is normalised and validated, references are kept
// unique, cost prices are withheld from roles that may not see them, the audit log is written, and
// each use case runs in one transaction.
//
// Permissions: every role reads; admin and sales create, edit, deactivate and reactivate items.
// Cost prices (and so margins) are for admin and sales only: for the accountant and read-only roles
// every item comes back with `cost_price` empty and `cost_visible` false, whichever function returns
// it. Items are never deleted: one used on a document stays, deactivated, out of the pickers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/catalog/model/catalog_item.hpp"
#include "modules/catalog/storage/item_search.hpp"
#include "store/database.hpp"

namespace comptoir::catalog {

// What a document line needs from a picked item; cost only for roles that may see it.
struct PickerItem {
    std::int64_t id = 0;
    std::string reference;
    std::string label;
    std::string unit;
    ItemKind kind = ItemKind::Goods;
    Decimal unit_price;
    sales::VatRate vat;
    std::optional<Decimal> cost_price;  // empty when unknown or not visible
    bool cost_visible = false;
};

inline constexpr int kMaxPickerItems = 50;

class CatalogService {
public:
    explicit CatalogService(store::Database& db) : db_(db) {}

    Result<CatalogItem> create(const Actor& actor, CatalogItem input);
    Result<CatalogItem> update(const Actor& actor, std::int64_t id, CatalogItem input);
    // One item of the actor's company, active or not (a document may show an item deactivated since).
    Result<CatalogItem> get(const Actor& actor, std::int64_t id);
    Result<ItemListPage> list(const Actor& actor, const ItemListQuery& query);
    // Deactivating keeps the item (and every document line that came from it) but hides it from the
    // pickers; activating brings it back.
    Result<CatalogItem> set_active(const Actor& actor, std::int64_t id, bool active);

    // For the document editor: up to `limit` (1 to 50) active items matching `q` (same matching as
    // list), in reference order. An empty `q` gives the first items.
    Result<std::vector<PickerItem>> pick(const Actor& actor, const std::string& q, int limit = 10);

    // Every category in use, for suggestions and the list filter.
    Result<std::vector<std::string>> categories(const Actor& actor);
    // The item's audit entries, newest first; cost price changes are left out for roles that may
    // not see cost prices.
    Result<std::vector<audit::Entry>> history(const Actor& actor, std::int64_t id);

private:
    store::Database& db_;
};

bool can_write_catalog(const Actor& actor);
bool can_see_costs(const Actor& actor);

}  // namespace comptoir::catalog
