// The home page "/": the dashboard (key figures, charts with their tables, top clients) over a
// period chosen in a GET form. Registered by the dashboard module with the "home" navigation entry.
#pragma once

#include <string>

#include "http/web_server.hpp"
#include "modules/dashboard/service/dashboard_service.hpp"

namespace comptoir::identity {
class CompanyService;
}

namespace comptoir::dashboard {

void register_dashboard_page(http::WebServer& web, DashboardService& service, identity::CompanyService& companies);

// JSON text safe inside <script type="application/json">: "<", ">" and "&" become \u003c, \u003e and
// \u0026 (they only ever occur inside JSON strings), so no value can close the element.
std::string script_safe_json(const nlohmann::json& value);

}  // namespace comptoir::dashboard
