#include "modules/mail/service/mail_history.hpp"

#include "core/clock.hpp"
#include "modules/mail/storage/mail_store.hpp"

namespace comptoir::mail {

std::vector<payments::LedgerEvent> MailHistory::client_events(store::Connection& conn, std::int64_t company_id,
                                                              std::int64_t client_id) {
    std::vector<payments::LedgerEvent> out;
    for (const auto& s : storage::client_sends(conn, company_id, client_id)) {
        payments::LedgerEvent e;
        e.date = display_datetime(s.created_at, "en").substr(0, 10);  // the day in Paris
        e.kind = s.kind == SendKind::Reminder ? "reminder" : "email";
        e.id = s.id;
        e.number = s.document_number;
        e.status = std::string(to_code(s.status));
        e.in_balance = false;
        std::string to;
        for (const auto& r : s.recipients) to += (to.empty() ? "" : ", ") + r;
        e.detail = (s.kind == SendKind::Reminder ? "Relance niveau " + std::to_string(s.level) + " — " : std::string()) +
                   s.subject + " — à : " + to;
        if (s.status == SendStatus::Failed) e.detail += " — échec : " + failure_message(s.error_code, "fr");
        else if (s.status == SendStatus::Pending) e.detail += " — en cours ou interrompu";
        e.link = "/emails/" + std::to_string(s.id);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace comptoir::mail
