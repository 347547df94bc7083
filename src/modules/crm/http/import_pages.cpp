// /clients/import: upload → column mapping with a preview → dry run → run with a progress bar →
// report (filterable, downloadable) → undo. Each step is a plain form (CSRF-protected); htmx only
// polls the progress while a job runs. /clients/export downloads the list as CSV or XLSX.
#include "modules/crm/http/import_pages.hpp"

#include <httplib.h>

#include "core/clock.hpp"
#include "modules/crm/http/page_support.hpp"
#include "modules/crm/model/import_fields.hpp"

namespace comptoir::crm {
namespace {

using http::Method;
using http::PageContext;
using nlohmann::json;
using pages::opt;
using pages::tr;

Error not_admin() {
    return Error{ErrorKind::Forbidden, "import.forbidden",
                 "L'import et l'export de la base clients sont réservés aux administrateurs.",
                 "Importing and exporting the client base is for administrators.", {}, {}};
}

std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
    for (const auto& [key, value] : values) {
        const std::string token = "{{" + key + "}}";
        for (auto pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + value.size()))
            text.replace(pos, token.size(), value);
    }
    return text;
}

std::string status_class(const std::string& status) {
    if (status == "done") return "badge-success";
    if (status == "failed") return "badge-danger";
    if (status == "undone") return "badge-muted";
    if (status == "checked") return "badge-info";
    if (status == "ready") return "badge-warning";
    return "badge-prospect";
}

std::string outcome_class(const std::string& outcome) {
    if (outcome == "created") return "badge-success";
    if (outcome == "updated") return "badge-info";
    if (outcome == "failed") return "badge-danger";
    return "badge-muted";
}

std::string separator_name(const std::string& sep) {
    if (sep == ";") return "semicolon";
    if (sep == ",") return "comma";
    if (sep == "\t") return "tab";
    return "pipe";
}

std::string counts_text(const PageContext& ctx, const ImportCounts& c) {
    std::string out;
    for (auto [n, key] : {std::pair{c.created, "created"}, std::pair{c.updated, "updated"}, std::pair{c.skipped, "skipped"},
                          std::pair{c.failed, "failed"}}) {
        if (!n) continue;
        out += (out.empty() ? "" : " · ") + std::to_string(n) + " " + tr(ctx, std::string("import.counts.") + key);
    }
    return out;
}

json job_view(const PageContext& ctx, const ClientImport& job) {
    std::string format = job.file_format == "xlsx" ? "Excel (XLSX)" : "CSV";
    if (job.file_format == "csv") {
        format += " · " + tr(ctx, "import.encoding." + job.file_encoding);
        if (!job.file_separator.empty()) format += " · " + tr(ctx, "import.separator." + separator_name(job.file_separator));
    }
    json warnings = json::array();
    for (const auto& w : job.warnings)
        warnings.push_back(w.value(ctx.locale() == "en" ? "message_en" : "message_fr", std::string()));
    return {{"id", job.id},
            {"url", "/clients/import/" + std::to_string(job.id)},
            {"file_name", job.file_name.empty() ? "—" : job.file_name},
            {"rows", job.row_count},
            {"summary", fill(tr(ctx, "import.file_summary"), {{"rows", std::to_string(job.row_count)}, {"format", format}})},
            {"status", job.status},
            {"status_label", tr(ctx, "import.status." + job.status)},
            {"status_class", status_class(job.status)},
            {"date", http::when(job.created_at, ctx.locale())},
            {"by", job.created_by_name},
            {"result", opt(job.status == "done" || job.status == "failed" || job.status == "undone"
                               ? counts_text(ctx, job.counts)
                               : job.status == "checked" ? counts_text(ctx, job.check_counts) : "")},
            {"has_warnings", !warnings.empty()},
            {"warnings", warnings}};
}

