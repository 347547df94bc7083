#include "modules/einvoice/einvoice_module.hpp"

#include <cstdlib>

#include "modules/einvoice/api/einvoice_api.hpp"
#include "modules/einvoice/http/einvoice_pages.hpp"
#include "modules/einvoice/service/chorus_service.hpp"
#include "modules/einvoice/service/einvoice_service.hpp"
#include "modules/einvoice/service/reception_service.hpp"
#include "modules/einvoice/storage/migrations.hpp"

namespace comptoir::einvoice {

struct EinvoiceModule::Impl {
    Impl(store::Database& db, sales::DocumentService& documents, identity::CompanyService& companies)
        : documents(documents), service(db, documents, companies), reception(db, companies, schema_dir()), chorus(db, service) {}
    // The official schemas received files are checked against, when the install has them.
    static std::string schema_dir() {
        const char* dir = std::getenv("COMPTOIR_EINVOICE_SCHEMAS");
        return dir ? dir : "";
    }
    sales::DocumentService& documents;
    EinvoiceService service;
    ReceptionService reception;
    ChorusService chorus;
};

EinvoiceModule::EinvoiceModule(store::Database& db, sales::DocumentService& documents, identity::CompanyService& companies)
    : impl_(std::make_unique<Impl>(db, documents, companies)) {}
EinvoiceModule::~EinvoiceModule() = default;

std::vector<store::Migration> EinvoiceModule::migrations() { return storage::migrations(); }

EinvoiceService& EinvoiceModule::einvoices() { return impl_->service; }
ReceptionService& EinvoiceModule::reception() { return impl_->reception; }
ChorusService& EinvoiceModule::chorus() { return impl_->chorus; }

void EinvoiceModule::register_routes(http::WebServer& web) {
    register_einvoice_api(web, impl_->service);
    register_einvoice_pages(web, impl_->service, impl_->chorus);
    register_supplier_invoice_api(web, impl_->reception);
    register_supplier_invoice_pages(web, impl_->reception);
    register_chorus_api(web, impl_->chorus);
    register_chorus_pages(web, impl_->chorus);
}

}  // namespace comptoir::einvoice
