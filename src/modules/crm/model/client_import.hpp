// A client import as stored: the file read, its mapping, where the dry run and the run stand, and
// what each row became. Plain data; the use cases are in service/import_service.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace comptoir::crm {

// What to do with a row that matches an existing client (or an earlier row of the file) by the
// duplicate rules (normalised phone, e-mail, SIRET).
enum class ImportPolicy { Skip, Update, Create };
std::string to_code(ImportPolicy policy);  // "skip", "update", "create"
std::optional<ImportPolicy> import_policy_from_code(const std::string& code);

// Status: "ready" (read, mapping editable), "checking" (dry run going), "checked" (dry run done),
// "running", "done", "failed" (stopped by an internal error; rows done so far stay), "undoing", "undone".
struct ImportCounts {
    std::int64_t created = 0, updated = 0, skipped = 0, failed = 0;
    nlohmann::json to_json() const {
        return {{"created", created}, {"updated", updated}, {"skipped", skipped}, {"failed", failed}};
    }
    static ImportCounts from_json(const nlohmann::json& j);
    std::int64_t total() const { return created + updated + skipped + failed; }
};

struct ClientImport {
    std::int64_t id = 0;
    std::int64_t company_id = 0;
    std::int64_t created_by = 0;
    std::string created_by_name;
    std::string created_at, updated_at;
    std::string file_name, file_format, file_encoding, file_separator;
    std::int64_t file_bytes = 0;
    std::vector<std::string> headers;
    std::vector<std::string> mapping;  // one field key per column, "" = not imported
    ImportPolicy policy = ImportPolicy::Skip;
    nlohmann::json warnings = nlohmann::json::array();  // [{code, message_fr, message_en}]
    std::int64_t row_count = 0;
    std::string status = "ready";
    std::string checked_policy;  // the policy the dry-run results were computed with
    std::int64_t progress_done = 0, progress_total = 0;
    ImportCounts check_counts, counts;
    std::vector<std::int64_t> created_categories;
    std::string error;
    std::optional<std::int64_t> run_by;
    std::string started_at, finished_at;
    std::optional<std::int64_t> undone_by;
    std::string undone_at;

    bool busy() const { return status == "checking" || status == "running" || status == "undoing"; }
};

// One row: its cells as read, and for the dry run and the run its outcome ("created", "updated",
// "skipped", "failed"; "" not yet), the client concerned and the detail (reasons, matches).
struct ImportRowRecord {
    std::int64_t row_no = 0;  // 1-based among the file's data rows
    std::int64_t line = 0;    // where it is in the file
    std::vector<std::string> cells;
    std::string check_outcome;
    nlohmann::json check_detail = nlohmann::json::object();
    std::string outcome;
    std::optional<std::int64_t> client_id;
    nlohmann::json detail = nlohmann::json::object();
    std::string before_image;  // JSON of the client before an update
};

}  // namespace comptoir::crm