// The step indicator: file, columns, dry run, import, report.
json steps(const PageContext& ctx, int current) {
    json out = json::array();
    const char* keys[] = {"step_file", "step_mapping", "step_check", "step_run", "step_report"};
    for (int i = 0; i < 5; ++i)
        out.push_back({{"label", tr(ctx, std::string("import.") + keys[i])},
                       {"state", i < current ? "is-done" : i == current ? "is-current" : ""},
                       {"current", i == current}});
    return out;
}

// A row's verdict for a table: badge, client (with a link once it exists), reasons as a list.
json row_view(const PageContext& ctx, const ImportRowRecord& r, bool check) {
    const std::string& outcome = check ? r.check_outcome : r.outcome;
    const json& detail = check ? r.check_detail : r.detail;
    const bool fr = ctx.locale() != "en";
    std::optional<std::int64_t> client = check ? std::optional<std::int64_t>(detail.value("client_id", std::int64_t{0})) : r.client_id;
    json reasons = json::array();
    if (detail.contains("messages"))
        for (const auto& m : detail["messages"]) {
            std::string column = m.value("column", std::string());
            reasons.push_back({{"column", opt(column)}, {"sep", fr ? " : " : ": "},
                               {"text", m.value(fr ? "fr" : "en", std::string())}});
        }
    std::string summary = describe_row(json{{"code", detail.value("code", std::string())},
                                            {"matches", detail.value("matches", json::array())},
                                            {"fields", detail.value("fields", json::array())},
                                            {"new_categories", detail.value("new_categories", json::array())}},
                                       outcome, ctx.locale());
    if (!summary.empty()) reasons.push_back({{"column", nullptr}, {"sep", ""}, {"text", summary}});
    std::string label = outcome.empty() ? tr(ctx, "import.outcome.pending")
                        : check          ? tr(ctx, "import.check_outcome." + outcome)
                                         : tr(ctx, "import.outcome." + outcome);
    std::string name = detail.value("client_name", std::string());
    if (name.empty() && !r.cells.empty()) name = r.cells.front();
    return {{"line", r.line},
            {"outcome_label", label},
            {"outcome_class", outcome_class(outcome)},
            {"client_name", opt(name)},
            {"client_url", client && *client > 0 ? json("/clients/" + std::to_string(*client)) : json(nullptr)},
            {"has_reasons", !reasons.empty()},
            {"reasons", reasons}};
}

std::string undo_text(const PageContext& ctx, const ImportCounts& counts) {
    std::string text;
    if (counts.created) text = fill(tr(ctx, "import.undo_created"), {{"n", std::to_string(counts.created)}});
    if (counts.updated)
        text += (text.empty() ? "" : " ") + fill(tr(ctx, "import.undo_updated"), {{"n", std::to_string(counts.updated)}});
    return text + " " + tr(ctx, "import.undo_refused");
}

json policy_view(const PageContext& ctx, ImportPolicy selected) {
    json out = json::array();
    for (auto p : {ImportPolicy::Skip, ImportPolicy::Update, ImportPolicy::Create}) {
        std::string code = to_code(p);
        out.push_back({{"value", code}, {"label", tr(ctx, "import.policy." + code)},
                       {"help", tr(ctx, "import.policy_help." + code)}, {"checked", p == selected}});
    }
    return out;
}

