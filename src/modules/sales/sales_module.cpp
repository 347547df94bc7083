#include "modules/sales/sales_module.hpp"

#include "modules/sales/api/document_api.hpp"
#include "modules/sales/http/document_pages.hpp"
#include <algorithm>
#include <thread>

#include "modules/sales/service/document_service.hpp"
#include "modules/sales/service/pdf_renderers.hpp"
#include "modules/sales/service/print_document.hpp"

namespace comptoir::sales {

struct SalesModule::Impl {
    Impl(store::Database& db, crm::ClientService& clients, identity::CompanyService& companies)
        : clients(clients),
          companies(companies),
          documents(db, clients, companies, render_document_pdf),
          // Half the cores: rendering must never starve the requests.
          renderers(documents, std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / 2)) {
        documents.on_issued([this] { renderers.wake(); });
    }
    crm::ClientService& clients;  // for the pages: choosing a document's client
    identity::CompanyService& companies;  // for the pages: the company's margin threshold
    DocumentService documents;
    PdfRenderers renderers;
};

SalesModule::SalesModule(store::Database& db, crm::ClientService& clients, identity::CompanyService& companies)
    : impl_(std::make_unique<Impl>(db, clients, companies)) {}
SalesModule::~SalesModule() = default;

DocumentService& SalesModule::documents() { return impl_->documents; }

void SalesModule::register_routes(http::WebServer& web) {
    register_document_api(web, impl_->documents);
    register_document_pages(web, impl_->documents, impl_->clients, impl_->companies);
}

}  // namespace comptoir::sales
