#pragma once

#include "http/web_server.hpp"

namespace comptoir::einvoice {

class EinvoiceService;
class ReceptionService;
class ChorusService;

// /api/v1/einvoice/settings, /api/v1/documents/{id}/einvoice (download), /api/v1/documents/{id}/einvoice/check.
void register_einvoice_api(http::WebServer& web, EinvoiceService& service);
// /api/v1/supplier-invoices: import (the file as the body), list, detail, original file.
void register_supplier_invoice_api(http::WebServer& web, ReceptionService& service);

}  // namespace comptoir::einvoice

namespace comptoir::einvoice {
// /api/v1/clients/{id}/public-sector, /api/v1/einvoice/chorus/settings, /api/v1/documents/{id}/chorus[/refresh].
void register_chorus_api(http::WebServer& web, ChorusService& service);
}  // namespace comptoir::einvoice
