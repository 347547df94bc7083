#include "modules/crm/service/import_service.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <future>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

#include "core/clock.hpp"
#include "core/text/trim.hpp"
#include "core/text/utf8.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/crm/exchange/csv.hpp"
#include "modules/crm/exchange/table.hpp"
#include "modules/crm/model/import_fields.hpp"
#include "modules/crm/service/import_engine.hpp"
#include "modules/crm/storage/import_store.hpp"

namespace comptoir::crm {
namespace {

using nlohmann::json;

Error import_not_found() { return Error::not_found("Cet import n'existe pas.", "This import does not exist."); }

Error busy_error() {
    return Error::conflict("import.busy", "Cet import est déjà en cours de traitement : attendez la fin.",
                           "This import is being processed: wait until it ends.");
}

// The file's own name, without any folder, in UTF-8, at most 200 bytes.
std::string clean_file_name(const std::string& name) {
    std::string base = name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
    if (!is_valid_utf8(base)) base = quote_excerpt(base, 200);
    std::string out;
    for (char c : base)
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out.push_back(c);
    if (out.size() > 200) out = quote_excerpt(out, 120);
    return out;
}

// Mapping checks, each naming the column: a known field, no single field fed twice, a name column.
std::vector<FieldIssue> check_mapping(const ClientImport& job, const std::vector<std::string>& mapping) {
    std::vector<FieldIssue> issues;
    if (mapping.size() != job.headers.size()) {
        issues.push_back({"mapping", "mapping.size",
                          "Indiquez un champ (ou « ne pas importer ») pour chacune des " +
                              std::to_string(job.headers.size()) + " colonnes.",
                          "Give a field (or \"do not import\") for each of the " + std::to_string(job.headers.size()) +
                              " columns."});
        return issues;
    }
    std::map<std::string, std::size_t> used;
    bool has_name = false;
    for (std::size_t i = 0; i < mapping.size(); ++i) {
        const std::string& key = mapping[i];
        if (key.empty()) continue;
        const std::string column = job.headers[i].empty() ? "n° " + std::to_string(i + 1) : job.headers[i];
        auto field = find_import_field(key);
        if (!field) {
            issues.push_back({"mapping[" + std::to_string(i) + "]", "mapping.unknown_field",
                              "Colonne « " + column + " » : champ inconnu « " + quote_excerpt(key) + " ».",
                              "Column \"" + column + "\": unknown field \"" + quote_excerpt(key) + "\"."});
            continue;
        }
        if (key == "legal_name" || key == "trade_name" || key == "last_name") has_name = true;
        if (field->multiple) continue;
        auto [it, inserted] = used.emplace(key, i);
        if (!inserted) {
            const std::string first = job.headers[it->second].empty() ? "n° " + std::to_string(it->second + 1)
                                                                      : job.headers[it->second];
            issues.push_back({"mapping[" + std::to_string(i) + "]", "mapping.duplicate_field",
                              "Colonne « " + column + " » : le champ « " + field->label_fr +
                                  " » est déjà associé à la colonne « " + first + " ».",
                              "Column \"" + column + "\": the field \"" + field->label_en +
                                  "\" is already given to the column \"" + first + "\"."});
        }
    }
    if (!has_name)
        issues.push_back({"mapping", "mapping.name_missing",
                          "Aucune colonne n'est associée au nom du client : choisissez la colonne de la raison sociale "
                          "(ou du nom, pour des particuliers).",
                          "No column is mapped to the client's name: choose the column of the legal name (or the last "
                          "name, for individuals)."});
    return issues;
}

Actor job_actor(const ClientImport& job, std::int64_t user_id) {
    Actor a;
    a.company_id = job.company_id;
    a.user_id = user_id;
    a.role = Role::Admin;
    return a;
}

std::string outcome_label(const std::string& outcome, bool check, bool fr) {
    if (outcome == "created") return check ? (fr ? "À créer" : "To create") : (fr ? "Créé" : "Created");
    if (outcome == "updated") return check ? (fr ? "À mettre à jour" : "To update") : (fr ? "Mis à jour" : "Updated");
    if (outcome == "skipped") return check ? (fr ? "Ignoré" : "Skipped") : (fr ? "Ignoré" : "Skipped");
    if (outcome == "failed") return check ? (fr ? "En erreur" : "Failed") : (fr ? "En erreur" : "Failed");
    return fr ? "Non traité" : "Not processed";
}

}  // namespace

std::string describe_row(const json& detail, const std::string& outcome, const std::string& locale) {
    const bool fr = locale != "en";
    std::vector<std::string> parts;
    if (detail.contains("messages"))
        for (const auto& m : detail["messages"]) {
            std::string text = m.value(fr ? "fr" : "en", std::string());
            std::string column = m.value("column", std::string());
            parts.push_back(column.empty() ? text : column + (fr ? " : " : ": ") + text);
        }
    if (detail.value("code", std::string()) == "import.unchanged")
        parts.push_back(fr ? "Déjà à jour : aucune valeur ne change." : "Already up to date: no value changes.");
    if (detail.contains("matches") && !detail["matches"].empty()) {
        std::string what;
        for (const auto& m : detail["matches"]) {
            std::string field = m.value("field", std::string());
            std::string field_text = field == "phone" ? (fr ? "téléphone" : "phone")
                                     : field == "email" ? "e-mail"
                                                        : "SIRET";
            std::string who = m.value("client_name", std::string());
            std::int64_t row = m.value("row", std::int64_t{0});
            std::string item = "« " + who + " » (" + field_text;
            if (!fr) item = "\"" + who + "\" (" + field_text;
            if (row) item += fr ? ", ligne " + std::to_string(row) + " du fichier" : ", row " + std::to_string(row) + " of the file";
            item += ")";
            what += (what.empty() ? "" : ", ") + item;
        }
        if (outcome == "skipped") parts.push_back((fr ? "Doublon de " : "Duplicate of ") + what);
        else if (outcome == "updated") parts.push_back((fr ? "Correspond à " : "Matches ") + what);
        else if (outcome == "created") parts.push_back((fr ? "Créé malgré la ressemblance avec " : "Created although it matches ") + what);
        else parts.push_back((fr ? "Correspondances : " : "Matches: ") + what);
    }
    if (detail.contains("fields") && !detail["fields"].empty()) {
        std::string fields;
        for (const auto& f : detail["fields"]) {
            std::string key = f.get<std::string>();
            std::string label = key == "contacts" ? "Contacts"
                                : key == "category_ids" ? (fr ? "Catégories" : "Categories")
                                : key == "assigned_user_id" ? field_label("assigned_user", locale)
                                                            : field_label(key, locale);
            fields += (fields.empty() ? "" : ", ") + label;
        }
        parts.push_back((fr ? "Champs modifiés : " : "Changed fields: ") + fields);
    }
    if (detail.contains("new_categories") && !detail["new_categories"].empty()) {
        std::string names;
        for (const auto& n : detail["new_categories"]) names += (names.empty() ? "" : ", ") + n.get<std::string>();
        parts.push_back((fr ? "Nouvelles catégories : " : "New categories: ") + names);
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : " ; ") + p;
    return out;
}

// ---- the background worker ----

struct ImportService::Impl {
    struct Task {
        std::int64_t company_id = 0;
        std::int64_t import_id = 0;
    };