// One <select> per column, its options grouped (client card, contact 1..n).
json mapping_view(const PageContext& ctx, const ClientImport& job, const std::vector<ImportRowRecord>& sample,
                  const std::vector<std::string>& mapping, const json& errors) {
    int groups = 2;
    for (const auto& key : mapping)
        if (auto c = contact_key(key)) groups = std::max(groups, c->first);
    groups = std::min(groups + 1, kMaxContactGroups);
    auto fields = import_fields(groups);
    json columns = json::array();
    for (std::size_t i = 0; i < job.headers.size(); ++i) {
        const std::string selected = i < mapping.size() ? mapping[i] : "";
        json client_options = json::array();
        std::map<int, json> contact_options;
        for (const auto& f : fields) {
            json o{{"value", f.key}, {"label", ctx.locale() == "en" ? f.label_en : f.label_fr}, {"selected", f.key == selected}};
            if (auto c = contact_key(f.key)) {
                o["label"] = field_label(f.key, ctx.locale()).substr(field_label(f.key, ctx.locale()).find(" - ") + 3);
                contact_options[c->first].push_back(o);
            } else {
                client_options.push_back(o);
            }
        }
        json option_groups = json::array({{{"label", tr(ctx, "import.group_client")}, {"options", client_options}}});
        for (auto& [n, opts] : contact_options)
            option_groups.push_back({{"label", fill(tr(ctx, "import.group_contact"), {{"n", std::to_string(n)}})},
                                     {"options", opts}});
        std::string samples;
        int shown = 0;
        for (const auto& r : sample) {
            if (i >= r.cells.size() || r.cells[i].empty() || shown == 3) continue;
            std::string v = r.cells[i].size() > 40 ? r.cells[i].substr(0, 40) + "…" : r.cells[i];
            for (auto& ch : v)
                if (ch == '\n') ch = ' ';
            samples += (shown++ ? " · " : "") + v;
        }
        std::string error_key = "mapping[" + std::to_string(i) + "]";
        columns.push_back({{"index", i},
                           {"id", "map-" + std::to_string(i)},
                           {"header", job.headers[i]},
                           {"samples", opt(samples)},
                           {"ignored", selected.empty()},
                           {"groups", option_groups},
                           {"error", errors.contains(error_key) ? errors[error_key] : json(nullptr)}});
    }
    return columns;
}

void render_start(PageContext& ctx, ImportService& imports, const std::optional<Error>& error) {
    auto list = imports.list(ctx.actor());
    if (!list) return ctx.error_page(list.error());
    json history = json::array();
    for (const auto& job : *list) history.push_back(job_view(ctx, job));
    std::string max = std::to_string(imports.max_file_bytes() / (1024 * 1024));
    json data = {{"steps", steps(ctx, 0)},
                 {"file_hint", fill(tr(ctx, "import.file_hint"), {{"max", max}})},
                 {"error", error ? json(ctx.message(*error) + [&] {
                     std::string more;
                     for (const auto& f : error->fields) more += " " + (ctx.locale() == "en" ? f.message_en : f.message_fr);
                     return error->fields.empty() ? std::string() : more;
                 }())
                                 : json(nullptr)},
                 {"has_history", !history.empty()},
                 {"history", history}};
    ctx.render_page("crm/import_start", data, tr(ctx, "import.title"), "clients",
                    error ? (error->kind == ErrorKind::Invalid ? 422 : 400) : 200);
}

