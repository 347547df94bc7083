#pragma once

#include "http/web_server.hpp"

namespace comptoir::einvoice {

class EinvoiceService;

// /admin/einvoicing (settings), /documents/{id}/einvoice (rule checks and downloads),
// /documents/{id}/einvoice/{facturx|cii|ubl} (the files).
void register_einvoice_pages(http::WebServer& web, EinvoiceService& service);

class ReceptionService;
// /supplier-invoices (list and upload), /supplier-invoices/{id}, /supplier-invoices/{id}/original.
void register_supplier_invoice_pages(http::WebServer& web, ReceptionService& service);

}  // namespace comptoir::einvoice