    Impl(store::Database& database, ClientService& client_service, ImportOptions opts)
        : db(database), clients(client_service), options(opts) {}

    store::Database& db;
    ClientService& clients;
    ImportOptions options;
    std::mutex mutex;
    std::condition_variable wake, idle;
    std::deque<Task> queue;
    bool stopping = false;
    bool working = false;
    std::thread worker;

    void enqueue(Task task) {
        {
            std::lock_guard lock(mutex);
            queue.push_back(task);
        }
        wake.notify_one();
    }

    bool should_stop() {
        std::lock_guard lock(mutex);
        return stopping;
    }

    // Imports a stopped server left going are picked up again (a run continues with the rows it had
    // not done, a dry run or an undo starts over), once nobody has written to them for two minutes:
    // with several servers on one database, the one still working on an import keeps it (each chunk
    // writes the heartbeat), and only one of the others takes it over (claim_import).
    void adopt_unfinished() {
        std::vector<storage::UnfinishedImport> stale;
        {
            auto conn = db.acquire();
            stale = storage::unfinished_imports(*conn, to_iso(now() - std::chrono::minutes(2)));
        }
        for (const auto& u : stale) {
            bool claimed = store::with_transaction(db, true, [&](store::Connection& conn) {
                if (!storage::claim_import(conn, u, now_iso())) return false;
                auto job = storage::find_import(conn, u.company_id, u.id);
                if (job && job->status == "checking") {
                    storage::clear_checks(conn, u.company_id, u.id);
                    conn.execute("UPDATE client_imports SET progress_done = 0 WHERE company_id = ? AND id = ?",
                                 {u.company_id, u.id});
                }
                return true;
            });
            if (claimed) enqueue({u.company_id, u.id});
        }
    }

