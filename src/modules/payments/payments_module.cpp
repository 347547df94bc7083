#include "modules/payments/payments_module.hpp"

#include "modules/payments/http/account_page.hpp"
#include "modules/payments/http/payment_pages.hpp"

#include "modules/payments/api/payment_api.hpp"
#include "modules/payments/service/payment_service.hpp"

namespace comptoir::payments {
namespace {

// Payments and their allocations. `amount_cents` is Money (integer cents), always positive; `kind`
// says which way the money went ('payment' received, 'refund' paid back). Nothing is ever updated
// but the cancellation columns: a cancelled payment's allocations are cancelled with it and stay for
// the record. Allocations point at issued documents of the same company and client (checked by the
// service); `payment_allocations_by_document` makes the sums per invoice cheap.
constexpr const char* kPayments = R"SQL(
CREATE TABLE payments (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  client_id BIGINT NOT NULL REFERENCES clients(id),
  kind TEXT NOT NULL,
  payment_date TEXT NOT NULL,
  amount_cents BIGINT NOT NULL,
  method TEXT NOT NULL,
  reference TEXT NOT NULL DEFAULT '',
  bank_account TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT NOT NULL,
  cancelled INTEGER NOT NULL DEFAULT 0,
  cancelled_at TEXT NOT NULL DEFAULT '',
  cancelled_by BIGINT,
  cancel_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX payments_by_client ON payments (company_id, client_id, id);
CREATE INDEX payments_by_date ON payments (company_id, payment_date);

CREATE TABLE payment_allocations (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  payment_id BIGINT NOT NULL REFERENCES payments(id),
  document_id BIGINT NOT NULL REFERENCES documents(id),
  amount_cents BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT NOT NULL,
  cancelled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX payment_allocations_by_payment ON payment_allocations (company_id, payment_id);
CREATE INDEX payment_allocations_by_document ON payment_allocations (company_id, document_id, cancelled);
)SQL";

}  // namespace

PaymentsModule::PaymentsModule(store::Database& db, crm::ClientService& clients, sales::DocumentService& documents)
    : clients_(clients), service_(std::make_unique<PaymentService>(db, clients, documents)) {}
PaymentsModule::~PaymentsModule() = default;

std::vector<store::Migration> PaymentsModule::migrations() { return {{"payments/0001_payments", kPayments}}; }

PaymentService& PaymentsModule::payments() { return *service_; }

void PaymentsModule::register_routes(http::WebServer& web) {
    register_payment_api(web, *service_);
    register_account_pages(web, *service_, clients_);
    register_payment_pages(web, *service_);
}

}  // namespace comptoir::payments
