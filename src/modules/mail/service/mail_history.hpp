// The client's history (the payments module's ledger) learns about emails from here: one event per
// send, outside the balance, with its outcome and a link to the page that shows it.
#pragma once

#include "modules/payments/model/history_source.hpp"

namespace comptoir::mail {

// kind "email" (a document sent) or "reminder"; date: the day it was sent (Europe/Paris); id: the
// send's; number: the document's; status: "sent", "failed" or "pending"; detail: the subject and
// the recipients (the level of a reminder first, the reason of a failure last); link: /emails/{id}.
class MailHistory : public payments::HistorySource {
public:
    std::vector<payments::LedgerEvent> client_events(store::Connection& conn, std::int64_t company_id,
                                                     std::int64_t client_id) override;
};

}  // namespace comptoir::mail
