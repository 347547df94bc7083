#include "modules/catalog/storage/item_store.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/text/search_text.hpp"
#include "modules/catalog/model/item_validation.hpp"
#include "store/bulk_insert.hpp"

namespace comptoir::catalog::storage {
namespace {

using store::Value;

constexpr const char* kColumns = R"SQL(
i.id, i.reference, i.label, i.description, i.unit, i.kind, i.unit_price_micros, i.cost_price_micros,
i.vat_category, i.vat_rate_micros, i.vat_exemption, i.category, i.active,
i.created_at, i.created_by, i.updated_at, i.updated_by
)SQL";

constexpr const char* kInsert = R"SQL(
INSERT INTO catalog_items (company_id, reference, reference_key, label, label_key, description, unit, kind,
  unit_price_micros, cost_price_micros, vat_category, vat_rate_micros, vat_exemption, category, category_key,
  search_text, active, created_at, created_by, updated_at, updated_by)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
)SQL";

constexpr const char* kUpdate = R"SQL(
UPDATE catalog_items SET reference = ?, reference_key = ?, label = ?, label_key = ?, description = ?, unit = ?,
  kind = ?, unit_price_micros = ?, cost_price_micros = ?, vat_category = ?, vat_rate_micros = ?, vat_exemption = ?,
  category = ?, category_key = ?, search_text = ?, updated_at = ?, updated_by = ?
WHERE company_id = ? AND id = ?
)SQL";

// " word word …": every folded word of the label and the reference, each preceded by a space, so
// that "some word starts with w" is a substring test for " w".
std::string search_text_of(const CatalogItem& item) {
    std::string out;
    for (const auto& term : search_terms_of(item)) out += " " + term;
    return out;
}

// The values common to INSERT and UPDATE, from reference to search_text, in column order.
std::vector<Value> item_values(const CatalogItem& i) {
    return {i.reference,
            reference_key(i.reference),
            i.label,
            fold(i.label),
            i.description,
            i.unit,
            std::string(to_code(i.kind)),
            i.unit_price.mantissa(),
            i.cost_price ? Value(i.cost_price->mantissa()) : Value(nullptr),
            std::string(sales::to_code(i.vat.category)),
            i.vat.percent.mantissa(),
            std::string(sales::to_code(i.vat.exemption)),
            i.category,
            fold(i.category),
            search_text_of(i)};
}

}  // namespace

const char* item_columns() { return kColumns; }

CatalogItem item_from_row(const store::Row& r) {
    // Stored values are written by this module only; an unreadable one falls back to the default
    // rather than failing a whole list.
    CatalogItem i;
    i.id = r.int64(0);
    i.reference = r.text(1);
    i.label = r.text(2);
    i.description = r.text(3);
    i.unit = r.text(4);
    i.kind = parse_item_kind(r.text(5)).value_or(ItemKind::Goods);
    i.unit_price = Decimal::from_mantissa(r.int64(6));
    if (!r.is_null(7)) i.cost_price = Decimal::from_mantissa(r.int64(7));
    i.vat.category = sales::parse_vat_category(r.text(8)).value_or(sales::VatCategory::Standard);
    i.vat.percent = Decimal::from_mantissa(r.int64(9));
    i.vat.exemption = sales::parse_vat_exemption(r.text(10)).value_or(sales::VatExemption::None);
    i.category = r.text(11);
    i.active = r.boolean(12);
    i.created_at = r.text(13);
    i.created_by = r.int64(14);
    i.updated_at = r.text(15);
    i.updated_by = r.int64(16);
    return i;
}

std::int64_t insert_item(store::Connection& conn, std::int64_t company_id, const CatalogItem& item,
                         std::int64_t user_id, const std::string& now) {
    std::vector<Value> params{company_id};
    for (auto& v : item_values(item)) params.push_back(std::move(v));
    params.insert(params.end(), {now, user_id, now, user_id});
    return conn.insert(kInsert, params);
}

void update_item(store::Connection& conn, std::int64_t company_id, const CatalogItem& item, std::int64_t user_id,
                 const std::string& now) {
    auto params = item_values(item);
    params.insert(params.end(), {now, user_id, company_id, item.id});
    conn.execute(kUpdate, params);
}