// The page of one import, whatever its state.
void render_job(PageContext& ctx, ImportService& imports, std::int64_t id, const std::optional<Error>& error,
                const std::optional<std::vector<std::string>>& typed_mapping = std::nullopt) {
    auto job = imports.get(ctx.actor(), id);
    if (!job) return ctx.error_page(job.error());
    json data = job_view(ctx, *job);
    json errors = error && error->kind == ErrorKind::Invalid ? ctx.field_errors(*error) : json::object();
    data["error"] = error ? json(ctx.message(*error)) : json(nullptr);
    data["error_list"] = json::array();
    if (error)
        for (const auto& f : error->fields) data["error_list"].push_back(ctx.locale() == "en" ? f.message_en : f.message_fr);
    data["has_error_list"] = !data["error_list"].empty();
    data["flash"] = ctx.param("saved") == "1" ? json(tr(ctx, "import.saved")) : json(nullptr);
    const std::string& s = job->status;
    const bool editable = s == "ready" || s == "checked";
    const bool busy = job->busy();
    const bool finished = s == "done" || s == "failed" || s == "undone";
    data["editable"] = editable;
    data["busy"] = busy;
    data["finished"] = finished;
    data["steps"] = steps(ctx, editable ? (s == "checked" ? 3 : 1) : busy ? (s == "checking" ? 2 : 3) : 4);
    if (editable) {
        auto sample = imports.rows(ctx.actor(), id, "", false, 0, 5);
        auto mapping = typed_mapping ? *typed_mapping : job->mapping;
        data["columns"] = mapping_view(ctx, *job, sample ? sample->rows : std::vector<ImportRowRecord>{}, mapping, errors);
        data["policies"] = policy_view(ctx, job->policy);
        data["mapping_error"] = errors.contains("mapping") ? errors["mapping"] : json(nullptr);
        data["run_confirm"] = fill(tr(ctx, "import.run_confirm"), {{"rows", std::to_string(job->row_count)}});
        json preview = json::array();
        if (!typed_mapping)
            if (auto rows = imports.preview(ctx.actor(), id, 10))
                for (const auto& r : *rows) preview.push_back(row_view(ctx, r, true));
        data["has_preview"] = !preview.empty();
        data["preview"] = preview;
        if (s == "checked") {
            data["check"] = {{"intro", fill(tr(ctx, "import.check_intro"),
                                            {{"policy", tr(ctx, "import.policy." + job->checked_policy)}})},
                             {"created", job->check_counts.created}, {"updated", job->check_counts.updated},
                             {"skipped", job->check_counts.skipped}, {"failed", job->check_counts.failed},
                             {"csv", "/clients/import/" + std::to_string(id) + "/report.csv?dry_run=1"}};
            json notable = json::array();
            for (const char* outcome : {"failed", "skipped", "updated"}) {
                auto rows = imports.rows(ctx.actor(), id, outcome, true, 0, 30);
                if (rows)
                    for (const auto& r : rows->rows)
                        if (notable.size() < 50) notable.push_back(row_view(ctx, r, true));
            }
            data["check"]["has_rows"] = !notable.empty();
            data["check"]["rows"] = notable;
        }
    }
    if (busy) data["progress"] = nullptr;  // filled below by the same code as the fragment
    if (finished) {
        std::string outcome = ctx.param("outcome");
        if (outcome != "created" && outcome != "updated" && outcome != "skipped" && outcome != "failed") outcome.clear();
        std::int64_t after = 0;
        if (auto a = http::parse_id(ctx.param("after"))) after = *a;
        auto page = imports.rows(ctx.actor(), id, outcome, false, after, 50);
        json rows = json::array();
        if (page)
            for (const auto& r : page->rows) rows.push_back(row_view(ctx, r, false));
        const std::string base = "/clients/import/" + std::to_string(id);
        json tabs = json::array();
        tabs.push_back({{"label", tr(ctx, "import.filter_all")}, {"href", base}, {"current", outcome.empty()},
                        {"count", job->counts.total()}});
        for (auto [key, n] : {std::pair{"created", job->counts.created}, std::pair{"updated", job->counts.updated},
                              std::pair{"skipped", job->counts.skipped}, std::pair{"failed", job->counts.failed}})
            tabs.push_back({{"label", tr(ctx, std::string("import.stats.") + key)}, {"href", base + "?outcome=" + key},
                            {"current", outcome == key}, {"count", n}});
        data["report"] = {
            {"intro", fill(tr(ctx, "import.report_intro"),
                           {{"file", job->file_name}, {"date", http::when(job->started_at.empty() ? job->created_at : job->started_at, ctx.locale())},
                            {"who", job->created_by_name}})},
            {"created", job->counts.created}, {"updated", job->counts.updated}, {"skipped", job->counts.skipped},
            {"failed", job->counts.failed}, {"tabs", tabs}, {"has_rows", !rows.empty()}, {"rows", rows},
            {"next_url", page && page->next_after ? json(base + pages::query_string({{"outcome", outcome},
                                                                                      {"after", std::to_string(page->next_after)}}))
                                                  : json(nullptr)},
            {"csv", base + "/report.csv"},
            {"failed_note", s == "failed"},
            {"undone", s == "undone" ? json(fill(tr(ctx, "import.undone"), {{"date", http::when(job->undone_at, ctx.locale())}}))
                                     : json(nullptr)},
            {"can_undo", s != "undone" && (job->counts.created + job->counts.updated) > 0},
            {"undo_text", undo_text(ctx, job->counts)},
            {"undo_error", job->error.empty() || job->error == "internal" ? json(nullptr) : json(job->error)}};
    }
    ctx.render_page("crm/import_job", data, tr(ctx, "import.title"), "clients",
                    error ? (error->kind == ErrorKind::Invalid ? 422 : error->kind == ErrorKind::Conflict ? 409 : 400) : 200);
}

