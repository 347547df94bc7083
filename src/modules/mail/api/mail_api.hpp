// /api/v1 for mail: the SMTP settings (GET/PUT /mail/settings, POST /mail/test) and templates
// (GET/PUT /mail/templates), sending a document (POST /documents/{id}/emails), the sends
// (GET /emails, GET /emails/{id}, POST /emails/{id}/retry) and reminders (GET/POST /reminders).
// Sending endpoints honour an Idempotency-Key header: a repeat answers the first send (200, header
// Idempotent-Replayed: true) and never sends again.
#pragma once

#include <nlohmann/json.hpp>

#include "http/web_server.hpp"
#include "modules/mail/service/mail_service.hpp"

namespace comptoir::mail {

void register_mail_api(http::WebServer& web, MailService& service);

nlohmann::json send_json(const MailSend& s);

}  // namespace comptoir::mail
