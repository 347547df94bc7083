#include "modules/catalog/http/catalog_pages.hpp"

#include "modules/catalog/http/pages_internal.hpp"

namespace comptoir::catalog {

void register_catalog_pages(http::WebServer& web, CatalogService& service) {
    pages::register_list_page(web, service);
    pages::register_picker(web, service);
    pages::register_form_pages(web, service);
    pages::register_card_page(web, service);
}

}  // namespace comptoir::catalog
