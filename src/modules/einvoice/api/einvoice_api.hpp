#pragma once

#include "http/web_server.hpp"

namespace comptoir::einvoice {

class EinvoiceService;
class ReceptionService;

// /api/v1/einvoice/settings, /api/v1/documents/{id}/einvoice (download), /api/v1/documents/{id}/einvoice/check.
void register_einvoice_api(http::WebServer& web, EinvoiceService& service);
// /api/v1/supplier-invoices: import (the file as the body), list, detail, original file.
void register_supplier_invoice_api(http::WebServer& web, ReceptionService& service);

}  // namespace comptoir::einvoice
