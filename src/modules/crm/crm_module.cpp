#include "modules/crm/crm_module.hpp"

#include "modules/crm/api/client_api.hpp"
#include "modules/crm/api/import_api.hpp"
#include "modules/crm/http/client_pages.hpp"
#include "modules/crm/http/import_pages.hpp"
#include <filesystem>

#include "modules/crm/service/client_service.hpp"
#include "modules/crm/service/export_service.hpp"
#include "modules/crm/service/import_service.hpp"
#include "modules/crm/storage/fulltext_index.hpp"

namespace comptoir::crm {

namespace {
// SQLite's full-text index of clients, in a file beside the database (storage/fulltext_index.hpp).
std::unique_ptr<storage::FulltextIndex> open_fulltext(store::Database& db) {
    if (db.dialect() != store::Dialect::Sqlite) return nullptr;
    return std::make_unique<storage::FulltextIndex>(db, storage::FulltextIndex::path_beside(db.file_path()));
}
}  // namespace

struct CrmModule::Impl {
    explicit Impl(store::Database& db)
        : fulltext(open_fulltext(db)),
          clients(db, fulltext.get()),
          imports(db, clients),
          exports(db, fulltext.get(), std::filesystem::temp_directory_path().string()) {}
    std::unique_ptr<storage::FulltextIndex> fulltext;  // first: the services use it, and its thread stops last
    ClientService clients;
    ImportService imports;  // after clients: its worker uses them, and stops first
    ExportService exports;
};

CrmModule::CrmModule(store::Database& db) : impl_(std::make_unique<Impl>(db)) {}
CrmModule::~CrmModule() = default;

ClientService& CrmModule::clients() { return impl_->clients; }
ImportService& CrmModule::imports() { return impl_->imports; }
ExportService& CrmModule::exports() { return impl_->exports; }
storage::FulltextIndex* CrmModule::fulltext() { return impl_->fulltext.get(); }

void CrmModule::register_routes(http::WebServer& web) {
    web.add_nav({"clients", "nav.clients", "/clients", "clients", false, 10});
    // /clients/import and /clients/export before the /clients/{id} patterns.
    register_import_pages(web, impl_->imports, impl_->exports);
    register_client_pages(web, impl_->clients);
    register_client_api(web, impl_->clients);
    register_import_api(web, impl_->imports, impl_->exports);
}

}  // namespace comptoir::crm
