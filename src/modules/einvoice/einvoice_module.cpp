#include "modules/einvoice/einvoice_module.hpp"

#include "modules/einvoice/api/einvoice_api.hpp"
#include "modules/einvoice/http/einvoice_pages.hpp"
#include "modules/einvoice/service/einvoice_service.hpp"
#include "modules/einvoice/storage/migrations.hpp"

namespace comptoir::einvoice {

struct EinvoiceModule::Impl {
    Impl(store::Database& db, sales::DocumentService& documents, identity::CompanyService& companies)
        : documents(documents), service(db, documents, companies) {}
    sales::DocumentService& documents;
    EinvoiceService service;
};

EinvoiceModule::EinvoiceModule(store::Database& db, sales::DocumentService& documents, identity::CompanyService& companies)
    : impl_(std::make_unique<Impl>(db, documents, companies)) {}
EinvoiceModule::~EinvoiceModule() = default;

std::vector<store::Migration> EinvoiceModule::migrations() { return storage::migrations(); }

EinvoiceService& EinvoiceModule::einvoices() { return impl_->service; }

void EinvoiceModule::register_routes(http::WebServer& web) {
    register_einvoice_api(web, impl_->service);
    register_einvoice_pages(web, impl_->service);
}

}  // namespace comptoir::einvoice
