#include "modules/mail/model/mail_send.hpp"

#include <array>

namespace comptoir::mail {
namespace {

struct Failure {
    std::string_view code, fr, en;
};

constexpr std::array<Failure, 11> kFailures = {{
    {"connect", "Le serveur d'envoi est injoignable (connexion refusée ou impossible).",
     "The mail server cannot be reached (connection refused or impossible)."},
    {"resolve", "Le nom du serveur d'envoi est introuvable (vérifiez l'hôte SMTP).",
     "The mail server's name cannot be found (check the SMTP host)."},
    {"timeout", "Le serveur d'envoi n'a pas répondu à temps.", "The mail server did not answer in time."},
    {"tls", "La connexion sécurisée (TLS) avec le serveur d'envoi a échoué.",
     "The secure (TLS) connection with the mail server failed."},
    {"auth", "Le serveur d'envoi a refusé l'authentification (identifiant ou mot de passe).",
     "The mail server refused the authentication (username or password)."},
    {"sender_refused", "Le serveur d'envoi a refusé l'adresse de l'expéditeur.",
     "The mail server refused the sender's address."},
    {"recipient_refused", "Le serveur d'envoi a refusé un destinataire.", "The mail server refused a recipient."},
    {"message_refused", "Le serveur d'envoi a refusé le message.", "The mail server refused the message."},
    {"server", "Le serveur d'envoi a répondu par une erreur.", "The mail server answered with an error."},
    {"not_configured", "L'envoi d'e-mails n'est pas configuré.", "Sending email is not configured."},
    {"attachment", "La pièce jointe n'a pas pu être préparée.", "The attachment could not be prepared."},
}};

}  // namespace

std::string_view to_code(SendKind kind) { return kind == SendKind::Reminder ? "reminder" : "document"; }

std::optional<SendKind> parse_send_kind(std::string_view code) {
    if (code == "document") return SendKind::Document;
    if (code == "reminder") return SendKind::Reminder;
    return std::nullopt;
}

std::string_view to_code(SendStatus status) {
    switch (status) {
        case SendStatus::Pending: return "pending";
        case SendStatus::Sent: return "sent";
        case SendStatus::Failed: return "failed";
    }
    return "pending";
}

std::optional<SendStatus> parse_send_status(std::string_view code) {
    if (code == "pending") return SendStatus::Pending;
    if (code == "sent") return SendStatus::Sent;
    if (code == "failed") return SendStatus::Failed;
    return std::nullopt;
}

std::string failure_message(std::string_view code, std::string_view language) {
    const Failure* found = &kFailures[8];  // "server"
    for (const auto& f : kFailures)
        if (f.code == code) found = &f;
    return std::string(language == "en" ? found->en : found->fr);
}

}  // namespace comptoir::mail
