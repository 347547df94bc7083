#include "modules/crm/storage/import_store.hpp"

#include "store/bulk_insert.hpp"

namespace comptoir::crm::storage {
namespace {

using nlohmann::json;
using store::Value;

constexpr const char* kImportColumns = R"SQL(
i.id, i.company_id, i.created_by, COALESCE(u.name, ''), i.created_at, i.updated_at, i.file_name, i.file_format,
i.file_encoding, i.file_separator, i.file_bytes, i.headers, i.mapping, i.policy, i.warnings, i.row_count, i.status,
i.checked_policy, i.progress_done, i.progress_total, i.check_counts, i.counts, i.created_categories, i.error,
i.run_by, i.started_at, i.finished_at, i.undone_by, i.undone_at
)SQL";

json parse(const std::string& text, json fallback) {
    auto j = json::parse(text, nullptr, false);
    return j.is_discarded() ? fallback : j;
}

std::vector<std::string> strings(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& v : parse(text, json::array()))
        out.push_back(v.is_string() ? v.get<std::string>() : std::string());
    return out;
}

ClientImport import_from_row(const store::Row& r) {
    ClientImport i;
    std::size_t k = 0;
    i.id = r.int64(k++);
    i.company_id = r.int64(k++);
    i.created_by = r.int64(k++);
    i.created_by_name = r.text(k++);
    i.created_at = r.text(k++);
    i.updated_at = r.text(k++);
    i.file_name = r.text(k++);
    i.file_format = r.text(k++);
    i.file_encoding = r.text(k++);
    i.file_separator = r.text(k++);
    i.file_bytes = r.int64(k++);
    i.headers = strings(r.text(k++));
    i.mapping = strings(r.text(k++));
    i.policy = import_policy_from_code(r.text(k++)).value_or(ImportPolicy::Skip);
    i.warnings = parse(r.text(k++), json::array());
    i.row_count = r.int64(k++);
    i.status = r.text(k++);
    i.checked_policy = r.text(k++);
    i.progress_done = r.int64(k++);
    i.progress_total = r.int64(k++);
    i.check_counts = ImportCounts::from_json(parse(r.text(k++), json::object()));
    i.counts = ImportCounts::from_json(parse(r.text(k++), json::object()));
    for (const auto& v : parse(r.text(k++), json::array()))
        if (v.is_number_integer()) i.created_categories.push_back(v.get<std::int64_t>());
    i.error = r.text(k++);
    i.run_by = r.opt_int64(k++);
    i.started_at = r.text(k++);
    i.finished_at = r.text(k++);
    i.undone_by = r.opt_int64(k++);
    i.undone_at = r.text(k++);
    return i;
}

ImportRowRecord row_from(const store::Row& r) {
    ImportRowRecord row;
    row.row_no = r.int64(0);
    row.line = r.int64(1);
    row.cells = strings(r.text(2));
    row.check_outcome = r.text(3);
    row.check_detail = parse(r.text(4), json::object());
    row.outcome = r.text(5);
    row.client_id = r.opt_int64(6);
    row.detail = parse(r.text(7), json::object());
    row.before_image = r.text(8);
    return row;
}

constexpr const char* kRowColumns =
    "row_no, line, cells, check_outcome, check_detail, outcome, client_id, detail, before_image";

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::int64_t insert_import(store::Connection& conn, const ClientImport& i) {
    return conn.insert(R"SQL(
INSERT INTO client_imports (company_id, created_by, created_at, updated_at, file_name, file_format, file_encoding,
  file_separator, file_bytes, headers, mapping, policy, warnings, row_count, status)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))SQL",
                       {i.company_id, i.created_by, i.created_at, i.updated_at, i.file_name, i.file_format,
                        i.file_encoding, i.file_separator, i.file_bytes, dump(json(i.headers)), dump(json(i.mapping)),
                        to_code(i.policy), dump(i.warnings), i.row_count, i.status});
}

