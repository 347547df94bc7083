// The client base's pages: list with search as you type, client card, create/edit forms with the live
// duplicate warning, contacts, archive, and the admin page for categories.
#pragma once

#include "http/web_server.hpp"
#include "modules/crm/service/client_service.hpp"

namespace comptoir::crm {

void register_client_pages(http::WebServer& web, ClientService& service);

}  // namespace comptoir::crm
