// Route groups of the catalog's pages (registered by register_catalog_pages).
#pragma once

#include "http/web_server.hpp"
#include "modules/catalog/service/catalog_service.hpp"

namespace comptoir::catalog::pages {

void register_list_page(http::WebServer& web, CatalogService& service);
void register_picker(http::WebServer& web, CatalogService& service);
void register_form_pages(http::WebServer& web, CatalogService& service);
void register_card_page(http::WebServer& web, CatalogService& service);

}  // namespace comptoir::catalog::pages
