// The catalog's pages: the list with search as you type, the item card, the create/edit form, the
// activate/deactivate actions, and the picker fragment the document editor loads.
#pragma once

#include "http/web_server.hpp"
#include "modules/catalog/service/catalog_service.hpp"

namespace comptoir::catalog {

void register_catalog_pages(http::WebServer& web, CatalogService& service);

}  // namespace comptoir::catalog
