// Categories segment the client base (e.g. "Artisans", "Grands comptes"); admins manage them.
#include <algorithm>

#include "core/clock.hpp"
#include "core/text/search_text.hpp"
#include "core/text/trim.hpp"
#include "modules/crm/service/client_service.hpp"

namespace comptoir::crm {
namespace {

Error category_not_found() { return Error::not_found("Cette catégorie n'existe pas.", "This category does not exist."); }

std::vector<FieldIssue> check_category(std::string& name, std::string& color) {
    std::vector<FieldIssue> issues;
    name = trim(name);
    if (name.empty())
        issues.push_back({"name", "required", "Le nom de la catégorie est obligatoire.", "The category name is required."});
    else if (name.size() > 60)
        issues.push_back({"name", "too_long", "60 caractères au plus.", "At most 60 characters."});
    if (color.empty()) color = "#4f46e5";
    bool hex = color.size() == 7 && color[0] == '#' &&
               std::all_of(color.begin() + 1, color.end(), [](unsigned char c) { return std::isxdigit(c); });
    if (!hex)
        issues.push_back({"color", "color.invalid", "Couleur invalide : format #RRVVBB.", "Invalid colour: use #RRGGBB."});
    return issues;
}

Error name_taken() {
    return Error::invalid_field("name", "name.taken", "Une catégorie porte déjà ce nom.", "A category already has this name.");
}

}  // namespace

Result<std::vector<Category>> ClientService::categories(const Actor& actor) {
    auto conn = db_.acquire();
    std::vector<Category> out;
    for (const auto& r : conn->query(R"SQL(
SELECT k.id, k.name, k.color, (SELECT COUNT(*) FROM client_categories cc WHERE cc.company_id = k.company_id AND cc.category_id = k.id)
FROM categories k WHERE k.company_id = ? ORDER BY k.name_key)SQL",
                                     {actor.company_id}))
        out.push_back({r.int64(0), r.text(1), r.text(2), r.int64(3)});
    return out;
}

Result<Category> ClientService::create_category(const Actor& actor, const std::string& name_in, const std::string& color_in) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    std::string name = name_in, color = color_in;
    if (auto issues = check_category(name, color); !issues.empty()) return fail(Error::invalid(issues));
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Category> {
        if (conn.query_one("SELECT 1 FROM categories WHERE company_id = ? AND name_key = ?", {actor.company_id, fold(name)}))
            return fail(name_taken());
        auto id = conn.insert("INSERT INTO categories (company_id, name, name_key, color, created_at) VALUES (?, ?, ?, ?, ?)",
                              {actor.company_id, name, fold(name), color, now_iso()});
        audit::record(conn, actor, "category", id, "create", {{"name", name}, {"color", color}});
        return Category{id, name, color, 0};
    });
}

Result<Category> ClientService::update_category(const Actor& actor, std::int64_t id, const std::string& name_in,
                                                const std::string& color_in) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    std::string name = name_in, color = color_in;
    if (auto issues = check_category(name, color); !issues.empty()) return fail(Error::invalid(issues));
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Category> {
        auto before = conn.query_one("SELECT name, color FROM categories WHERE company_id = ? AND id = ?", {actor.company_id, id});
        if (!before) return fail(category_not_found());
        if (conn.query_one("SELECT 1 FROM categories WHERE company_id = ? AND name_key = ? AND id <> ?",
                           {actor.company_id, fold(name), id}))
            return fail(name_taken());
        conn.execute("UPDATE categories SET name = ?, name_key = ?, color = ? WHERE company_id = ? AND id = ?",
                     {name, fold(name), color, actor.company_id, id});
        audit::record(conn, actor, "category", id, "update",
                      audit::diff({{"name", before->text(0)}, {"color", before->text(1)}}, {{"name", name}, {"color", color}}));
        auto count = conn.query_one("SELECT COUNT(*) FROM client_categories WHERE company_id = ? AND category_id = ?",
                                    {actor.company_id, id});
        return Category{id, name, color, count->int64(0)};
    });
}

Result<std::int64_t> ClientService::delete_category(const Actor& actor, std::int64_t id) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<std::int64_t> {
        auto before = conn.query_one("SELECT name FROM categories WHERE company_id = ? AND id = ?", {actor.company_id, id});
        if (!before) return fail(category_not_found());
        // Removing a category only untags its clients; the clients themselves stay.
        conn.execute("DELETE FROM client_categories WHERE company_id = ? AND category_id = ?", {actor.company_id, id});
        conn.execute("DELETE FROM categories WHERE company_id = ? AND id = ?", {actor.company_id, id});
        audit::record(conn, actor, "category", id, "delete", {{"name", before->text(0)}});
        return id;
    });
}

}  // namespace comptoir::crm
