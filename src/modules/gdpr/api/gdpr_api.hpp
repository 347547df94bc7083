// The GDPR JSON API under /api/v1 (documented in gdpr.openapi.json).
#pragma once

#include "http/web_server.hpp"

namespace comptoir::gdpr {

class GdprService;
void register_gdpr_api(http::WebServer& web, GdprService& service);

}  // namespace comptoir::gdpr