    void loop() {
        for (;;) {
            Task task;
            {
                std::unique_lock lock(mutex);
                // Idle, it looks for abandoned imports every minute.
                if (!wake.wait_for(lock, std::chrono::minutes(1), [&] { return stopping || !queue.empty(); })) {
                    lock.unlock();
                    try {
                        adopt_unfinished();
                    } catch (const std::exception& e) {
                        std::cerr << "warning: client imports: looking for unfinished imports: " << e.what() << "\n";
                    }
                    continue;
                }
                if (stopping) return;
                task = queue.front();
                queue.pop_front();
                working = true;
            }
            try {
                execute(task);
            } catch (const std::exception& e) {
                // Logged without any row content (it may hold personal data).
                std::cerr << "error: client import " << task.import_id << ": " << e.what() << "\n";
                mark_failed(task);
            } catch (...) {
                mark_failed(task);
            }
            {
                std::lock_guard lock(mutex);
                working = false;
            }
            idle.notify_all();
        }
    }

    void mark_failed(const Task& task) {
        try {
            store::with_transaction(db, true, [&](store::Connection& conn) {
                auto job = storage::find_import(conn, task.company_id, task.import_id);
                if (!job) return;
                job->error = "internal";
                job->status = job->status == "undoing" ? "done" : job->status == "checking" ? "ready" : "failed";
                if (job->status == "failed") job->finished_at = now_iso();
                storage::save_progress(conn, *job, now_iso());
            });
        } catch (...) {
        }
    }

    std::optional<ClientImport> load(const Task& task) {
        auto conn = db.acquire();
        return storage::find_import(*conn, task.company_id, task.import_id);
    }

    void execute(const Task& task) {
        auto job = load(task);
        if (!job) return;
        if (job->status == "checking") process(*job, import::Mode::Check);
        else if (job->status == "running") process(*job, import::Mode::Run);
        else if (job->status == "undoing") run_undo(*job);
    }

    // A dry run or a run, chunk after chunk. Each chunk is one transaction (its rows' clients,
    // contacts, index, audit, outcomes and the progress); while it is written, the next chunk is
    // already being validated on another thread.
    void process(ClientImport job, import::Mode mode) {
        const bool run = mode == import::Mode::Run;
        const Actor actor = job_actor(job, run ? job.run_by.value_or(job.created_by) : job.created_by);
        const std::string today = today_iso();
        import::EngineState state;
        state.created_categories = job.created_categories;
        auto load_chunk = [&](std::int64_t after) {
            auto conn = db.acquire();
            return storage::load_import_rows(*conn, job.company_id, job.id, after, options.chunk_rows, run);
        };
        auto prepare_all = [job, today](std::vector<ImportRowRecord> rows) {
            std::vector<import::Prepared> out;
            out.reserve(rows.size());
            for (const auto& r : rows) out.push_back(import::prepare(r, job, today));
            return out;
        };
        auto rows = load_chunk(0);
        std::int64_t after = rows.empty() ? 0 : rows.back().row_no;
        auto pending = std::async(std::launch::async, prepare_all, std::move(rows));
        for (;;) {
            auto current = pending.get();
            if (current.empty()) break;
            if (should_stop()) return;  // resumed at the next start (status unchanged)
            auto next_rows = load_chunk(after);
            if (!next_rows.empty()) after = next_rows.back().row_no;
            pending = std::async(std::launch::async, prepare_all, std::move(next_rows));
            write_chunk(job, actor, mode, state, current);
        }
        store::with_transaction(db, true, [&](store::Connection& conn) {
            auto fresh = storage::find_import(conn, job.company_id, job.id);
            if (!fresh) return;
            if (run) {
                fresh->counts = storage::count_outcomes(conn, job.company_id, job.id, false);
                fresh->progress_done = fresh->counts.total();
                fresh->status = "done";
                fresh->finished_at = now_iso();
                fresh->created_categories = state.created_categories;
                audit::record(conn, actor, "client_import", job.id, "run",
                              {{"file_name", job.file_name}, {"policy", to_code(job.policy)},
                               {"counts", fresh->counts.to_json()}});
            } else {
                fresh->check_counts = storage::count_outcomes(conn, job.company_id, job.id, true);
                fresh->progress_done = fresh->check_counts.total();
                fresh->status = "checked";
                fresh->checked_policy = to_code(job.policy);
            }
            storage::save_progress(conn, *fresh, now_iso());
        });
    }

