// Route groups of the commercial documents' pages (registered by register_document_pages), and what
// they share: the services they call.
#pragma once

#include <cstdint>

#include "http/web_server.hpp"
#include "modules/crm/service/client_service.hpp"
#include "modules/identity/service/company_service.hpp"
#include "modules/sales/service/document_service.hpp"

namespace comptoir::sales::pages {

struct PageDeps {
    DocumentService& documents;
    crm::ClientService& clients;
    identity::CompanyService& companies;

    // The company's low-margin threshold (taux de marque, basis points) for the margin warning.
    std::int64_t margin_threshold(const Actor& actor) const { return documents.margin_threshold(actor); }
};

void register_list_page(http::WebServer& web, PageDeps deps);
void register_editor_pages(http::WebServer& web, PageDeps deps);
void register_document_page(http::WebServer& web, PageDeps deps);
void register_action_pages(http::WebServer& web, PageDeps deps);
void register_settings_page(http::WebServer& web, PageDeps deps);

// The document page with an optional notice (an action that failed), as GET /documents/{id} shows it.
void render_document_page(http::PageContext& ctx, const PageDeps& deps, std::int64_t id, const Error* failure = nullptr);

}  // namespace comptoir::sales::pages