void insert_import_rows(store::Connection& conn, std::int64_t company_id, std::int64_t import_id,
                        const std::vector<ImportRowRecord>& rows) {
    std::vector<std::vector<Value>> values;
    const std::size_t chunk = 2048;
    for (std::size_t start = 0; start < rows.size(); start += chunk) {
        values.clear();
        for (std::size_t r = start; r < std::min(rows.size(), start + chunk); ++r)
            values.push_back({company_id, import_id, rows[r].row_no, rows[r].line, dump(json(rows[r].cells))});
        store::insert_rows(conn, "client_import_rows", {"company_id", "import_id", "row_no", "line", "cells"}, values);
    }
}

std::optional<ClientImport> find_import(store::Connection& conn, std::int64_t company_id, std::int64_t id) {
    auto row = conn.query_one(std::string("SELECT ") + kImportColumns +
                                  " FROM client_imports i LEFT JOIN users u ON u.id = i.created_by "
                                  "WHERE i.company_id = ? AND i.id = ?",
                              {company_id, id});
    if (!row) return std::nullopt;
    return import_from_row(*row);
}

std::vector<ClientImport> list_imports(store::Connection& conn, std::int64_t company_id, int limit) {
    std::vector<ClientImport> out;
    for (const auto& r : conn.query(std::string("SELECT ") + kImportColumns +
                                        " FROM client_imports i LEFT JOIN users u ON u.id = i.created_by "
                                        "WHERE i.company_id = ? ORDER BY i.id DESC LIMIT ?",
                                    {company_id, std::int64_t{limit}}))
        out.push_back(import_from_row(r));
    return out;
}

std::vector<UnfinishedImport> unfinished_imports(store::Connection& conn, const std::string& stale_before) {
    std::vector<UnfinishedImport> out;
    for (const auto& r : conn.query("SELECT company_id, id, heartbeat_at FROM client_imports WHERE status IN "
                                    "('checking', 'running', 'undoing') AND heartbeat_at < ? ORDER BY id",
                                    {stale_before}))
        out.push_back({r.int64(0), r.int64(1), r.text(2)});
    return out;
}

bool claim_import(store::Connection& conn, const UnfinishedImport& import, const std::string& now) {
    return conn.execute("UPDATE client_imports SET heartbeat_at = ? WHERE company_id = ? AND id = ? AND heartbeat_at = ?",
                        {now, import.company_id, import.id, import.heartbeat_at}) == 1;
}

void save_mapping(store::Connection& conn, const ClientImport& i) {
    conn.execute("UPDATE client_imports SET mapping = ?, policy = ?, status = ?, checked_policy = ?, check_counts = ?, "
                 "updated_at = ? WHERE company_id = ? AND id = ?",
                 {dump(json(i.mapping)), to_code(i.policy), i.status, i.checked_policy, dump(i.check_counts.to_json()),
                  i.updated_at, i.company_id, i.id});
}

void set_status(store::Connection& conn, std::int64_t company_id, std::int64_t id, const std::string& status,
                const std::string& now) {
    conn.execute("UPDATE client_imports SET status = ?, updated_at = ?, heartbeat_at = ? WHERE company_id = ? AND id = ?",
                 {status, now, now, company_id, id});
}

void save_progress(store::Connection& conn, const ClientImport& i, const std::string& now) {
    conn.execute(R"SQL(
UPDATE client_imports SET status = ?, policy = ?, checked_policy = ?, progress_done = ?, progress_total = ?,
  check_counts = ?, counts = ?, created_categories = ?, error = ?, run_by = ?, started_at = ?, finished_at = ?,
  undone_by = ?, undone_at = ?, updated_at = ?, heartbeat_at = ?
WHERE company_id = ? AND id = ?)SQL",
                 {i.status, to_code(i.policy), i.checked_policy, i.progress_done, i.progress_total,
                  dump(i.check_counts.to_json()), dump(i.counts.to_json()), dump(json(i.created_categories)), i.error,
                  store::opt(i.run_by), i.started_at, i.finished_at, store::opt(i.undone_by), i.undone_at, now, now,
                  i.company_id, i.id});
}

