// The commercial documents' pages: the list (/documents), the editor with its live totals and margins
// (/documents/new, /documents/{id}/edit), the document page with its actions (validate, change
// status, convert, deposit and situation invoices, archive, delete) and its PDF.
#pragma once

#include "http/web_server.hpp"
#include "modules/crm/service/client_service.hpp"
#include "modules/identity/service/company_service.hpp"
#include "modules/sales/service/document_service.hpp"

namespace comptoir::sales {

void register_document_pages(http::WebServer& web, DocumentService& documents, crm::ClientService& clients,
                             identity::CompanyService& companies);

}  // namespace comptoir::sales
