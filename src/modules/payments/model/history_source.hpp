// Events another module adds to a client's history, outside the balance: emails sent (with their
// outcome), reminders... The payments module owns the timeline; modules that know about other kinds
// of events plug a source in at start-up (PaymentService::add_history_source), so payments never
// depends on them.
#pragma once

#include <cstdint>
#include <vector>

#include "modules/payments/model/ledger.hpp"
#include "store/database.hpp"

namespace comptoir::payments {

class HistorySource {
public:
    virtual ~HistorySource() = default;
    // Every event of the client, any date (the ledger filters by period and kind). Each event must
    // have in_balance = false, a `kind` of its own (e.g. "email", "reminder"), a date, and may
    // carry `detail` (one line shown under the label) and `link` (a page to open).
    virtual std::vector<LedgerEvent> client_events(store::Connection& conn, std::int64_t company_id,
                                                   std::int64_t client_id) = 0;
};

}  // namespace comptoir::payments
