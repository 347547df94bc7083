#include "modules/crm/service/import_engine.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/clock.hpp"
#include "core/text/search_text.hpp"
#include "core/text/trim.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/crm/model/client_json.hpp"
#include "modules/crm/model/client_validation.hpp"
#include "modules/crm/storage/client_store.hpp"
#include "modules/crm/storage/search_index.hpp"
#include "modules/crm/storage/import_store.hpp"

namespace comptoir::crm::import {
namespace {

using nlohmann::json;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

json message_json(const FieldIssue& issue, const ClientImport& job, const std::vector<int>& contact_groups) {
    json m{{"field", issue.field}, {"code", issue.code}, {"fr", issue.message_fr}, {"en", issue.message_en}};
    if (auto column = column_of_issue(issue.field, job.mapping, contact_groups); column && *column < job.headers.size()) {
        m["column"] = job.headers[*column];
        m["column_index"] = *column;
    }
    return m;
}

// The normalised identifiers the duplicate rules compare.
std::vector<std::string> duplicate_keys(const Client& c) {
    std::vector<std::string> keys;
    auto add = [&](const std::string& kind, const std::string& value) {
        std::string k = kind + ":" + value;
        if (!value.empty() && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    };
    add("email", c.email);
    add("phone", c.phone);
    add("siret", c.siret);
    for (const auto& k : c.contacts) {
        for (const auto& e : k.emails) add("email", e);
        for (const auto& p : k.phones) add("phone", p);
    }
    return keys;
}

struct Decision {
    std::string outcome;  // created, updated, skipped, failed
    json detail = json::object();
};

void set_result(ImportRowRecord& rec, Mode mode, const Decision& d, std::optional<std::int64_t> client_id = {}) {
    if (mode == Mode::Run) {
        rec.outcome = d.outcome;
        rec.detail = d.detail;
        rec.client_id = client_id;
    } else {
        rec.check_outcome = d.outcome;
        rec.check_detail = d.detail;
        if (client_id && *client_id > 0) rec.check_detail["client_id"] = *client_id;
    }
}

Decision failed(const std::vector<FieldIssue>& issues, const ClientImport& job, const std::vector<int>& groups) {
    Decision d{"failed"};
    d.detail["messages"] = json::array();
    for (const auto& i : issues) d.detail["messages"].push_back(message_json(i, job, groups));
    return d;
}

Decision failed_with(const std::string& code, const std::string& fr, const std::string& en) {
    Decision d{"failed"};
    d.detail["messages"] = json::array({{{"field", ""}, {"code", code}, {"fr", fr}, {"en", en}}});
    return d;
}

void load_users(store::Connection& conn, const Actor& actor, EngineState& state) {
    if (state.users_loaded) return;
    state.users_loaded = true;
    for (const auto& r : conn.query("SELECT id, email, name FROM users WHERE company_id = ?", {actor.company_id})) {
        state.users[lower(r.text(1))] = r.int64(0);
        std::string name = lower(trim(r.text(2)));
        if (name.empty()) continue;
        auto [it, inserted] = state.users.emplace(name, r.int64(0));
        if (!inserted && it->second != r.int64(0)) it->second = 0;  // two members with this name: ambiguous
    }
}

void load_categories(store::Connection& conn, const Actor& actor, EngineState& state) {
    if (state.categories_loaded) return;
    state.categories_loaded = true;
    for (const auto& r : conn.query("SELECT id, name_key FROM categories WHERE company_id = ?", {actor.company_id}))
        state.categories[r.text(1)] = r.int64(0);
}

// Team member and categories by name. Categories the file names but the company lacks are created by
// the run (placeholders, negative ids, until then).
void resolve_names(store::Connection& conn, const Actor& actor, EngineState& state, ImportedRow& imported,
                   std::vector<FieldIssue>& issues, std::vector<std::string>& missing_categories) {
    Client& c = imported.client;
    if (!imported.assigned_user.empty()) {
        load_users(conn, actor, state);
        auto it = state.users.find(lower(trim(imported.assigned_user)));
        if (it != state.users.end() && it->second != 0) {
            c.assigned_user_id = it->second;
        } else {
            const std::string shown = imported.assigned_user;
            issues.push_back({"assigned_user_id", "assigned_user.unknown",
                              "Aucun membre de l'équipe n'a l'e-mail ou le nom « " + shown + " ».",
                              "No team member has the email or name \"" + shown + "\"."});
        }
    }
    for (const auto& name : imported.category_names) {
        std::string key = fold(name);
        if (key.empty()) continue;
        if (name.size() > 60) {
            issues.push_back({"category_ids", "category.too_long",
                              "Le nom de catégorie « " + name.substr(0, 60) + "… » dépasse 60 caractères.",
                              "The category name \"" + name.substr(0, 60) + "…\" exceeds 60 characters."});
            continue;
        }
        load_categories(conn, actor, state);
        auto it = state.categories.find(key);
        if (it != state.categories.end() && it->second > 0) {
            if (std::find(c.category_ids.begin(), c.category_ids.end(), it->second) == c.category_ids.end())
                c.category_ids.push_back(it->second);
        } else if (std::find(missing_categories.begin(), missing_categories.end(), name) == missing_categories.end()) {
            missing_categories.push_back(name);
        }
    }
    std::sort(c.category_ids.begin(), c.category_ids.end());
}

// In a run, the categories the row names that do not exist yet are created (once per import).
void create_categories(store::Connection& conn, const Actor& actor, EngineState& state, Client& c,
                       const std::vector<std::string>& missing, const std::string& now) {
    for (const auto& name : missing) {
        std::string key = fold(name);
        auto it = state.categories.find(key);
        std::int64_t id;
        if (it != state.categories.end() && it->second > 0) {
            id = it->second;
        } else {
            id = conn.insert("INSERT INTO categories (company_id, name, name_key, color, created_at) VALUES (?, ?, ?, ?, ?)",
                             {actor.company_id, trim(name), key, std::string("#4f46e5"), now});
            audit::record(conn, actor, "category", id, "create", {{"name", trim(name)}, {"via", "import"}});
            state.categories[key] = id;
            state.created_categories.push_back(id);
            state.chunk_categories.push_back(key);
        }
        if (std::find(c.category_ids.begin(), c.category_ids.end(), id) == c.category_ids.end()) c.category_ids.push_back(id);
    }
    std::sort(c.category_ids.begin(), c.category_ids.end());
}

json categories_to_create(const std::vector<std::string>& missing) {
    json out = json::array();
    for (const auto& m : missing) out.push_back(m);
    return out;
}

bool same_contacts(const std::vector<Contact>& a, const std::vector<Contact>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (contact_json(a[i]) != contact_json(b[i])) return false;
    return true;
}

void remember(EngineState& state, const std::vector<std::string>& keys, const FileRef& ref) {
    for (const auto& k : keys)
        if (state.seen.emplace(k, ref).second) state.chunk_keys.push_back(k);
}

}  // namespace

void EngineState::rollback_chunk() {
    for (const auto& k : chunk_keys) seen.erase(k);
    for (const auto& c : chunk_codes) accounting_codes.erase(c);
    for (const auto& k : chunk_categories) categories.erase(k);
    created_categories.resize(chunk_created_categories);
    begin_chunk();
}

Prepared prepare(const ImportRowRecord& row, const ClientImport& job, const std::string& today) {
    Prepared p;
    p.record = row;
    p.imported = convert_row(job.mapping, job.headers, row.cells);
    p.issues = p.imported.issues;
    for (auto& issue : normalise_client(p.imported.client, today)) p.issues.push_back(std::move(issue));
    return p;
}

void process_row(store::Connection& conn, const Actor& actor, const ClientImport& job, Mode mode, EngineState& state,
                 ChunkWrites& writes, writer::References& refs, const AccountingCodeRule& rule, const std::string& now,
                 Prepared& p) {
    ImportRowRecord& rec = p.record;
    ImportedRow& imported = p.imported;
    Client& c = imported.client;
    std::vector<FieldIssue> issues = p.issues;
    std::vector<std::string> missing_categories;
    resolve_names(conn, actor, state, imported, issues, missing_categories);
    if (issues.empty()) refs.check(c, issues);
    if (!issues.empty()) {
        Decision d = failed(issues, job, imported.contact_groups);
        d.detail["client_name"] = c.display_name();
        return set_result(rec, mode, d);
    }

    // Duplicates: the base, and the rows of the file already decided.
    const auto keys = duplicate_keys(c);
    c.id = 0;
    auto db_matches = storage::find_duplicates(conn, actor.company_id, c);
    json matches = json::array();
    std::set<std::int64_t> targets;
    std::set<std::int64_t> file_rows;
    for (const auto& m : db_matches) {
        targets.insert(m.client_id);
        matches.push_back({{"client_id", m.client_id}, {"client_name", m.client_name}, {"field", m.field},
                           {"value", m.value}, {"contact_name", m.contact_name}});
    }
    for (const auto& k : keys) {
        auto it = state.seen.find(k);
        if (it == state.seen.end()) continue;
        const FileRef& ref = it->second;
        std::string field = k.substr(0, k.find(':')), value = k.substr(k.find(':') + 1);
        bool known = false;
        for (auto& m : matches) {
            if (ref.client_id && m["client_id"] == ref.client_id) {
                m["row"] = ref.line;
                known = true;
            }
        }
        if (known) continue;
        if (!file_rows.insert(ref.row_no).second) continue;
        targets.insert(ref.client_id ? ref.client_id : -ref.row_no);
        matches.push_back({{"client_id", ref.client_id}, {"client_name", ref.client_name}, {"field", field},
                           {"value", value}, {"contact_name", ""}, {"row", ref.line}});
    }

    if (!matches.empty() && job.policy == ImportPolicy::Skip) {
        Decision d{"skipped"};
        d.detail["code"] = "import.duplicate";
        d.detail["matches"] = matches;
        return set_result(rec, mode, d);
    }
    if (job.policy == ImportPolicy::Update && targets.size() > 1) {
        Decision d = failed_with("import.ambiguous",
                                 "Plusieurs fiches correspondent à cette ligne (téléphone, e-mail ou SIRET) : elle n'a "
                                 "pas été importée.",
                                 "Several records match this row (phone, email or SIRET): it was not imported.");
        d.detail["matches"] = matches;
        return set_result(rec, mode, d);
    }

    if (job.policy == ImportPolicy::Update && targets.size() == 1) {
        const std::int64_t target = *targets.begin();
        if (target < 0) {  // dry run: a client an earlier row of the file will create
            Decision d{"updated"};
            d.detail["matches"] = matches;
            d.detail["client_name"] = c.display_name();
            remember(state, keys, {rec.row_no, rec.line, 0, c.display_name()});
            return set_result(rec, mode, d);
        }
        auto base = storage::find_client(conn, actor.company_id, target);
        if (!base) return set_result(rec, mode, failed_with("import.internal", "Fiche introuvable.", "Record not found."));
        ImportedRow merged = convert_row(job.mapping, job.headers, rec.cells, &*base);
        std::vector<FieldIssue> merged_issues = merged.issues;
        for (auto& issue : normalise_client(merged.client, today_iso())) merged_issues.push_back(std::move(issue));
        std::vector<std::string> merged_missing;
        resolve_names(conn, actor, state, merged, merged_issues, merged_missing);
        Client& after = merged.client;
        after.id = target;
        if (merged_issues.empty()) refs.check(after, merged_issues);
        if (merged_issues.empty() && after.accounting_code != base->accounting_code) {
            if (after.accounting_code.empty()) after.accounting_code = base->accounting_code;
            else if (storage::accounting_code_taken(conn, actor.company_id, after.accounting_code, target))
                merged_issues.push_back({"accounting_code", "accounting_code.taken",
                                         "Ce compte auxiliaire est déjà attribué à un autre client.",
                                         "This accounting code is already used by another client."});
        }
        if (!merged_issues.empty()) return set_result(rec, mode, failed(merged_issues, job, merged.contact_groups));
        json changes = audit::diff(audit_snapshot(*base), audit_snapshot(after));
        bool unchanged = changes.empty() && merged_missing.empty() && same_contacts(base->contacts, after.contacts) &&
                         base->category_ids == after.category_ids;
        remember(state, keys, {rec.row_no, rec.line, target, base->display_name()});
        if (unchanged) {
            Decision d{"skipped"};
            d.detail["code"] = "import.unchanged";
            d.detail["client_name"] = base->display_name();
            return set_result(rec, mode, d, target);
        }
        Decision d{"updated"};
        d.detail["client_name"] = after.display_name();
        d.detail["matches"] = matches;
        json fields = json::array();
        for (auto it = changes.begin(); it != changes.end(); ++it) fields.push_back(it.key());
        if (!same_contacts(base->contacts, after.contacts)) fields.push_back("contacts");
        if (base->category_ids != after.category_ids || !merged_missing.empty()) fields.push_back("category_ids");
        d.detail["fields"] = fields;
        if (!merged_missing.empty()) d.detail["new_categories"] = categories_to_create(merged_missing);
        if (mode == Mode::Run) {
            create_categories(conn, actor, state, after, merged_missing, now);
            rec.before_image = to_json(*base).dump(-1, ' ', false, json::error_handler_t::replace);
            // A client created earlier in this chunk still has its search terms waiting for the
            // chunk's sorted write: they describe its old state, and the update reindexes it now.
            std::erase_if(writes.terms, [&](const auto& term) { return term.second == target; });
            writer::write_update(conn, actor, after, now);
            changes = audit::diff(audit_snapshot(*base), audit_snapshot(after));
            changes["via"] = "import";
            changes["import_id"] = job.id;
            audit::record(conn, actor, "client", target, "update", changes);
            d.detail["updated_at"] = now;
        }
        return set_result(rec, mode, d, target);
    }

    // A new client.
    if (!c.accounting_code.empty() && state.accounting_codes.contains(c.accounting_code))
        return set_result(rec, mode,
                          failed({{"accounting_code", "accounting_code.taken",
                                   "Ce compte auxiliaire est déjà donné à une ligne précédente du fichier.",
                                   "This accounting code is already given to an earlier row of the file."}},
                                 job, imported.contact_groups));
    const std::string explicit_code = c.accounting_code;
    Decision d{"created"};
    d.detail["client_name"] = c.display_name();
    if (!matches.empty()) d.detail["matches"] = matches;  // created anyway (policy "create")
    if (!missing_categories.empty()) d.detail["new_categories"] = categories_to_create(missing_categories);
    if (!c.accounting_code.empty() && storage::accounting_code_taken(conn, actor.company_id, c.accounting_code, 0))
        return set_result(rec, mode,
                          failed({{"accounting_code", "accounting_code.taken",
                                   "Ce compte auxiliaire est déjà attribué à un autre client.",
                                   "This accounting code is already used by another client."}},
                                 job, imported.contact_groups));
    std::int64_t id = 0;
    if (mode == Mode::Run) {
        create_categories(conn, actor, state, c, missing_categories, now);
        // Every check is behind us: what is left to fail is exceptional (and rolls the chunk back).
        auto created = writer::write_new(conn, actor, c, {}, DuplicatePolicy::CreateAnyway, refs, rule, now, {&writes.terms});
        if (!created) throw std::runtime_error("import: write_new failed: " + created.error().code);
        id = created->id;
        writes.created_ids.push_back(id);
        d.detail["updated_at"] = now;
    }
    if (!explicit_code.empty() && state.accounting_codes.insert(explicit_code).second)
        state.chunk_codes.push_back(explicit_code);
    remember(state, keys, {rec.row_no, rec.line, id, c.display_name()});
    set_result(rec, mode, d, id ? std::optional<std::int64_t>(id) : std::nullopt);
}

void finish_chunk(store::Connection& conn, const Actor& actor, const ClientImport& job, ChunkWrites& writes) {
    storage::insert_search_terms(conn, actor.company_id, std::move(writes.terms));
    writes.terms.clear();
    // As for a batch: who created each client, when, and through which import; not a copy of every
    // field (the values as created are the client's first state).
    if (!writes.created_ids.empty())
        audit::record_each(conn, actor, "client", writes.created_ids, "create", {{"via", "import"}, {"import_id", job.id}});
    writes.created_ids.clear();
}

}  // namespace comptoir::crm::import

namespace comptoir::crm::import {
namespace {

// The client as the before-image recorded it, with the ids of the contacts that still exist (a contact
// deleted since comes back as a new one).
Client restored_client(const json& before, const Client& current) {
    json copy = before;
    if (copy.contains("contacts"))
        for (auto& k : copy["contacts"]) k.erase("id");
    auto parsed = client_from_json(copy, Client{});
    Client c = parsed ? *parsed : current;
    c.id = current.id;
    if (before.contains("contacts"))
        for (std::size_t i = 0; i < before["contacts"].size() && i < c.contacts.size(); ++i) {
            auto id = before["contacts"][i].value("id", std::int64_t{0});
            bool exists = std::any_of(current.contacts.begin(), current.contacts.end(),
                                      [&](const Contact& k) { return k.id == id; });
            c.contacts[i].id = exists ? id : 0;
        }
    return c;
}

}  // namespace

namespace {

struct Written {
    std::vector<std::int64_t> created;
    std::vector<ImportRowRecord> updated;
    std::map<std::int64_t, std::string> written_at;
};

// What the run did, in file order. A client may appear twice (created by one row, updated by a later
// one): the last write is what it should still look like.
Written written_by(store::Connection& conn, const Actor& actor, const ClientImport& job) {
    Written w;
    std::int64_t after = 0;
    for (;;) {
        auto rows = storage::load_import_rows(conn, actor.company_id, job.id, after, 2000, false);
        if (rows.empty()) break;
        after = rows.back().row_no;
        for (auto& r : rows) {
            if (!r.client_id || (r.outcome != "created" && r.outcome != "updated")) continue;
            w.written_at[*r.client_id] = r.detail.value("updated_at", std::string());
            if (r.outcome == "created") w.created.push_back(*r.client_id);
            else w.updated.push_back(std::move(r));
        }
    }
    return w;
}

}  // namespace

std::optional<Error> undo_blockers(store::Connection& conn, const Actor& actor, const ClientImport& job,
                                   const std::vector<ClientReference>& references) {
    Written w = written_by(conn, actor, job);
    // Clients that have since got documents or payments (whatever module owns them), or were changed
    // since by someone (undoing would lose that work).
    json blocked = json::array();
    std::set<std::int64_t> blocked_ids;
    for (const auto& ref : references) {
        if (!ref.blocks_undo) continue;
        for (const auto& [id, name] : storage::referenced_clients(conn, actor.company_id, job.id, ref.table, 20))
            if (blocked_ids.insert(id).second)
                blocked.push_back({{"client_id", id}, {"client_name", name}, {"reason", "referenced"},
                                   {"reason_fr", ref.label_fr}, {"reason_en", ref.label_en}});
    }
    std::vector<std::int64_t> ids;
    for (const auto& [id, at] : w.written_at) ids.push_back(id);
    for (std::size_t start = 0; start < ids.size(); start += 500) {
        std::vector<std::int64_t> part(ids.begin() + start, ids.begin() + std::min(ids.size(), start + 500));
        for (const auto& r : conn.query("SELECT id, updated_at, display_name FROM clients WHERE company_id = ? AND id " +
                                            storage::id_in(conn.dialect()),
                                        {actor.company_id, storage::id_list_value(conn.dialect(), part)})) {
            if (r.text(1) == w.written_at[r.int64(0)] || !blocked_ids.insert(r.int64(0)).second) continue;
            blocked.push_back({{"client_id", r.int64(0)}, {"client_name", r.text(2)}, {"reason", "changed"},
                               {"reason_fr", "modifiée depuis l'import"}, {"reason_en", "changed since the import"}});
        }
    }
    // Timestamps have one-second steps: an edit made in the same second as the import is caught by
    // the audit log instead (every change of a client is recorded there, after the run's own entry).
    auto mark = conn.query_one("SELECT MAX(id) FROM audit_log WHERE company_id = ? AND entity = 'client_import' AND "
                               "entity_id = ? AND action = 'run'",
                               {actor.company_id, job.id});
    if (mark && !mark->is_null(0)) {
        for (std::size_t start = 0; start < ids.size(); start += 500) {
            std::vector<std::int64_t> part(ids.begin() + start, ids.begin() + std::min(ids.size(), start + 500));
            for (const auto& r : conn.query(
                     "SELECT DISTINCT c.id, c.display_name FROM audit_log a JOIN clients c ON c.company_id = a.company_id "
                     "AND c.id = a.entity_id WHERE a.company_id = ? AND a.entity = 'client' AND a.entity_id " +
                         storage::id_in(conn.dialect()) + " AND a.id > ?",
                     {actor.company_id, storage::id_list_value(conn.dialect(), part), mark->int64(0)})) {
                if (!blocked_ids.insert(r.int64(0)).second) continue;
                blocked.push_back({{"client_id", r.int64(0)}, {"client_name", r.text(1)}, {"reason", "changed"},
                                   {"reason_fr", "modifiée depuis l'import"}, {"reason_en", "changed since the import"}});
            }
        }
    }
    if (blocked.empty()) return std::nullopt;
    std::string names_fr, names_en;
    for (std::size_t i = 0; i < blocked.size() && i < 5; ++i) {
        std::string name = blocked[i]["client_name"].get<std::string>();
        names_fr += (i ? ", " : "") + ("« " + name + " » (" + blocked[i]["reason_fr"].get<std::string>() + ")");
        names_en += (i ? ", " : "") + ("\"" + name + "\" (" + blocked[i]["reason_en"].get<std::string>() + ")");
    }
    if (blocked.size() > 5) {
        names_fr += "…";
        names_en += "…";
    }
    Error e = Error::conflict("import.undo_blocked",
                              "Impossible d'annuler cet import : " + std::to_string(blocked.size()) +
                                  " fiche(s) ont des documents, des paiements ou des modifications depuis : " + names_fr +
                                  ". Rien n'a été modifié.",
                              "This import cannot be undone: " + std::to_string(blocked.size()) +
                                  " record(s) have documents, payments or changes since: " + names_en +
                                  ". Nothing was changed.");
    e.extension_json = json{{"clients", blocked}}.dump();
    return e;
}

ImportCounts undo(store::Connection& conn, const Actor& actor, const ClientImport& job,
                  const std::vector<ClientReference>& references) {
    Written w = written_by(conn, actor, job);
    auto& created = w.created;
    auto& updated = w.updated;
    const std::string now = now_iso();
    ImportCounts done;
    std::set<std::int64_t> removed(created.begin(), created.end());
    // `ref.table` comes from the registry (checked to be an identifier), never from input.
    for (const auto& ref : references)
        for (std::size_t start = 0; !ref.blocks_undo && start < created.size(); start += 500) {
            std::vector<std::int64_t> part(created.begin() + start,
                                           created.begin() + std::min(created.size(), start + 500));
            conn.execute("DELETE FROM " + ref.table + " WHERE company_id = ? AND client_id " +
                             storage::id_in(conn.dialect()),
                         {actor.company_id, storage::id_list_value(conn.dialect(), part)});
        }
    writer::delete_clients(conn, actor.company_id, created);
    done.created = static_cast<std::int64_t>(created.size());
    if (!created.empty())
        audit::record_each(conn, actor, "client", created, "import_undo", {{"import_id", job.id}, {"removed", true}});
    // Updates are undone newest first, so a client updated twice ends as it was before the first.
    for (auto it = updated.rbegin(); it != updated.rend(); ++it) {
        std::int64_t id = *it->client_id;
        if (removed.contains(id)) continue;
        auto current = storage::find_client(conn, actor.company_id, id);
        auto before = json::parse(it->before_image, nullptr, false);
        if (!current || before.is_discarded()) continue;
        Client restored = restored_client(before, *current);
        writer::write_update(conn, actor, restored, now);
        json changes = audit::diff(audit_snapshot(*current), audit_snapshot(restored));
        changes["import_id"] = job.id;
        audit::record(conn, actor, "client", id, "import_undo", changes);
        ++done.updated;
    }
    // Categories the import created and nothing uses any more.
    for (auto category : job.created_categories)
        conn.execute("DELETE FROM categories WHERE company_id = ? AND id = ? AND NOT EXISTS (SELECT 1 FROM "
                     "client_categories cc WHERE cc.company_id = ? AND cc.category_id = ?)",
                     {actor.company_id, category, actor.company_id, category});
    return done;
}

}  // namespace comptoir::crm::import
