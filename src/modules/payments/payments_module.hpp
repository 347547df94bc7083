// Payments: money received from clients (and refunds paid back), allocated to issued invoices (and
// credit notes), from which invoices' payment states and clients' balances are derived.
#pragma once

#include <memory>
#include <vector>

#include "http/web_server.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"

namespace comptoir::crm {
class ClientService;
}
namespace comptoir::sales {
class DocumentService;
}

namespace comptoir::payments {

class PaymentService;

class PaymentsModule {
public:
    PaymentsModule(store::Database& db, crm::ClientService& clients, sales::DocumentService& documents);
    ~PaymentsModule();

    static std::vector<store::Migration> migrations();
    PaymentService& payments();
    void register_routes(http::WebServer& web);

private:
    crm::ClientService& clients_;
    std::unique_ptr<PaymentService> service_;
};

}  // namespace comptoir::payments
