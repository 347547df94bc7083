#include "modules/gdpr/gdpr_module.hpp"

#include "modules/crm/service/client_service.hpp"

#include "modules/gdpr/api/gdpr_api.hpp"
#include "modules/gdpr/http/gdpr_pages.hpp"
#include "modules/gdpr/service/gdpr_service.hpp"

namespace comptoir::gdpr {
namespace {

// Per-company settings (the prospects' retention period, in years) and the register of processing
// activities as the company edited it: one row per activity key, absent rows read as the defaults
// of model/register.cpp. The consent history lives with the client card (crm/0004_consent_history).
constexpr const char* kTables = R"SQL(
CREATE TABLE gdpr_settings (
  company_id BIGINT PRIMARY KEY REFERENCES companies(id),
  prospect_retention_years INTEGER NOT NULL DEFAULT 3,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);

CREATE TABLE gdpr_register (
  company_id BIGINT NOT NULL REFERENCES companies(id),
  activity_key TEXT NOT NULL,
  name TEXT NOT NULL,
  purposes TEXT NOT NULL DEFAULT '',
  legal_basis TEXT NOT NULL DEFAULT '',
  data_categories TEXT NOT NULL DEFAULT '',
  data_subjects TEXT NOT NULL DEFAULT '',
  recipients TEXT NOT NULL DEFAULT '',
  transfers TEXT NOT NULL DEFAULT '',
  retention TEXT NOT NULL DEFAULT '',
  security TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_by BIGINT,
  PRIMARY KEY (company_id, activity_key)
);
)SQL";

}  // namespace

GdprModule::GdprModule(store::Database& db, crm::ClientService& clients)
    : clients_(clients), service_(std::make_unique<GdprService>(db, clients.fulltext())) {}
GdprModule::~GdprModule() = default;

std::vector<store::Migration> GdprModule::migrations() { return {{"gdpr/0001_settings_register", kTables}}; }

GdprService& GdprModule::gdpr() { return *service_; }

void GdprModule::register_routes(http::WebServer& web) {
    register_gdpr_api(web, *service_);
    register_gdpr_pages(web, *service_, clients_);
}

}  // namespace comptoir::gdpr
