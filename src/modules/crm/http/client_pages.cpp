#include "modules/crm/http/client_pages.hpp"

#include "modules/crm/http/pages_internal.hpp"

namespace comptoir::crm {

void register_client_pages(http::WebServer& web, ClientService& service) {
    // Literal paths before patterns that could match them (/clients/new before /clients/{id}).
    pages::register_list_page(web, service);
    pages::register_form_pages(web, service);
    pages::register_card_page(web, service);
    pages::register_contact_pages(web, service);
    pages::register_category_pages(web, service);
}

}  // namespace comptoir::crm
