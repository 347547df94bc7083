// The review folder's pages (/clients/duplicates): the groups by status with the scan button, one
// group's members side by side with a choice per field, the merge and its undo, the dismissal.
#pragma once

#include "http/web_server.hpp"
#include "modules/crm/service/client_service.hpp"
#include "modules/duplicates/service/duplicate_service.hpp"

namespace comptoir::duplicates {

void register_duplicate_pages(http::WebServer& web, DuplicateService& service, crm::ClientService& clients);

}  // namespace comptoir::duplicates
