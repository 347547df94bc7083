// Wires the modules together: opens the database, applies every module's migrations in dependency
// order, builds the services and registers their routes on one web server.
#pragma once

#include <memory>
#include <string>

#include "http/web_server.hpp"
#include "modules/catalog/catalog_module.hpp"
#include "modules/crm/crm_module.hpp"
#include "modules/einvoice/einvoice_module.hpp"
#include "modules/gdpr/gdpr_module.hpp"
#include "modules/dashboard/dashboard_module.hpp"
#include "modules/duplicates/duplicates_module.hpp"
#include "modules/identity/identity_module.hpp"
#include "modules/mail/mail_module.hpp"
#include "modules/payments/payments_module.hpp"
#include "modules/sales/sales_module.hpp"
#include "store/database.hpp"

namespace comptoir {

struct AppConfig {
    std::string database_url;  // "postgresql://..." or a SQLite file path
    std::string data_dir = "./data";
    http::ServerOptions server;
    int pool_size = 16;
};

class App {
public:
    explicit App(AppConfig config);
    ~App();

    store::Database& db() { return *db_; }
    identity::IdentityModule& identity() { return *identity_; }
    crm::CrmModule& crm() { return *crm_; }
    catalog::CatalogModule& catalog() { return *catalog_; }
    sales::SalesModule& sales() { return *sales_; }
    payments::PaymentsModule& payments() { return *payments_; }
    mail::MailModule& mail() { return *mail_; }
    einvoice::EinvoiceModule& einvoice() { return *einvoice_; }
    dashboard::DashboardModule& dashboard() { return *dashboard_; }
    duplicates::DuplicatesModule& duplicates() { return *duplicates_; }
    gdpr::GdprModule& gdpr() { return *gdpr_; }
    http::WebServer& web();  // created on first use (the CLI's other commands don't need it)

private:
    AppConfig config_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<identity::IdentityModule> identity_;
    std::unique_ptr<crm::CrmModule> crm_;
    std::unique_ptr<catalog::CatalogModule> catalog_;
    std::unique_ptr<sales::SalesModule> sales_;
    std::unique_ptr<payments::PaymentsModule> payments_;
    std::unique_ptr<mail::MailModule> mail_;
    std::unique_ptr<einvoice::EinvoiceModule> einvoice_;
    std::unique_ptr<dashboard::DashboardModule> dashboard_;
    std::unique_ptr<duplicates::DuplicatesModule> duplicates_;
    std::unique_ptr<gdpr::GdprModule> gdpr_;
    std::unique_ptr<http::WebServer> web_;
};

// The database URL for a data directory when none is given: a SQLite file inside it.
std::string default_database_url(const std::string& data_dir);

}  // namespace comptoir