    void write_chunk(const ClientImport& job, const Actor& actor, import::Mode mode, import::EngineState& state,
                     std::vector<import::Prepared>& chunk) {
        const bool run = mode == import::Mode::Run;
        auto write = [&](std::vector<import::Prepared*> rows) {
            store::with_transaction(db, true, [&](store::Connection& conn) {
                writer::References refs(conn, actor);
                const auto rule = writer::company_rule(conn, actor);
                const std::string now = now_iso();
                import::ChunkWrites writes;
                for (auto* p : rows) {
                    import::process_row(conn, actor, job, mode, state, writes, refs, rule, now, *p);
                    if (run) storage::save_row_outcome(conn, job.company_id, job.id, p->record);
                    else storage::save_row_check(conn, job.company_id, job.id, p->record);
                }
                if (run) import::finish_chunk(conn, actor, job, writes);
                conn.execute("UPDATE client_imports SET progress_done = progress_done + ?, created_categories = ?, "
                             "updated_at = ?, heartbeat_at = ? WHERE company_id = ? AND id = ?",
                             {static_cast<std::int64_t>(rows.size()), json(state.created_categories).dump(), now, now,
                              job.company_id, job.id});
            });
        };
        std::vector<import::Prepared*> all;
        for (auto& p : chunk) all.push_back(&p);
        state.begin_chunk();
        try {
            write(all);
            return;
        } catch (const std::exception& e) {
            std::cerr << "warning: client import " << job.id << ": chunk rolled back, retrying row by row: " << e.what()
                      << "\n";
            state.rollback_chunk();
        }
        // One row per transaction: a row that still fails is marked failed on its own, the others go in.
        for (auto* p : all) {
            state.begin_chunk();
            try {
                write({p});
                continue;
            } catch (const std::exception&) {
                state.rollback_chunk();
            }
            ImportRowRecord& rec = p->record;
            json detail{{"messages", json::array({{{"field", ""}, {"code", "import.internal"},
                                                   {"fr", "Erreur interne sur cette ligne : elle n'a pas été importée."},
                                                   {"en", "Internal error on this row: it was not imported."}}})}};
            if (run) {
                rec.outcome = "failed";
                rec.detail = detail;
                rec.client_id.reset();
                rec.before_image.clear();
            } else {
                rec.check_outcome = "failed";
                rec.check_detail = detail;
            }
            store::with_transaction(db, true, [&](store::Connection& conn) {
                if (run) storage::save_row_outcome(conn, job.company_id, job.id, rec);
                else storage::save_row_check(conn, job.company_id, job.id, rec);
                conn.execute("UPDATE client_imports SET progress_done = progress_done + 1 WHERE company_id = ? AND id = ?",
                             {job.company_id, job.id});
            });
        }
    }

