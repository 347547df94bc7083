#pragma once

#include "http/web_server.hpp"

namespace comptoir::einvoice {

class EinvoiceService;

// /admin/einvoicing (settings), /documents/{id}/einvoice (rule checks and downloads),
// /documents/{id}/einvoice/{facturx|cii|ubl} (the files).
class ChorusService;
void register_einvoice_pages(http::WebServer& web, EinvoiceService& service, ChorusService& chorus);

class ReceptionService;
// /supplier-invoices (list and upload), /supplier-invoices/{id}, /supplier-invoices/{id}/original.
void register_supplier_invoice_pages(http::WebServer& web, ReceptionService& service);

// POST /documents/{id}/chorus (submit), POST /documents/{id}/chorus/refresh, and the client's
// public-sector form /clients/{id}/public-sector.
void register_chorus_pages(http::WebServer& web, ChorusService& service);

}  // namespace comptoir::einvoice
