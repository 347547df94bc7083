// JSON API of the duplicates review folder (/api/v1/duplicates...), documented in duplicates.openapi.json.
#pragma once

#include "http/web_server.hpp"
#include "modules/duplicates/service/duplicate_service.hpp"

namespace comptoir::duplicates {

void register_duplicate_api(http::WebServer& web, DuplicateService& service);

}  // namespace comptoir::duplicates