    void run_undo(ClientImport job) {
        const Actor actor = job_actor(job, job.undone_by.value_or(job.created_by));
        store::with_transaction(db, true, [&](store::Connection& conn) {
            auto fresh = storage::find_import(conn, job.company_id, job.id);
            if (!fresh || fresh->status != "undoing") return;
            if (auto blocked = import::undo_blockers(conn, actor, *fresh, clients.client_references())) {
                // Something changed between the request and now: nothing is undone, the reason is kept.
                fresh->status = fresh->finished_at.empty() ? "failed" : "done";
                fresh->error = blocked->message_fr;
                fresh->undone_by.reset();
                storage::save_progress(conn, *fresh, now_iso());
                return;
            }
            auto undone = import::undo(conn, actor, *fresh, clients.client_references());
            fresh->status = "undone";
            fresh->undone_at = now_iso();
            fresh->error.clear();
            audit::record(conn, actor, "client_import", job.id, "undo",
                          {{"file_name", job.file_name}, {"removed", undone.created}, {"restored", undone.updated}});
            storage::save_progress(conn, *fresh, now_iso());
        });
    }
};

ImportService::ImportService(store::Database& db, ClientService& clients, ImportOptions options)
    : impl_(std::make_unique<Impl>(db, clients, options)) {
    impl_->adopt_unfinished();
    std::lock_guard lock(impl_->mutex);
    impl_->worker = std::thread([this] { impl_->loop(); });
}

ImportService::~ImportService() {
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stopping = true;
    }
    impl_->wake.notify_all();
    if (impl_->worker.joinable()) impl_->worker.join();
}

std::size_t ImportService::max_file_bytes() const { return impl_->options.max_file_bytes; }

void ImportService::wait_idle() {
    std::unique_lock lock(impl_->mutex);
    impl_->idle.wait(lock, [&] { return impl_->stopping || (impl_->queue.empty() && !impl_->working); });
}

Result<ClientImport> ImportService::upload(const Actor& actor, const std::string& file_name, std::string_view bytes) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    const std::size_t max = impl_->options.max_file_bytes;
    if (bytes.size() > max)
        return fail(Error::invalid_field("file", "file.too_large",
                                         "Le fichier dépasse la taille maximale de " + std::to_string(max / (1024 * 1024)) +
                                             " Mo : découpez-le en plusieurs fichiers.",
                                         "The file exceeds the maximum size of " + std::to_string(max / (1024 * 1024)) +
                                             " MB: split it into several files."));
    TRY_RESULT(table, exchange::read_table(bytes));
    // Columns with neither a header nor a value (a trailing separator) are left out; a column with
    // values but no header gets a name.
    std::vector<std::size_t> kept;
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        bool has_values = std::any_of(table.rows.begin(), table.rows.end(), [&](const exchange::TableRow& r) {
            return c < r.cells.size() && r.cells[c].find_first_not_of(" \t\r\n") != std::string::npos;
        });
        if (!trim(table.header[c]).empty() || has_values) kept.push_back(c);
    }
    if (table.rows.empty())
        return fail(Error::invalid_field("file", "file.no_rows",
                                         "Le fichier ne contient que sa ligne d'en-tête : aucune ligne à importer.",
                                         "The file holds only its header row: there is nothing to import."));
    ClientImport job;
    job.company_id = actor.company_id;
    job.created_by = actor.user_id;
    job.created_at = job.updated_at = now_iso();
    job.file_name = clean_file_name(file_name);
    job.file_format = table.format;
    job.file_encoding = table.encoding;
    job.file_separator = table.separator;
    job.file_bytes = static_cast<std::int64_t>(bytes.size());
    for (auto c : kept) {
        std::string h = trim(table.header[c]);
        job.headers.push_back(h.empty() ? "Colonne " + std::to_string(c + 1) : h);
    }
    job.mapping = guess_mapping(job.headers);
    job.row_count = static_cast<std::int64_t>(table.rows.size());
    for (const auto& w : table.warnings)
        job.warnings.push_back({{"code", w.code}, {"message_fr", w.message_fr}, {"message_en", w.message_en}});
    std::vector<ImportRowRecord> rows;
    rows.reserve(table.rows.size());
    std::int64_t row_no = 0;
    for (auto& r : table.rows) {
        ImportRowRecord rec;
        rec.row_no = ++row_no;
        rec.line = static_cast<std::int64_t>(r.line);
        for (auto c : kept) rec.cells.push_back(c < r.cells.size() ? std::move(r.cells[c]) : std::string());
        rows.push_back(std::move(rec));
    }
    return store::with_transaction(impl_->db, true, [&](store::Connection& conn) -> Result<ClientImport> {
        job.id = storage::insert_import(conn, job);
        storage::insert_import_rows(conn, actor.company_id, job.id, rows);
        audit::record(conn, actor, "client_import", job.id, "upload",
                      {{"file_name", job.file_name}, {"rows", job.row_count}, {"format", job.file_format}});
        return *storage::find_import(conn, actor.company_id, job.id);
    });
}

