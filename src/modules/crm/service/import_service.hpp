// Importing a client file (admins only): upload (CSV or XLSX, read at once into rows), a column
// mapping guessed from the headers and editable, a preview of the first rows with their errors, a
// dry run (everything checked, nothing written), the run, a per-row report, and an undo of the whole
// import. Dry runs, runs and undos go to a background worker and store their progress in the
// database, so pages and API clients poll it, and a restarted server picks them up again.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/crm/model/client_import.hpp"
#include "modules/crm/service/client_service.hpp"
#include "store/database.hpp"

namespace comptoir::crm {

struct ImportOptions {
    std::size_t max_file_bytes = 30 * 1024 * 1024;
    std::size_t chunk_rows = 2000;  // rows per transaction of a run or dry run
};

// A row of the preview: what the run would do with it, and why.
struct PreviewRow {
    ImportRowRecord record;  // check_outcome / check_detail hold the verdict
};

struct ImportRowPage {
    std::vector<ImportRowRecord> rows;
    std::int64_t next_after = 0;  // 0 on the last page
};

class ImportService {
public:
    ImportService(store::Database& db, ClientService& clients, ImportOptions options = {});
    ~ImportService();
    ImportService(const ImportService&) = delete;
    ImportService& operator=(const ImportService&) = delete;

    std::size_t max_file_bytes() const;

    Result<ClientImport> upload(const Actor& actor, const std::string& file_name, std::string_view bytes);
    Result<ClientImport> get(const Actor& actor, std::int64_t id);
    Result<std::vector<ClientImport>> list(const Actor& actor, int limit = 20);
    // One field key per column ("" = not imported); checked (known fields, no field twice, a name
    // column present). Resets a dry run made with another mapping.
    Result<ClientImport> set_mapping(const Actor& actor, std::int64_t id, std::vector<std::string> mapping,
                                     std::optional<ImportPolicy> policy);
    Result<std::vector<ImportRowRecord>> preview(const Actor& actor, std::int64_t id, std::size_t limit = 20);
    Result<ClientImport> start_check(const Actor& actor, std::int64_t id, std::optional<ImportPolicy> policy);
    Result<ClientImport> start_run(const Actor& actor, std::int64_t id, std::optional<ImportPolicy> policy);
    Result<ClientImport> start_undo(const Actor& actor, std::int64_t id);
    // Rows of the report (run, or dry run with `check`), optionally of one outcome, after `after`.
    Result<ImportRowPage> rows(const Actor& actor, std::int64_t id, const std::string& outcome, bool check,
                               std::int64_t after, std::size_t limit);
    // The report as CSV (UTF-8 with BOM, ';'): line, outcome, client, reason, then the row's cells.
    Result<std::string> report_csv(const Actor& actor, std::int64_t id, bool check, const std::string& locale);

    // Blocks until the worker has nothing queued or running (tests and benchmarks).
    void wait_idle();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// A row's reasons in one line of the viewer's language: "SIRET : clé invalide ; Téléphone : …".
std::string describe_row(const nlohmann::json& detail, const std::string& outcome, const std::string& locale);

}  // namespace comptoir::crm
