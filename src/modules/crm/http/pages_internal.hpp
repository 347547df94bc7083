// Route groups of the client base's pages (registered by register_client_pages).
#pragma once

#include "http/web_server.hpp"
#include "modules/crm/service/client_service.hpp"

namespace comptoir::crm::pages {

void register_list_page(http::WebServer& web, ClientService& service);
void register_form_pages(http::WebServer& web, ClientService& service);
void register_card_page(http::WebServer& web, ClientService& service);
void register_contact_pages(http::WebServer& web, ClientService& service);
void register_category_pages(http::WebServer& web, ClientService& service);

}  // namespace comptoir::crm::pages
