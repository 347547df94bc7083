// The SMTP adapter: one message handed to a server through libcurl. The message is multipart/mixed
// (a UTF-8 text/plain body in quoted-printable, and an optional attachment in base64, built with
// curl's MIME API); the subject and display names are RFC 2047 encoded; Date and Message-ID are
// set. Connection and whole-transfer timeouts bound every attempt, so a dead server never holds a
// request for long. Nothing here logs: the password stays in memory only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "modules/mail/model/mail_settings.hpp"

namespace comptoir::mail {

struct SmtpServer {
    std::string host;
    int port = 587;
    Security security = Security::StartTls;
    std::string username;
    std::string password;
    long connect_timeout_seconds = 10;
    long total_timeout_seconds = 60;
};

struct Attachment {
    std::string filename;  // ASCII (see safe_filename)
    std::string content_type = "application/pdf";
    std::string bytes;
};

struct OutgoingMail {
    std::string from_address, from_name, reply_to;
    std::vector<std::string> to, cc, bcc;  // checked addresses; bcc never appears in the headers
    std::string subject;                   // UTF-8, one line
    std::string body;                      // UTF-8 text; "\n" line ends are sent as CRLF
    std::string message_id;                // "<...@...>"
    TimePoint date;
    std::optional<Attachment> attachment;
};

struct SmtpOutcome {
    bool sent = false;
    std::string error_code;    // failure_message's codes: connect, resolve, timeout, tls, auth, ...
    std::string error_detail;  // curl's own words, for the record
};

// Sends `mail` through `server`. Never throws for a network or protocol failure: it is an outcome.
SmtpOutcome send_mail(const SmtpServer& server, const OutgoingMail& mail);

// The failure code for a curl result and its error text (exposed for tests): "RCPT failed" is a
// refused recipient, "MAIL failed" a refused sender, a login denial is "auth", and so on.
std::string classify_failure(int curl_code, const std::string& error_text);

// Builds the header lines of `mail` as sent (exposed for tests).
std::vector<std::string> header_lines(const OutgoingMail& mail);

}  // namespace comptoir::mail
