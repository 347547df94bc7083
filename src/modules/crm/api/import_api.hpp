// /api/v1 endpoints of the client import (upload, mapping, preview, dry run, run, progress, report,
// undo) and of the export. Admins only (the services check).
#pragma once

#include "http/web_server.hpp"
#include "modules/crm/service/export_service.hpp"
#include "modules/crm/service/import_service.hpp"

namespace comptoir::crm {

void register_import_api(http::WebServer& web, ImportService& imports, ExportService& exports);

// The shapes shared with the pages' JSON fragments and tests.
nlohmann::json import_json(const ClientImport& job, const std::string& locale);
nlohmann::json import_row_json(const ImportRowRecord& row, bool check, const std::string& locale);

}  // namespace comptoir::crm
