#include "modules/mail/mail_module.hpp"

#include "modules/mail/api/mail_api.hpp"
#include "modules/mail/http/mail_pages.hpp"
#include "modules/mail/service/mail_history.hpp"
#include "modules/mail/service/mail_service.hpp"

namespace comptoir::mail {
namespace {

// One row of SMTP settings per company; the password is stored as given (the server needs it back
// to log in) and never leaves through a page, the API or the audit log.
//
// Templates are stored only once a company edits them; the others are the defaults of the code.
//
// Every send attempt, recorded before the SMTP conversation and updated with its outcome. What was
// sent is kept as sent (recipients, subject, body; the attachment's name and size: the PDF itself
// stays the document's). `idempotency_key` is unique per company: a repeated request finds its
// first send instead of sending again; `request_hash` tells a repeat from another request that
// reuses a key. Document number, type and client name are copied at send time, as shown then.
constexpr const char* kMail = R"SQL(
CREATE TABLE mail_settings (
  company_id BIGINT PRIMARY KEY REFERENCES companies(id),
  host TEXT NOT NULL DEFAULT '',
  port INTEGER NOT NULL DEFAULT 587,
  security TEXT NOT NULL DEFAULT 'starttls',
  username TEXT NOT NULL DEFAULT '',
  password TEXT NOT NULL DEFAULT '',
  from_address TEXT NOT NULL DEFAULT '',
  from_name TEXT NOT NULL DEFAULT '',
  reply_to TEXT NOT NULL DEFAULT '',
  bcc_self INTEGER NOT NULL DEFAULT 0,
  language TEXT NOT NULL DEFAULT 'fr',
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);

CREATE TABLE mail_templates (
  company_id BIGINT NOT NULL REFERENCES companies(id),
  template_key TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT,
  PRIMARY KEY (company_id, template_key)
);

CREATE TABLE mail_sends (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  client_id BIGINT NOT NULL REFERENCES clients(id),
  document_id BIGINT REFERENCES documents(id),
  kind TEXT NOT NULL,
  level INTEGER NOT NULL DEFAULT 0,
  recipients TEXT NOT NULL,
  cc TEXT NOT NULL DEFAULT '[]',
  bcc TEXT NOT NULL DEFAULT '[]',
  from_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  attachment_name TEXT NOT NULL DEFAULT '',
  attachment_size BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  error_code TEXT NOT NULL DEFAULT '',
  error_detail TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL DEFAULT '',
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  retry_of BIGINT REFERENCES mail_sends(id),
  document_number TEXT NOT NULL DEFAULT '',
  document_type TEXT NOT NULL DEFAULT '',
  client_name TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT NOT NULL,
  finished_at TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX mail_sends_by_key ON mail_sends (company_id, idempotency_key);
CREATE INDEX mail_sends_by_client ON mail_sends (company_id, client_id, id);
CREATE INDEX mail_sends_by_document ON mail_sends (company_id, document_id, id);
)SQL";

}  // namespace

MailModule::MailModule(store::Database& db, sales::DocumentService& documents, crm::ClientService& clients,
                       identity::CompanyService& companies)
    : service_(std::make_unique<MailService>(db, documents, clients, companies)),
      history_(std::make_unique<MailHistory>()) {}
MailModule::~MailModule() = default;

std::vector<store::Migration> MailModule::migrations() { return {{"mail/0001_mail", kMail}}; }

MailService& MailModule::mail() { return *service_; }
payments::HistorySource& MailModule::history() { return *history_; }

void MailModule::register_routes(http::WebServer& web) {
    register_mail_api(web, *service_);
    register_mail_pages(web, *service_);
}

}  // namespace comptoir::mail
