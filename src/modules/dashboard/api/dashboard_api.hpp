// GET /api/v1/dashboard?period=&from=&to=: the dashboard's figures as JSON, amounts as decimal strings.
#pragma once

#include <nlohmann/json.hpp>

#include "http/web_server.hpp"
#include "modules/dashboard/service/dashboard_service.hpp"

namespace comptoir::dashboard {

void register_dashboard_api(http::WebServer& web, DashboardService& service);
nlohmann::json dashboard_json(const Dashboard& d);

}  // namespace comptoir::dashboard
