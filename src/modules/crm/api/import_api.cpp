#include "modules/crm/api/import_api.hpp"

#include <httplib.h>

#include "http/api_reply.hpp"
#include "modules/crm/api/list_query.hpp"
#include "modules/crm/model/import_fields.hpp"

namespace comptoir::crm {
namespace {

using http::ApiContext;
using http::invalid_id;
using http::Method;
using http::reply;
using nlohmann::json;

json counts_json(const ImportCounts& c) { return c.to_json(); }

json messages_json(const json& detail) {
    json out = json::array();
    if (!detail.contains("messages")) return out;
    for (const auto& m : detail["messages"]) {
        json item{{"field", m.value("field", std::string())}, {"code", m.value("code", std::string())},
                  {"message", m.value("en", std::string())}, {"message_fr", m.value("fr", std::string())},
                  {"column", m.contains("column") ? m["column"] : json(nullptr)}};
        out.push_back(std::move(item));
    }
    return out;
}

json matches_of(const json& detail) {
    json out = json::array();
    if (!detail.contains("matches")) return out;
    for (const auto& m : detail["matches"]) {
        std::int64_t id = m.value("client_id", std::int64_t{0});
        std::int64_t row = m.value("row", std::int64_t{0});
        out.push_back({{"client_id", id ? json(id) : json(nullptr)}, {"client_name", m.value("client_name", std::string())},
                       {"field", m.value("field", std::string())}, {"value", m.value("value", std::string())},
                       {"row", row ? json(row) : json(nullptr)}});
    }
    return out;
}

std::optional<ImportPolicy> policy_param(const json& body, std::vector<FieldIssue>& issues) {
    if (!body.contains("policy") || body["policy"].is_null()) return std::nullopt;
    if (body["policy"].is_string())
        if (auto p = import_policy_from_code(body["policy"].get<std::string>())) return p;
    issues.push_back({"policy", "policy.invalid", "Choix inconnu : skip, update ou create.",
                      "Unknown choice: skip, update or create."});
    return std::nullopt;
}

// A body may be empty for the actions (dry run, run): then the import's stored policy applies.
Result<json> optional_body(const ApiContext& ctx) {
    if (ctx.request().body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
    return ctx.body();
}

// The uploaded file: a multipart form's "file" part, or the raw body (its name from ?file_name=).
struct Upload {
    std::string name;
    std::string bytes;
};

Result<Upload> read_upload(const ApiContext& ctx) {
    const auto& req = ctx.request();
    if (req.is_multipart_form_data()) {
        if (!req.has_file("file"))
            return fail(Error::invalid_field("file", "file.missing", "Joignez le fichier dans le champ « file ».",
                                             "Attach the file in the \"file\" field."));
        auto part = req.get_file_value("file");
        return Upload{part.filename, part.content};
    }
    Upload u{ctx.param("file_name"), req.body};
    if (u.name.empty()) u.name = req.get_header_value("X-File-Name");
    if (u.bytes.empty())
        return fail(Error::invalid_field("file", "file.empty", "Le fichier est vide.", "The file is empty."));
    return u;
}

void send_file(ApiContext& ctx, const std::string& bytes, const std::string& type, const std::string& name) {
    auto& res = ctx.response();
    res.status = 200;
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    res.set_header("Cache-Control", "no-store");
    res.set_content(bytes, type);
}

}  // namespace

json import_json(const ClientImport& job, const std::string& locale) {
    json warnings = json::array();
    for (const auto& w : job.warnings)
        warnings.push_back({{"code", w.value("code", std::string())}, {"message", w.value("message_en", std::string())},
                            {"message_fr", w.value("message_fr", std::string())}});
    std::int64_t percent = job.progress_total > 0 ? job.progress_done * 100 / job.progress_total : 0;
    auto text_or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
    return {{"id", job.id},
            {"status", job.status},
            {"file", {{"name", job.file_name}, {"format", job.file_format}, {"encoding", text_or_null(job.file_encoding)},
                      {"separator", text_or_null(job.file_separator)}, {"bytes", job.file_bytes}}},
            {"row_count", job.row_count},
            {"policy", to_code(job.policy)},
            {"checked_policy", text_or_null(job.checked_policy)},
            {"progress", {{"done", job.progress_done}, {"total", job.progress_total}, {"percent", std::min<std::int64_t>(percent, 100)}}},
            {"dry_run_counts", counts_json(job.check_counts)},
            {"counts", counts_json(job.counts)},
            {"warnings", warnings},
            {"error", text_or_null(job.error)},
            {"created_at", job.created_at},
            {"created_by", {{"id", job.created_by}, {"name", job.created_by_name}}},
            {"started_at", text_or_null(job.started_at)},
            {"finished_at", text_or_null(job.finished_at)},
            {"undone_at", text_or_null(job.undone_at)}};
}

json import_row_json(const ImportRowRecord& row, bool check, const std::string& locale) {
    const std::string& outcome = check ? row.check_outcome : row.outcome;
    const json& detail = check ? row.check_detail : row.detail;
    std::optional<std::int64_t> client = row.client_id;
    if (check) {
        std::int64_t id = detail.value("client_id", std::int64_t{0});
        client = id ? std::optional<std::int64_t>(id) : std::nullopt;
    }
    return {{"row", row.row_no},
            {"line", row.line},
            {"outcome", outcome.empty() ? json(nullptr) : json(outcome)},
            {"client_id", client ? json(*client) : json(nullptr)},
            {"client_name", detail.value("client_name", std::string())},
            {"reason", describe_row(detail, outcome, "en")},
            {"reason_fr", describe_row(detail, outcome, "fr")},
            {"messages", messages_json(detail)},
            {"matches", matches_of(detail)},
            {"cells", row.cells}};
}

void register_import_api(http::WebServer& web, ImportService& imports, ExportService& exports) {
    const std::string base = "/api/v1/client-imports";
    web.api(Method::Post, base, [&imports](ApiContext& ctx) {
        auto upload = read_upload(ctx);
        if (!upload) return ctx.problem(upload.error());
        auto created = imports.upload(ctx.actor(), upload->name, upload->bytes);
        if (created) ctx.set_response_header("Location", "/api/v1/client-imports/" + std::to_string(created->id));
        reply(ctx, created, [&](const ClientImport& j) { return import_json(j, ctx.actor().locale); }, 201);
    });
    web.api(Method::Get, base, [&imports](ApiContext& ctx) {
        reply(ctx, imports.list(ctx.actor()), [&](const std::vector<ClientImport>& list) {
            json data = json::array();
            for (const auto& j : list) data.push_back(import_json(j, ctx.actor().locale));
            return json{{"data", data}};
        });
    });
    web.api(Method::Get, base + R"(/(\d+))", [&imports](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, imports.get(ctx.actor(), *id), [&](const ClientImport& j) { return import_json(j, ctx.actor().locale); });
    });
    auto mapping_json = [](const ClientImport& job, const std::vector<ImportRowRecord>& sample) {
        json columns = json::array();
        int groups = 3;
        for (const auto& key : job.mapping)
            if (auto c = contact_key(key)) groups = std::max(groups, c->first);
        for (std::size_t i = 0; i < job.headers.size(); ++i) {
            json samples = json::array();
            for (const auto& r : sample)
                if (i < r.cells.size() && !r.cells[i].empty() && samples.size() < 3) samples.push_back(r.cells[i]);
            columns.push_back({{"index", i}, {"header", job.headers[i]},
                               {"field", i < job.mapping.size() && !job.mapping[i].empty() ? json(job.mapping[i]) : json(nullptr)},
                               {"samples", samples}});
        }
        json fields = json::array();
        for (const auto& f : import_fields(groups))
            fields.push_back({{"key", f.key}, {"label", f.label_en}, {"label_fr", f.label_fr}, {"multiple", f.multiple}});
        return json{{"columns", columns}, {"policy", to_code(job.policy)}, {"fields", fields}};
    };
    web.api(Method::Get, base + R"(/(\d+)/mapping)", [&imports, mapping_json](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto job = imports.get(ctx.actor(), *id);
        if (!job) return ctx.problem(job.error());
        auto sample = imports.rows(ctx.actor(), *id, "", false, 0, 5);
        if (!sample) return ctx.problem(sample.error());
        ctx.send(mapping_json(*job, sample->rows));
    });
    web.api(Method::Put, base + R"(/(\d+)/mapping)", [&imports, mapping_json](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        std::vector<FieldIssue> issues;
        auto policy = policy_param(*body, issues);
        std::vector<std::string> mapping;
        if (!body->contains("fields") || !(*body)["fields"].is_array()) {
            issues.push_back({"fields", "type", "Une liste « fields » est attendue : un champ (ou null) par colonne.",
                              "A \"fields\" array is expected: one field (or null) per column."});
        } else {
            const auto& fields = (*body)["fields"];
            for (std::size_t i = 0; i < fields.size(); ++i) {
                if (fields[i].is_null()) mapping.emplace_back();
                else if (fields[i].is_string()) mapping.push_back(fields[i].get<std::string>());
                else issues.push_back({"fields[" + std::to_string(i) + "]", "type", "Nom de champ ou null attendu.",
                                       "A field name or null is expected."});
            }
        }
        for (auto it = body->begin(); it != body->end(); ++it)
            if (it.key() != "fields" && it.key() != "policy")
                issues.push_back({it.key(), "unknown_field", "Champ inconnu.", "Unknown field."});
        if (!issues.empty()) return ctx.problem(Error::invalid(issues));
        auto saved = imports.set_mapping(ctx.actor(), *id, std::move(mapping), policy);
        if (!saved) {
            // The service names columns as mapping[i]; the API's field is fields[i].
            Error e = saved.error();
            for (auto& f : e.fields)
                if (f.field.starts_with("mapping")) f.field = "fields" + f.field.substr(7);
            return ctx.problem(e);
        }
        auto sample = imports.rows(ctx.actor(), *id, "", false, 0, 5);
        ctx.send(mapping_json(*saved, sample ? sample->rows : std::vector<ImportRowRecord>{}));
    });
    web.api(Method::Get, base + R"(/(\d+)/preview)", [&imports](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        std::size_t limit = 20;
        if (auto l = ctx.param("limit"); !l.empty()) {
            if (l.size() > 3 || !std::all_of(l.begin(), l.end(), ::isdigit) || std::stoi(l) < 1 || std::stoi(l) > 200)
                return ctx.problem(Error::invalid_field("limit", "limit.range", "Entre 1 et 200 lignes.",
                                                        "Between 1 and 200 rows."));
            limit = std::stoul(l);
        }
        reply(ctx, imports.preview(ctx.actor(), *id, limit), [](const std::vector<ImportRowRecord>& rows) {
            json data = json::array();
            for (const auto& r : rows) data.push_back(import_row_json(r, true, "en"));
            return json{{"data", data}};
        });
    });
    for (auto [suffix, kind] : {std::pair{"/dry-run", 0}, std::pair{"/run", 1}}) {
        web.api(Method::Post, base + R"(/(\d+))" + suffix, [&imports, kind = kind](ApiContext& ctx) {
            auto id = ctx.path_id();
            if (!id) return ctx.problem(invalid_id());
            auto body = optional_body(ctx);
            if (!body) return ctx.problem(body.error());
            std::vector<FieldIssue> issues;
            auto policy = policy_param(*body, issues);
            if (!issues.empty()) return ctx.problem(Error::invalid(issues));
            auto started = kind == 0 ? imports.start_check(ctx.actor(), *id, policy)
                                     : imports.start_run(ctx.actor(), *id, policy);
            reply(ctx, started, [&](const ClientImport& j) { return import_json(j, ctx.actor().locale); }, 202);
        });
    }
    web.api(Method::Post, base + R"(/(\d+)/undo)", [&imports](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, imports.start_undo(ctx.actor(), *id),
              [&](const ClientImport& j) { return import_json(j, ctx.actor().locale); }, 202);
    });
    web.api(Method::Get, base + R"(/(\d+)/report)", [&imports](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        std::string dry = ctx.param("dry_run");
        bool check = dry == "true" || dry == "1";
        std::string format = ctx.param("format");
        if (format == "csv") {
            auto csv = imports.report_csv(ctx.actor(), *id, check, ctx.param("lang") == "en" ? "en" : "fr");
            if (!csv) return ctx.problem(csv.error());
            return send_file(ctx, *csv, "text/csv; charset=utf-8",
                             "import-" + std::to_string(*id) + (check ? "-essai" : "-rapport") + ".csv");
        }
        if (!format.empty() && format != "json")
            return ctx.problem(Error::invalid_field("format", "format.invalid", "Format inconnu : json ou csv.",
                                                    "Unknown format: json or csv."));
        std::int64_t after = 0;
        if (auto cursor = ctx.param("cursor"); !cursor.empty()) {
            if (cursor.size() > 18 || !std::all_of(cursor.begin(), cursor.end(), ::isdigit))
                return ctx.problem(Error::invalid_field("cursor", "cursor.invalid", "Curseur de pagination invalide.",
                                                        "Invalid pagination cursor."));
            after = std::stoll(cursor);
        }
        std::size_t limit = 100;
        if (auto l = ctx.param("limit"); !l.empty()) {
            if (l.size() > 4 || !std::all_of(l.begin(), l.end(), ::isdigit) || std::stoi(l) < 1 || std::stoi(l) > 1000)
                return ctx.problem(Error::invalid_field("limit", "limit.range", "Entre 1 et 1000 lignes.",
                                                        "Between 1 and 1000 rows."));
            limit = std::stoul(l);
        }
        auto job = imports.get(ctx.actor(), *id);
        if (!job) return ctx.problem(job.error());
        reply(ctx, imports.rows(ctx.actor(), *id, ctx.param("outcome"), check, after, limit), [&](const ImportRowPage& page) {
            json data = json::array();
            for (const auto& r : page.rows) data.push_back(import_row_json(r, check, "en"));
            return json{{"import", import_json(*job, ctx.actor().locale)},
                        {"data", data},
                        {"next_cursor", page.next_after ? json(std::to_string(page.next_after)) : json(nullptr)}};
        });
    });

    web.api(Method::Get, "/api/v1/clients/export", [&exports](ApiContext& ctx) {
        auto query = client_list_query(ctx);
        if (!query) return ctx.problem(query.error());
        std::string format = ctx.param("format").empty() ? "csv" : ctx.param("format");
        auto file = exports.export_clients(ctx.actor(), *query, format);
        if (!file) return ctx.problem(file.error());
        send_file(ctx, file->bytes, file->content_type, file->file_name);
    });
}

}  // namespace comptoir::crm
