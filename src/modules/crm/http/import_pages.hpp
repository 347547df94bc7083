// The client import pages (/clients/import...) and the export download (/clients/export). Admins only.
#pragma once

#include "http/web_server.hpp"
#include "modules/crm/service/export_service.hpp"
#include "modules/crm/service/import_service.hpp"

namespace comptoir::crm {

void register_import_pages(http::WebServer& web, ImportService& imports, ExportService& exports);

}  // namespace comptoir::crm
