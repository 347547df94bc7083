// The client's account pages (ledger and CSV statement), registered by the payments module.
#pragma once

#include "http/web_server.hpp"
#include "modules/payments/service/payment_service.hpp"

namespace comptoir::payments {

void register_account_pages(http::WebServer& web, PaymentService& payments, crm::ClientService& clients);

}  // namespace comptoir::payments