std::vector<ImportRowRecord> load_import_rows(store::Connection& conn, std::int64_t company_id, std::int64_t import_id,
                                              std::int64_t after_row_no, std::size_t limit, bool pending_only) {
    std::vector<ImportRowRecord> out;
    std::string sql = std::string("SELECT ") + kRowColumns +
                      " FROM client_import_rows WHERE company_id = ? AND import_id = ? AND row_no > ?" +
                      (pending_only ? " AND outcome = ''" : "") + " ORDER BY row_no LIMIT ?";
    for (const auto& r : conn.query(sql, {company_id, import_id, after_row_no, static_cast<std::int64_t>(limit)}))
        out.push_back(row_from(r));
    return out;
}

std::vector<ImportRowRecord> load_rows_with_outcome(store::Connection& conn, std::int64_t company_id,
                                                    std::int64_t import_id, const std::string& outcome, bool check,
                                                    std::int64_t after_row_no, std::size_t limit) {
    std::vector<ImportRowRecord> out;
    std::string sql = std::string("SELECT ") + kRowColumns +
                      " FROM client_import_rows WHERE company_id = ? AND import_id = ? AND row_no > ?";
    std::vector<Value> params{company_id, import_id, after_row_no};
    if (!outcome.empty()) {
        sql += check ? " AND check_outcome = ?" : " AND outcome = ?";
        params.emplace_back(outcome);
    }
    sql += " ORDER BY row_no LIMIT ?";
    params.emplace_back(static_cast<std::int64_t>(limit));
    for (const auto& r : conn.query(sql, params)) out.push_back(row_from(r));
    return out;
}

void save_row_check(store::Connection& conn, std::int64_t company_id, std::int64_t import_id, const ImportRowRecord& row) {
    conn.execute("UPDATE client_import_rows SET check_outcome = ?, check_detail = ? "
                 "WHERE import_id = ? AND row_no = ? AND company_id = ?",
                 {row.check_outcome, dump(row.check_detail), import_id, row.row_no, company_id});
}

void save_row_outcome(store::Connection& conn, std::int64_t company_id, std::int64_t import_id,
                      const ImportRowRecord& row) {
    conn.execute("UPDATE client_import_rows SET outcome = ?, client_id = ?, detail = ?, before_image = ? "
                 "WHERE import_id = ? AND row_no = ? AND company_id = ?",
                 {row.outcome, store::opt(row.client_id), dump(row.detail), row.before_image, import_id, row.row_no,
                  company_id});
}

void clear_checks(store::Connection& conn, std::int64_t company_id, std::int64_t import_id) {
    conn.execute("UPDATE client_import_rows SET check_outcome = '', check_detail = '' WHERE company_id = ? AND import_id = ?",
                 {company_id, import_id});
}

ImportCounts count_outcomes(store::Connection& conn, std::int64_t company_id, std::int64_t import_id, bool check) {
    ImportCounts c;
    std::string column = check ? "check_outcome" : "outcome";
    for (const auto& r : conn.query("SELECT " + column + ", COUNT(*) FROM client_import_rows WHERE company_id = ? AND "
                                        "import_id = ? GROUP BY " + column,
                                    {company_id, import_id})) {
        auto outcome = r.text(0);
        auto n = r.int64(1);
        if (outcome == "created") c.created = n;
        else if (outcome == "updated") c.updated = n;
        else if (outcome == "skipped") c.skipped = n;
        else if (outcome == "failed") c.failed = n;
    }
    return c;
}

std::vector<std::pair<std::int64_t, std::string>> referenced_clients(store::Connection& conn, std::int64_t company_id,
                                                                    std::int64_t import_id, const std::string& table,
                                                                    int limit) {
    // `table` comes from ClientService::client_references (checked to be an identifier), never from input.
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (const auto& r : conn.query(
             "SELECT c.id, c.display_name FROM clients c WHERE c.company_id = ? AND c.id IN ("
             "SELECT r.client_id FROM client_import_rows r WHERE r.company_id = ? AND r.import_id = ? "
             "AND r.outcome IN ('created', 'updated')) AND EXISTS (SELECT 1 FROM " + table +
                 " t WHERE t.company_id = c.company_id AND t.client_id = c.id) ORDER BY c.id LIMIT ?",
             {company_id, company_id, import_id, std::int64_t{limit}}))
        out.emplace_back(r.int64(0), r.text(1));
    return out;
}

}  // namespace comptoir::crm::storage
