#include "modules/sales/http/document_pages.hpp"

#include "modules/sales/http/pages_internal.hpp"

namespace comptoir::sales {

void register_document_pages(http::WebServer& web, DocumentService& documents, crm::ClientService& clients,
                             identity::CompanyService& companies) {
    web.add_nav({"sales", "sales.nav", "/documents", "sales", false, 30});
    pages::PageDeps deps{documents, clients, companies};
    // Literal paths before patterns that could match them (/documents/new before /documents/{id}).
    pages::register_list_page(web, deps);
    pages::register_editor_pages(web, deps);
    pages::register_document_page(web, deps);
    pages::register_action_pages(web, deps);
    pages::register_settings_page(web, deps);
}

}  // namespace comptoir::sales
