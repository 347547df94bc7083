#include "modules/catalog/service/catalog_service.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/text/utf8.hpp"
#include "modules/catalog/model/item_json.hpp"
#include "modules/catalog/model/item_validation.hpp"
#include "modules/catalog/storage/item_store.hpp"

namespace comptoir::catalog {
namespace {

constexpr const char* kEntity = "catalog_item";

Error item_not_found() { return Error::not_found("Cet article n'existe pas.", "This item does not exist."); }

// A 409 naming the field, whether found by the check before writing or by the unique index when two
// people save the same reference at the same moment.
Error reference_taken(const std::string& reference) {
    const std::string shown = quote_excerpt(reference);
    std::string fr = "La référence « " + shown + " » est déjà utilisée par un autre article (majuscules et minuscules "
                     "ne comptent pas).";
    std::string en = "The reference \"" + shown + "\" is already used by another item (case does not matter).";
    Error e = Error::conflict("reference.taken", fr, en);
    e.fields.push_back({"reference", "reference.taken", fr, en});
    return e;
}

CatalogItem visible_to(const Actor& actor, CatalogItem item) {
    if (!can_see_costs(actor)) {
        item.cost_price.reset();
        item.cost_visible = false;
    }
    return item;
}

// Saves under the spelling other items already use for the same category, so that "fournitures"
// typed once does not split "Fournitures" in two in the filters.
void adopt_category_spelling(store::Connection& conn, const Actor& actor, CatalogItem& item) {
    if (auto known = storage::category_spelling(conn, actor.company_id, item.category, item.id)) item.category = *known;
}

std::optional<Error> bad_query(const ItemListQuery& query) {
    if (!storage::valid_cursor(query.cursor))
        return Error::invalid_field("cursor", "cursor.invalid", "Curseur de pagination invalide.",
                                    "Invalid pagination cursor.");
    if (query.limit < 1 || query.limit > 200)
        return Error::invalid_field("limit", "limit.range", "La taille de page doit être comprise entre 1 et 200.",
                                    "The page size must be between 1 and 200.");
    return std::nullopt;
}

}  // namespace

bool can_write_catalog(const Actor& actor) { return actor.role == Role::Admin || actor.role == Role::Sales; }
bool can_see_costs(const Actor& actor) { return actor.role == Role::Admin || actor.role == Role::Sales; }

Result<CatalogItem> CatalogService::create(const Actor& actor, CatalogItem input) {
    if (!can_write_catalog(actor)) return fail(Error::forbidden());
    input.id = 0;
    input.active = true;
    auto issues = normalise_item(input);  // before the write lock: no database needed
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    try {
        return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<CatalogItem> {
            if (storage::reference_taken(conn, actor.company_id, input.reference, 0))
                return fail(reference_taken(input.reference));
            adopt_category_spelling(conn, actor, input);
            input.id = storage::insert_item(conn, actor.company_id, input, actor.user_id, now_iso());
            storage::reindex_item(conn, actor.company_id, input);
            audit::record(conn, actor, kEntity, input.id, "create", audit_snapshot(input));
            return *storage::find_item(conn, actor.company_id, input.id);
        });
    } catch (const store::UniqueViolation&) {
        return fail(reference_taken(input.reference));
    }
}

Result<CatalogItem> CatalogService::update(const Actor& actor, std::int64_t id, CatalogItem input) {
    if (!can_write_catalog(actor)) return fail(Error::forbidden());
    input.id = id;
    auto issues = normalise_item(input);
    try {
        return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<CatalogItem> {
            auto before = storage::find_item(conn, actor.company_id, id);
            if (!before) return fail(item_not_found());
            if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
            if (storage::reference_taken(conn, actor.company_id, input.reference, id))
                return fail(reference_taken(input.reference));
            adopt_category_spelling(conn, actor, input);
            storage::update_item(conn, actor.company_id, input, actor.user_id, now_iso());
            storage::reindex_item(conn, actor.company_id, input);
            auto changes = audit::diff(audit_snapshot(*before), audit_snapshot(input));
            if (!changes.empty()) audit::record(conn, actor, kEntity, id, "update", changes);
            return *storage::find_item(conn, actor.company_id, id);
        });
    } catch (const store::UniqueViolation&) {
        return fail(reference_taken(input.reference));
    }
}

Result<CatalogItem> CatalogService::get(const Actor& actor, std::int64_t id) {
    auto conn = db_.acquire();
    auto item = storage::find_item(*conn, actor.company_id, id);
    if (!item) return fail(item_not_found());
    return visible_to(actor, std::move(*item));
}

Result<ItemListPage> CatalogService::list(const Actor& actor, const ItemListQuery& query) {
    if (auto error = bad_query(query)) return fail(*error);
    auto conn = db_.acquire();
    auto page = storage::list_items(*conn, actor.company_id, query);
    for (auto& item : page.items) item = visible_to(actor, std::move(item));
    return page;
}

Result<CatalogItem> CatalogService::set_active(const Actor& actor, std::int64_t id, bool active) {
    if (!can_write_catalog(actor)) return fail(Error::forbidden());
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<CatalogItem> {
        auto item = storage::find_item(conn, actor.company_id, id);
        if (!item) return fail(item_not_found());
        if (item->active != active) {
            storage::set_active(conn, actor.company_id, id, active, actor.user_id, now_iso());
            audit::record(conn, actor, kEntity, id, active ? "activate" : "deactivate", nlohmann::json::object());
        }
        return visible_to(actor, *storage::find_item(conn, actor.company_id, id));
    });
}

Result<std::vector<PickerItem>> CatalogService::pick(const Actor& actor, const std::string& q, int limit) {
    ItemListQuery query;
    query.q = q;
    query.active = true;
    query.limit = std::clamp(limit, 1, kMaxPickerItems);
    TRY_RESULT(page, list(actor, query));
    std::vector<PickerItem> out;
    out.reserve(page.items.size());
    for (auto& i : page.items)
        out.push_back({i.id, std::move(i.reference), std::move(i.label), std::move(i.unit), i.kind, i.unit_price, i.vat,
                       i.cost_price, i.cost_visible});
    return out;
}

Result<std::vector<std::string>> CatalogService::categories(const Actor& actor) {
    auto conn = db_.acquire();
    return storage::categories(*conn, actor.company_id);
}

Result<std::vector<audit::Entry>> CatalogService::history(const Actor& actor, std::int64_t id) {
    auto conn = db_.acquire();
    if (!storage::find_item(*conn, actor.company_id, id)) return fail(item_not_found());
    auto entries = audit::list_for(*conn, actor, kEntity, id);
    if (!can_see_costs(actor)) {
        for (auto& e : entries)
            if (e.changes.is_object()) e.changes.erase("cost_price");
        // An update that changed only the cost price says nothing the viewer may read.
        std::erase_if(entries, [](const audit::Entry& e) { return e.action == "update" && e.changes.empty(); });
    }
    return entries;
}

}  // namespace comptoir::catalog
