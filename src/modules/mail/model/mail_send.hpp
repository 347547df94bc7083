// One email sent (or attempted) to a client: a document with its PDF, or a payment reminder. Every
// attempt is recorded before the SMTP conversation starts ("pending") and updated with its outcome
// ("sent", or "failed" with the reason), under a key unique per company, so that a request repeated
// with the same key answers what happened instead of sending again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::mail {

enum class SendKind { Document, Reminder };
std::string_view to_code(SendKind kind);  // "document", "reminder"
std::optional<SendKind> parse_send_kind(std::string_view code);

enum class SendStatus { Pending, Sent, Failed };
std::string_view to_code(SendStatus status);  // "pending", "sent", "failed"
std::optional<SendStatus> parse_send_status(std::string_view code);

struct MailSend {
    std::int64_t id = 0;
    std::int64_t client_id = 0;
    std::int64_t document_id = 0;
    SendKind kind = SendKind::Document;
    int level = 0;  // reminders: 1, 2 or 3
    std::vector<std::string> recipients, cc, bcc;
    std::string from_address;
    std::string subject, body;
    std::string attachment_name;
    std::int64_t attachment_size = 0;
    SendStatus status = SendStatus::Pending;
    std::string error_code;    // failed: see failure_message
    std::string error_detail;  // failed: what the server or the connection said (technical, English)
    std::string message_id;
    std::optional<std::int64_t> retry_of;  // the failed send this one retries
    std::string created_at, finished_at;
    std::int64_t created_by = 0;
    // Read with the send, for display.
    std::string document_number, document_type, client_name, created_by_name;
};

// Why a send failed, for people: "connect", "resolve", "timeout", "tls", "auth", "sender_refused",
// "recipient_refused", "message_refused", "server", "not_configured", "attachment" (anything else
// reads as "server").
std::string failure_message(std::string_view code, std::string_view language);

}  // namespace comptoir::mail