std::optional<CatalogItem> find_item(store::Connection& conn, std::int64_t company_id, std::int64_t id) {
    std::string sql = std::string("SELECT ") + kColumns + R"SQL(, COALESCE(cu.name, ''), COALESCE(uu.name, '')
FROM catalog_items i
LEFT JOIN users cu ON cu.id = i.created_by AND cu.company_id = i.company_id
LEFT JOIN users uu ON uu.id = i.updated_by AND uu.company_id = i.company_id
WHERE i.company_id = ? AND i.id = ?)SQL";
    auto row = conn.query_one(sql, {company_id, id});
    if (!row) return std::nullopt;
    CatalogItem item = item_from_row(*row);
    item.created_by_name = row->text(17);
    item.updated_by_name = row->text(18);
    return item;
}

void set_active(store::Connection& conn, std::int64_t company_id, std::int64_t id, bool active, std::int64_t user_id,
                const std::string& now) {
    conn.execute("UPDATE catalog_items SET active = ?, updated_at = ?, updated_by = ? WHERE company_id = ? AND id = ?",
                 {std::int64_t{active}, now, user_id, company_id, id});
}

bool reference_taken(store::Connection& conn, std::int64_t company_id, const std::string& reference,
                     std::int64_t except_id) {
    return conn
        .query_one("SELECT 1 FROM catalog_items WHERE company_id = ? AND reference_key = ? AND id <> ?",
                   {company_id, reference_key(reference), except_id})
        .has_value();
}

std::vector<std::string> search_terms_of(const CatalogItem& item) {
    std::set<std::string> terms;
    for (auto& t : search_tokens(item.label)) terms.insert(std::move(t));
    for (auto& t : search_tokens(item.reference)) terms.insert(std::move(t));
    std::vector<std::string> out;
    for (const auto& t : terms)
        if (!t.empty() && t.size() <= 200) out.push_back(t);
    return out;
}

void reindex_item(store::Connection& conn, std::int64_t company_id, const CatalogItem& item) {
    conn.execute("DELETE FROM catalog_item_terms WHERE company_id = ? AND item_id = ?", {company_id, item.id});
    std::vector<std::vector<Value>> rows;
    for (auto& term : search_terms_of(item)) rows.push_back({company_id, std::move(term), item.id});
    store::insert_rows(conn, "catalog_item_terms", {"company_id", "term", "item_id"}, rows);
}

std::optional<std::string> category_spelling(store::Connection& conn, std::int64_t company_id,
                                             const std::string& category, std::int64_t except_id) {
    auto key = fold(category);
    if (key.empty()) return std::nullopt;
    // Active items first: their spelling is the one people see in the pickers.
    for (std::int64_t active : {1, 0}) {
        auto row = conn.query_one(
            "SELECT category FROM catalog_items WHERE company_id = ? AND active = ? AND category_key = ? AND id <> ? "
            "LIMIT 1",
            {company_id, active, key, except_id});
        if (row) return row->text(0);
    }
    return std::nullopt;
}

std::vector<std::string> categories(store::Connection& conn, std::int64_t company_id) {
    // The distinct categories by a loose index scan: each step seeks the next key in the category
    // index, so the cost is a few reads per category whatever the number of items (a GROUP BY
    // would read every item of the company at each page load).
    constexpr const char* kDistinct = R"SQL(
WITH RECURSIVE c(k) AS (
  SELECT MIN(category_key) FROM catalog_items WHERE company_id = ? AND active = ? AND category_key > ''
  UNION ALL
  SELECT (SELECT MIN(x.category_key) FROM catalog_items x WHERE x.company_id = ? AND x.active = ? AND x.category_key > c.k)
  FROM c WHERE c.k IS NOT NULL
)
SELECT c.k, (SELECT y.category FROM catalog_items y WHERE y.company_id = ? AND y.active = ? AND y.category_key = c.k LIMIT 1)
FROM c WHERE c.k IS NOT NULL)SQL";
    std::map<std::string, std::string> by_key;
    for (std::int64_t active : {1, 0})
        for (const auto& r : conn.query(kDistinct, {company_id, active, company_id, active, company_id, active}))
            by_key.emplace(r.text(0), r.text(1));
    std::vector<std::string> out;
    for (auto& [key, name] : by_key) out.push_back(std::move(name));
    return out;
}

}  // namespace comptoir::catalog::storage
