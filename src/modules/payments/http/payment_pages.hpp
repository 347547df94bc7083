// The payments pages: /payments (every payment and refund of the company, filtered) and
// /payments/{id} (one payment: its allocations, what it has not allocated yet and the form to
// allocate it, the cancellation form, its history).
#pragma once

#include "http/web_server.hpp"
#include "modules/payments/service/payment_service.hpp"

namespace comptoir::payments {

void register_payment_pages(http::WebServer& web, PaymentService& payments);

}  // namespace comptoir::payments
