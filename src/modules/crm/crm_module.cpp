#include "modules/crm/crm_module.hpp"

#include "modules/crm/api/client_api.hpp"
#include "modules/crm/http/client_pages.hpp"
#include "modules/crm/service/client_service.hpp"

namespace comptoir::crm {

struct CrmModule::Impl {
    explicit Impl(store::Database& db) : clients(db) {}
    ClientService clients;
};

CrmModule::CrmModule(store::Database& db) : impl_(std::make_unique<Impl>(db)) {}
CrmModule::~CrmModule() = default;

ClientService& CrmModule::clients() { return impl_->clients; }

void CrmModule::register_routes(http::WebServer& web) {
    web.add_nav({"clients", "nav.clients", "/clients", "clients", false, 10});
    register_client_pages(web, impl_->clients);
    register_client_api(web, impl_->clients);
}

}  // namespace comptoir::crm
