#include "modules/crm/crm_module.hpp"

#include "modules/crm/api/client_api.hpp"
#include "modules/crm/api/import_api.hpp"
#include "modules/crm/http/client_pages.hpp"
#include "modules/crm/http/import_pages.hpp"
#include <filesystem>

#include "modules/crm/service/client_service.hpp"
#include "modules/crm/service/export_service.hpp"
#include "modules/crm/service/import_service.hpp"

namespace comptoir::crm {

struct CrmModule::Impl {
    explicit Impl(store::Database& db)
        : clients(db), imports(db, clients), exports(db, std::filesystem::temp_directory_path().string()) {}
    ClientService clients;
    ImportService imports;  // after clients: its worker uses them, and stops first
    ExportService exports;
};

CrmModule::CrmModule(store::Database& db) : impl_(std::make_unique<Impl>(db)) {}
CrmModule::~CrmModule() = default;

ClientService& CrmModule::clients() { return impl_->clients; }
ImportService& CrmModule::imports() { return impl_->imports; }
ExportService& CrmModule::exports() { return impl_->exports; }

void CrmModule::register_routes(http::WebServer& web) {
    web.add_nav({"clients", "nav.clients", "/clients", "clients", false, 10});
    // /clients/import and /clients/export before the /clients/{id} patterns.
    register_import_pages(web, impl_->imports, impl_->exports);
    register_client_pages(web, impl_->clients);
    register_client_api(web, impl_->clients);
    register_import_api(web, impl_->imports, impl_->exports);
}

}  // namespace comptoir::crm