json progress_view(const PageContext& ctx, const ClientImport& job) {
    std::string text;
    if (job.status == "checking")
        text = fill(tr(ctx, "import.progress_check"), {{"done", std::to_string(job.progress_done)}, {"total", std::to_string(job.progress_total)}});
    else if (job.status == "running")
        text = fill(tr(ctx, "import.progress_run"), {{"done", std::to_string(job.progress_done)}, {"total", std::to_string(job.progress_total)}});
    else
        text = tr(ctx, "import.progress_undo");
    std::int64_t percent = job.progress_total > 0 ? std::min<std::int64_t>(100, job.progress_done * 100 / job.progress_total) : 0;
    return {{"url", "/clients/import/" + std::to_string(job.id) + "/progress"},
            {"text", text},
            {"done", job.status == "undoing" ? 0 : job.progress_done},
            {"total", std::max<std::int64_t>(job.progress_total, 1)},
            {"percent", percent},
            {"indeterminate", job.status == "undoing"}};
}

std::vector<std::string> mapping_from_form(const PageContext& ctx, std::size_t columns) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < columns; ++i) out.push_back(ctx.param("map_" + std::to_string(i)));
    return out;
}

}  // namespace

void register_import_pages(http::WebServer& web, ImportService& imports, ExportService& exports) {
    web.page(Method::Get, "/clients/import", [&imports](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(not_admin());
        render_start(ctx, imports, std::nullopt);
    });
    web.page(Method::Post, "/clients/import", [&imports](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(not_admin());
        const auto& req = ctx.request();
        if (!req.has_file("file") || req.get_file_value("file").content.empty())
            return render_start(ctx, imports,
                                Error::invalid_field("file", "file.missing", "Choisissez un fichier CSV ou XLSX.",
                                                     "Choose a CSV or XLSX file."));
        auto part = req.get_file_value("file");
        auto job = imports.upload(ctx.actor(), part.filename, part.content);
        if (!job) return render_start(ctx, imports, job.error());
        ctx.redirect("/clients/import/" + std::to_string(job->id));
    });
    web.page(Method::Get, R"(/clients/import/(\d+))", [&imports](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(not_admin());
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(Error::not_found("Cet import n'existe pas.", "This import does not exist."));
        auto job = imports.get(ctx.actor(), *id);
        if (!job) return ctx.error_page(job.error());
        if (job->busy()) {
            json data = job_view(ctx, *job);
            data["busy"] = true;
            data["steps"] = steps(ctx, job->status == "checking" ? 2 : job->status == "running" ? 3 : 4);
            data["progress"] = progress_view(ctx, *job);
            return ctx.render_page("crm/import_job", data, tr(ctx, "import.title"), "clients");
        }
        render_job(ctx, imports, *id, std::nullopt);
    });
    web.page(Method::Get, R"(/clients/import/(\d+)/progress)", [&imports](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(not_admin());
        auto id = ctx.path_id();
        auto job = id ? imports.get(ctx.actor(), *id) : Result<ClientImport>(fail(Error::not_found("", "")));
        if (!job) return ctx.error_page(job.error());
        const std::string page = "/clients/import/" + std::to_string(*id);
        if (!ctx.is_htmx()) return ctx.redirect(page);
        // Finished: the whole page reloads to show the report or the dry run's result.
        if (!job->busy()) {
            ctx.set_response_header("HX-Redirect", page);
            return ctx.render_fragment("crm/_import_progress", {{"progress", progress_view(ctx, *job)}});
        }
        ctx.render_fragment("crm/_import_progress", {{"progress", progress_view(ctx, *job)}});
    });
    web.page(Method::Post, R"(/clients/import/(\d+))", [&imports](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(not_admin());
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(Error::not_found("Cet import n'existe pas.", "This import does not exist."));
        auto job = imports.get(ctx.actor(), *id);
        if (!job) return ctx.error_page(job.error());
        auto mapping = mapping_from_form(ctx, job->headers.size());
        auto policy = import_policy_from_code(ctx.param("policy"));
        auto saved = imports.set_mapping(ctx.actor(), *id, mapping, policy ? policy : std::optional<ImportPolicy>(job->policy));
        if (!saved) return render_job(ctx, imports, *id, saved.error(), mapping);
        std::string action = ctx.param("action");
        if (action == "check" || action == "run") {
            auto started = action == "check" ? imports.start_check(ctx.actor(), *id, std::nullopt)
                                             : imports.start_run(ctx.actor(), *id, std::nullopt);
            if (!started) return render_job(ctx, imports, *id, started.error());
            return ctx.redirect("/clients/import/" + std::to_string(*id));
        }
        ctx.redirect("/clients/import/" + std::to_string(*id) + "?saved=1");
    });
    web.page(Method::Post, R"(/clients/import/(\d+)/undo)", [&imports](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(not_admin());
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(Error::not_found("Cet import n'existe pas.", "This import does not exist."));
        auto started = imports.start_undo(ctx.actor(), *id);
        if (!started) return render_job(ctx, imports, *id, started.error());
        ctx.redirect("/clients/import/" + std::to_string(*id));
    });
    web.page(Method::Get, R"(/clients/import/(\d+)/report\.csv)", [&imports](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(not_admin());
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(Error::not_found("Cet import n'existe pas.", "This import does not exist."));
        bool check = ctx.param("dry_run") == "1";
        auto csv = imports.report_csv(ctx.actor(), *id, check, ctx.locale());
        if (!csv) return ctx.error_page(csv.error());
        auto& res = ctx.response();
        res.set_header("Content-Disposition", "attachment; filename=\"import-" + std::to_string(*id) +
                                                  (check ? "-essai" : "-rapport") + ".csv\"");
        res.set_header("Cache-Control", "no-store");
        res.set_content(*csv, "text/csv; charset=utf-8");
    });
    web.page(Method::Get, "/clients/export", [&exports](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(not_admin());
        // The list page's own parameters (q, status, category, assigned, archived, sort).
        ClientListQuery query;
        query.q = ctx.param("q").substr(0, 200);
        if (auto s = ctx.param("status"); s == "prospect" || s == "client" || s == "former_client") query.status = s;
        if (auto c = http::parse_id(ctx.param("category"))) query.category_id = *c;
        if (auto a = http::parse_id(ctx.param("assigned"))) query.assigned_user_id = *a;
        query.archived = ctx.param("archived") == "1";
        if (auto sort = sort_from_code(ctx.param("sort"))) query.sort = *sort;
        auto file = exports.export_clients(ctx.actor(), query, ctx.param("format") == "xlsx" ? "xlsx" : "csv");
        if (!file) return ctx.error_page(file.error());
        auto& res = ctx.response();
        res.set_header("Content-Disposition", "attachment; filename=\"" + file->file_name + "\"");
        res.set_header("Cache-Control", "no-store");
        res.set_content(file->bytes, file->content_type);
    });
}

}  // namespace comptoir::crm
