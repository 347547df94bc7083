// E-invoicing: what Comptoir issues leaves as Factur-X (PDF/A-3 + CII), CII or UBL, checked against
// the EN 16931 and French rules before issue; supplier e-invoices come in; Chorus Pro for the public
// sector. Plugs into sales through sales::IssueHooks (the app wires it), so sales never links here.
#pragma once

#include <memory>
#include <vector>

#include "http/web_server.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"

namespace comptoir::identity {
class CompanyService;
}
namespace comptoir::sales {
class DocumentService;
}

namespace comptoir::einvoice {

class EinvoiceService;
class ReceptionService;
class ChorusService;

class EinvoiceModule {
public:
    EinvoiceModule(store::Database& db, sales::DocumentService& documents, identity::CompanyService& companies);
    ~EinvoiceModule();

    static std::vector<store::Migration> migrations();
    EinvoiceService& einvoices();
    ReceptionService& reception();
    ChorusService& chorus();
    void register_routes(http::WebServer& web);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace comptoir::einvoice
