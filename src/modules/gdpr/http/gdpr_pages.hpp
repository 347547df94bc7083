// GDPR pages: the client's "RGPD" panel (/clients/{id}/gdpr: consent history, export, rectification,
// anonymisation), the anonymisation confirmation pages of a client and a contact, the GDPR
// administration page (/admin/gdpr: the prospects' retention rule) and the register of processing
// activities (/gdpr/register, edited by admins, printable).
#pragma once

#include "http/web_server.hpp"

namespace comptoir::crm {
class ClientService;
}

namespace comptoir::gdpr {

class GdprService;
void register_gdpr_pages(http::WebServer& web, GdprService& service, crm::ClientService& clients);

}  // namespace comptoir::gdpr
