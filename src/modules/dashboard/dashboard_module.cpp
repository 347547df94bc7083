#include "modules/dashboard/dashboard_module.hpp"

#include "modules/dashboard/api/dashboard_api.hpp"
#include "modules/dashboard/http/dashboard_page.hpp"
#include "modules/dashboard/service/dashboard_service.hpp"

namespace comptoir::dashboard {

DashboardModule::DashboardModule(store::Database& db, identity::CompanyService& companies)
    : companies_(companies), service_(std::make_unique<DashboardService>(db)) {}
DashboardModule::~DashboardModule() = default;

DashboardService& DashboardModule::dashboard() { return *service_; }

void DashboardModule::register_routes(http::WebServer& web) {
    register_dashboard_page(web, *service_, companies_);
    register_dashboard_api(web, *service_);
}

}  // namespace comptoir::dashboard
