// /api/v1/payments: payments and refunds for integrators (record with allocations, allocate the
// remaining credit, cancel, list, read) and /api/v1/clients/{id}/balance.
#pragma once

#include <nlohmann/json.hpp>

#include "http/web_server.hpp"
#include "modules/payments/service/payment_service.hpp"

namespace comptoir::payments {

void register_payment_api(http::WebServer& web, PaymentService& service);

// Reading request bodies (every wrong field named, French and English) and writing payments.
Result<PaymentInput> payment_from_json(const nlohmann::json& body);
Result<std::vector<AllocationRequest>> allocations_from_json(const nlohmann::json& body);
nlohmann::json payment_json(const Payment& p);
nlohmann::json balance_json(const ClientBalance& b);

}  // namespace comptoir::payments
