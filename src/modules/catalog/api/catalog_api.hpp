// /api/v1/catalog/items: list and search, create, read, update, deactivate and activate.
#pragma once

#include "http/web_server.hpp"
#include "modules/catalog/service/catalog_service.hpp"

namespace comptoir::catalog {

void register_catalog_api(http::WebServer& web, CatalogService& service);

}  // namespace comptoir::catalog
