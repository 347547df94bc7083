// Commercial documents: quotes, orders, pro-forma and provisional invoices, invoices, deposit and
// situation invoices, credit notes; their numbering, issue (PDF, hash chain) and conversions.
#pragma once

#include <memory>
#include <vector>

#include "http/web_server.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"

namespace comptoir::crm {
class ClientService;
}
namespace comptoir::identity {
class CompanyService;
}

namespace comptoir::sales {

class DocumentService;

class SalesModule {
public:
    SalesModule(store::Database& db, crm::ClientService& clients, identity::CompanyService& companies);
    ~SalesModule();

    static std::vector<store::Migration> migrations();
    DocumentService& documents();
    void register_routes(http::WebServer& web);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace comptoir::sales
