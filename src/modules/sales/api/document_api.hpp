// /api/v1/documents: commercial documents for integrators (create and edit drafts, validate,
// convert, change status, archive, download the PDF, list with filters).
#pragma once

#include "http/web_server.hpp"
#include "modules/sales/service/document_service.hpp"

namespace comptoir::sales {

void register_document_api(http::WebServer& web, DocumentService& service);
nlohmann::json detail_json(const DocumentDetail& d);

}  // namespace comptoir::sales
