#include "app/app.hpp"

#include <filesystem>

#include "app/gdpr_sources.hpp"

#include "modules/audit/audit_log.hpp"
#include "modules/catalog/service/catalog_service.hpp"
#include "modules/crm/service/client_service.hpp"
#include "modules/einvoice/service/einvoice_service.hpp"
#include "modules/gdpr/service/gdpr_service.hpp"
#include "modules/payments/service/payment_service.hpp"
#include "modules/sales/service/document_service.hpp"

namespace comptoir {

std::string default_database_url(const std::string& data_dir) {
    return (std::filesystem::path(data_dir) / "comptoir.db").string();
}

App::App(AppConfig config) : config_(std::move(config)) {
    std::filesystem::create_directories(config_.data_dir);
    if (config_.database_url.empty()) config_.database_url = default_database_url(config_.data_dir);
    db_ = store::open_database(config_.database_url, config_.pool_size);

    std::vector<store::Migration> all;
    for (auto& m : identity::IdentityModule::migrations()) all.push_back(std::move(m));
    for (auto& m : audit::migrations()) all.push_back(std::move(m));
    for (auto& m : crm::CrmModule::migrations()) all.push_back(std::move(m));
    for (auto& m : catalog::CatalogModule::migrations()) all.push_back(std::move(m));
    for (auto& m : sales::SalesModule::migrations()) all.push_back(std::move(m));
    for (auto& m : payments::PaymentsModule::migrations()) all.push_back(std::move(m));
    for (auto& m : dashboard::DashboardModule::migrations()) all.push_back(std::move(m));
    for (auto& m : mail::MailModule::migrations()) all.push_back(std::move(m));
    for (auto& m : einvoice::EinvoiceModule::migrations()) all.push_back(std::move(m));
    for (auto& m : duplicates::DuplicatesModule::migrations()) all.push_back(std::move(m));
    for (auto& m : gdpr::GdprModule::migrations()) all.push_back(std::move(m));
    store::migrate(*db_, all);
    // Fresh planner statistics, so search drives from the selective index; cheap when nothing changed.
    if (db_->dialect() == store::Dialect::Sqlite) db_->acquire()->execute_script("PRAGMA optimize=0x10002");

    identity_ = std::make_unique<identity::IdentityModule>(*db_, config_.data_dir);
    crm_ = std::make_unique<crm::CrmModule>(*db_);
    catalog_ = std::make_unique<catalog::CatalogModule>(*db_);
    sales_ = std::make_unique<sales::SalesModule>(*db_, crm_->clients(), identity_->companies());
    sales_->documents().use_catalog(catalog_->items());
    payments_ = std::make_unique<payments::PaymentsModule>(*db_, crm_->clients(), sales_->documents());
    sales_->documents().use_payment_status(payments_->payments());
    mail_ = std::make_unique<mail::MailModule>(*db_, sales_->documents(), crm_->clients(), identity_->companies());
    payments_->payments().add_history_source(mail_->history());
    einvoice_ = std::make_unique<einvoice::EinvoiceModule>(*db_, sales_->documents(), identity_->companies());
    sales_->documents().use_issue_hooks(einvoice_->einvoices());
    dashboard_ = std::make_unique<dashboard::DashboardModule>(*db_, identity_->companies());
    duplicates_ = std::make_unique<duplicates::DuplicatesModule>(*db_, crm_->clients());
    // Rows of other modules that belong to a client: crm will not undo an import (nor, later, merge)
    // without knowing a client is in use there.
    crm_->clients().add_client_reference({"documents", "documents commerciaux", "commercial documents"});
    crm_->clients().add_client_reference({"payments", "règlements", "payments"});
    crm_->clients().add_client_reference({"mail_sends", "e-mails envoyés", "emails sent"});
    // The consent history moves with its client but never stops an import's undo.
    crm_->clients().add_client_reference({"client_consent_events", "historique des consentements", "consent history", false});
    gdpr_ = std::make_unique<gdpr::GdprModule>(*db_, crm_->clients());
    plug_gdpr_sources(gdpr_->gdpr());
    crm::ClientReference public_sector{"einvoice_public_clients", "données secteur public (Chorus Pro)",
                                       "public-sector data (Chorus Pro)"};
    public_sector.one_per_client = true;
    crm_->clients().add_client_reference(public_sector);
    // A duplicates group's members: never moved by a merge (the group is the merge's record), removed
    // with clients an import's undo removes.
    crm_->clients().add_client_reference({"duplicate_members", "groupes de doublons", "duplicate groups", false});
}

// Members go in reverse order of declaration, which would free e-invoicing (and the other modules the
// documents' background PDF renderers call into) while a render may still be running: the renderers
// stop first.
App::~App() {
    web_.reset();
    sales_.reset();
}

http::WebServer& App::web() {
    if (!web_) {
        web_ = std::make_unique<http::WebServer>(config_.server, identity_->authenticator());
        identity_->register_routes(*web_);
        crm_->register_routes(*web_);
        catalog_->register_routes(*web_);
        sales_->register_routes(*web_);
        payments_->register_routes(*web_);
        mail_->register_routes(*web_);
        einvoice_->register_routes(*web_);
        dashboard_->register_routes(*web_);
        duplicates_->register_routes(*web_);
        gdpr_->register_routes(*web_);
    }
    return *web_;
}

}  // namespace comptoir