Result<ClientImport> ImportService::get(const Actor& actor, std::int64_t id) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    auto conn = impl_->db.acquire();
    auto job = storage::find_import(*conn, actor.company_id, id);
    if (!job) return fail(import_not_found());
    return *job;
}

Result<std::vector<ClientImport>> ImportService::list(const Actor& actor, int limit) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    auto conn = impl_->db.acquire();
    return storage::list_imports(*conn, actor.company_id, std::clamp(limit, 1, 100));
}

Result<ClientImport> ImportService::set_mapping(const Actor& actor, std::int64_t id, std::vector<std::string> mapping,
                                                std::optional<ImportPolicy> policy) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    return store::with_transaction(impl_->db, true, [&](store::Connection& conn) -> Result<ClientImport> {
        auto job = storage::find_import(conn, actor.company_id, id);
        if (!job) return fail(import_not_found());
        if (job->busy()) return fail(busy_error());
        if (job->status != "ready" && job->status != "checked")
            return fail(Error::conflict("import.finished", "Cet import a déjà été lancé : sa correspondance ne change plus.",
                                        "This import has already run: its mapping can no longer change."));
        if (auto issues = check_mapping(*job, mapping); !issues.empty()) return fail(Error::invalid(issues));
        bool changed = mapping != job->mapping || (policy && *policy != job->policy);
        job->mapping = std::move(mapping);
        if (policy) job->policy = *policy;
        if (changed) {
            // A dry run made with another mapping or policy no longer says what the run would do.
            job->status = "ready";
            job->checked_policy.clear();
            job->check_counts = {};
            storage::clear_checks(conn, actor.company_id, id);
        }
        job->updated_at = now_iso();
        storage::save_mapping(conn, *job);
        return *storage::find_import(conn, actor.company_id, id);
    });
}

Result<std::vector<ImportRowRecord>> ImportService::preview(const Actor& actor, std::int64_t id, std::size_t limit) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    return store::with_transaction(impl_->db, false, [&](store::Connection& conn) -> Result<std::vector<ImportRowRecord>> {
        auto job = storage::find_import(conn, actor.company_id, id);
        if (!job) return fail(import_not_found());
        auto rows = storage::load_import_rows(conn, actor.company_id, id, 0, std::clamp<std::size_t>(limit, 1, 200), false);
        import::EngineState state;
        import::ChunkWrites writes;
        writer::References refs(conn, actor);
        const auto rule = writer::company_rule(conn, actor);
        const std::string today = today_iso(), now = now_iso();
        std::vector<ImportRowRecord> out;
        for (const auto& r : rows) {
            auto p = import::prepare(r, *job, today);
            import::process_row(conn, actor, *job, import::Mode::Preview, state, writes, refs, rule, now, p);
            out.push_back(std::move(p.record));
        }
        return out;
    });
}

namespace {

Result<ClientImport> start(store::Database& db, const Actor& actor, std::int64_t id, std::optional<ImportPolicy> policy,
                           bool run) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    return store::with_transaction(db, true, [&](store::Connection& conn) -> Result<ClientImport> {
        auto job = storage::find_import(conn, actor.company_id, id);
        if (!job) return fail(import_not_found());
        if (job->busy()) return fail(busy_error());
        if (job->status != "ready" && job->status != "checked")
            return fail(Error::conflict("import.finished", "Cet import a déjà été lancé.", "This import has already run."));
        if (auto issues = check_mapping(*job, job->mapping); !issues.empty()) return fail(Error::invalid(issues));
        if (policy) job->policy = *policy;
        job->progress_done = 0;
        job->progress_total = job->row_count;
        job->error.clear();
        if (run) {
            job->status = "running";
            job->run_by = actor.user_id;
            job->started_at = now_iso();
        } else {
            job->status = "checking";
            job->check_counts = {};
            storage::clear_checks(conn, actor.company_id, id);
        }
        storage::save_progress(conn, *job, now_iso());
        return *storage::find_import(conn, actor.company_id, id);
    });
}

}  // namespace

Result<ClientImport> ImportService::start_check(const Actor& actor, std::int64_t id, std::optional<ImportPolicy> policy) {
    TRY_RESULT(job, start(impl_->db, actor, id, policy, false));
    impl_->enqueue({actor.company_id, id});
    return job;
}

