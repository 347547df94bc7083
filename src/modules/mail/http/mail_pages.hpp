// Mail's pages: Administration › E-mail (SMTP settings, test email, templates), the compose page of
// a document (/documents/{id}/email) or a reminder (/reminders/{id}/email), the page of one send
// (/emails/{id}, with its retry), and the reminders list (/reminders).
#pragma once

#include "http/web_server.hpp"
#include "modules/mail/service/mail_service.hpp"

namespace comptoir::mail {

void register_mail_pages(http::WebServer& web, MailService& service);

}  // namespace comptoir::mail
