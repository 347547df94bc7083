// The dashboard: the home page "/" and GET /api/v1/dashboard. Invoiced and collected per month,
// receivables today by age, top clients and open quotes, for a period the user chooses. It reads
// what sales (documents), payments and crm (client names) store and writes nothing.
#pragma once

#include <memory>
#include <vector>

#include "http/web_server.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"

namespace comptoir::identity {
class CompanyService;
}

namespace comptoir::dashboard {

class DashboardService;

class DashboardModule {
public:
    DashboardModule(store::Database& db, identity::CompanyService& companies);
    ~DashboardModule();

    // Covering indexes for the aggregates (on documents, payments and allocations); after sales and payments.
    static std::vector<store::Migration> migrations();
    DashboardService& dashboard();
    // The home page (and its "home" navigation entry) and the API.
    void register_routes(http::WebServer& web);

private:
    identity::CompanyService& companies_;
    std::unique_ptr<DashboardService> service_;
};

}  // namespace comptoir::dashboard