Result<ClientImport> ImportService::start_run(const Actor& actor, std::int64_t id, std::optional<ImportPolicy> policy) {
    TRY_RESULT(job, start(impl_->db, actor, id, policy, true));
    impl_->enqueue({actor.company_id, id});
    return job;
}

Result<ClientImport> ImportService::start_undo(const Actor& actor, std::int64_t id) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    TRY_RESULT(job, store::with_transaction(impl_->db, true, [&](store::Connection& conn) -> Result<ClientImport> {
        auto job = storage::find_import(conn, actor.company_id, id);
        if (!job) return fail(import_not_found());
        if (job->busy()) return fail(busy_error());
        if (job->status == "undone")
            return fail(Error::conflict("import.undone", "Cet import a déjà été annulé.", "This import was already undone."));
        if (job->status != "done" && job->status != "failed")
            return fail(Error::conflict("import.not_run", "Cet import n'a pas été lancé : il n'y a rien à annuler.",
                                        "This import has not run: there is nothing to undo."));
        if (auto blocked = import::undo_blockers(conn, actor, *job, impl_->clients.client_references()))
            return fail(*blocked);
        job->status = "undoing";
        job->undone_by = actor.user_id;
        job->error.clear();
        storage::save_progress(conn, *job, now_iso());
        return *storage::find_import(conn, actor.company_id, id);
    }));
    impl_->enqueue({actor.company_id, id});
    return job;
}

Result<ImportRowPage> ImportService::rows(const Actor& actor, std::int64_t id, const std::string& outcome, bool check,
                                          std::int64_t after, std::size_t limit) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    static const std::set<std::string> outcomes{"", "created", "updated", "skipped", "failed"};
    if (!outcomes.contains(outcome))
        return fail(Error::invalid_field("outcome", "outcome.invalid",
                                         "Résultat inconnu : created, updated, skipped ou failed.",
                                         "Unknown outcome: created, updated, skipped or failed."));
    auto conn = impl_->db.acquire();
    if (!storage::find_import(*conn, actor.company_id, id)) return fail(import_not_found());
    limit = std::clamp<std::size_t>(limit, 1, 1000);
    ImportRowPage page;
    page.rows = storage::load_rows_with_outcome(*conn, actor.company_id, id, outcome, check, after, limit + 1);
    if (page.rows.size() > limit) {
        page.rows.pop_back();
        page.next_after = page.rows.back().row_no;
    }
    return page;
}

Result<std::string> ImportService::report_csv(const Actor& actor, std::int64_t id, bool check, const std::string& locale) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    auto conn = impl_->db.acquire();
    auto job = storage::find_import(*conn, actor.company_id, id);
    if (!job) return fail(import_not_found());
    const bool fr = locale != "en";
    const char sep = ';';
    std::string out = "\xEF\xBB\xBF";
    std::vector<std::string> header = {fr ? "Ligne" : "Line", fr ? "Résultat" : "Outcome", "Client",
                                       fr ? "N° de fiche" : "Record id", fr ? "Motif" : "Reason"};
    for (const auto& h : job->headers) header.push_back(h);
    auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i)
            out += (i ? std::string(1, sep) : "") + exchange::csv_field(exchange::defuse_formula(cells[i]), sep);
        out += "\r\n";
    };
    line(header);
    std::int64_t after = 0;
    for (;;) {
        auto rows = storage::load_rows_with_outcome(*conn, actor.company_id, id, "", check, after, 2000);
        if (rows.empty()) break;
        after = rows.back().row_no;
        for (const auto& r : rows) {
            const std::string& outcome = check ? r.check_outcome : r.outcome;
            const json& detail = check ? r.check_detail : r.detail;
            std::optional<std::int64_t> client = check ? std::optional<std::int64_t>(detail.value("client_id", std::int64_t{0}))
                                                       : r.client_id;
            std::vector<std::string> cells = {std::to_string(r.line), outcome_label(outcome, check, fr),
                                              detail.value("client_name", std::string()),
                                              client && *client ? std::to_string(*client) : "",
                                              describe_row(detail, outcome, locale)};
            for (const auto& c : r.cells) cells.push_back(c);
            line(cells);
        }
    }
    return out;
}

}  // namespace comptoir::crm
