// Exporting the client base (admins only): every field, contacts and categories, as CSV (UTF-8 with
// BOM and ';', what French Excel opens directly) or XLSX, filtered like the client list. An export
// is recorded in the audit log (it is a copy of personal data leaving the application).
#pragma once

#include <string>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/crm/service/client_service.hpp"
#include "modules/crm/storage/client_search.hpp"
#include "store/database.hpp"

namespace comptoir::crm {

struct ExportFile {
    std::string bytes;
    std::string content_type;
    std::string file_name;  // "clients-2026-11-26.csv"
    std::size_t count = 0;
};

class ExportService {
public:
    ExportService(store::Database& db, storage::FulltextIndex* fulltext, std::string temp_dir)
        : db_(db), fulltext_(fulltext), temp_dir_(std::move(temp_dir)) {}
    // `format`: "csv" or "xlsx". The query's sort applies; its limit and cursor are ignored.
    Result<ExportFile> export_clients(const Actor& actor, ClientListQuery query, const std::string& format);

private:
    store::Database& db_;
    storage::FulltextIndex* fulltext_;
    std::string temp_dir_;
};

}  // namespace comptoir::crm
