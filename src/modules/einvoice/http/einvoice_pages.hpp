#pragma once

#include "http/web_server.hpp"

namespace comptoir::einvoice {

class EinvoiceService;

// /admin/einvoicing (settings), /documents/{id}/einvoice (rule checks and downloads),
// /documents/{id}/einvoice/{facturx|cii|ubl} (the files).
void register_einvoice_pages(http::WebServer& web, EinvoiceService& service);

}  // namespace comptoir::einvoice
