// /api/v1 endpoints for clients, contacts and categories, and the OpenAPI document.
#pragma once

#include "http/web_server.hpp"
#include "modules/crm/service/client_service.hpp"

namespace comptoir::crm {

void register_client_api(http::WebServer& web, ClientService& service);

}  // namespace comptoir::crm
