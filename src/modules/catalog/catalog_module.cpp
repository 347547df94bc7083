#include "modules/catalog/catalog_module.hpp"

#include "modules/catalog/api/catalog_api.hpp"
#include "modules/catalog/http/catalog_pages.hpp"
#include "modules/catalog/service/catalog_service.hpp"

namespace comptoir::catalog {

struct CatalogModule::Impl {
    explicit Impl(store::Database& db) : items(db) {}
    CatalogService items;
};

CatalogModule::CatalogModule(store::Database& db) : impl_(std::make_unique<Impl>(db)) {}
CatalogModule::~CatalogModule() = default;

CatalogService& CatalogModule::items() { return impl_->items; }

void CatalogModule::register_routes(http::WebServer& web) {
    web.add_nav({"catalog", "catalog.nav", "/catalog", "catalog", false, 20});
    register_catalog_pages(web, impl_->items);
    register_catalog_api(web, impl_->items);
}

}  // namespace comptoir::catalog
