// The gdpr module's own tables: per-company settings (the prospects' retention period) and the
// register of processing activities as edited by the company (absent rows: the defaults).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/gdpr/model/register.hpp"
#include "store/database.hpp"

namespace comptoir::gdpr::storage {

int retention_years(store::Connection& conn, std::int64_t company_id);  // 3 when never set
void set_retention_years(store::Connection& conn, std::int64_t company_id, int years, std::int64_t user_id,
                         const std::string& now);

// The register: the defaults with the company's edits over them, in the defaults' order.
std::vector<Activity> activities(store::Connection& conn, std::int64_t company_id);
void save_activity(store::Connection& conn, std::int64_t company_id, const Activity& a, std::int64_t user_id);

struct ConsentEvent {
    std::int64_t id = 0;
    std::string channel, consent_date, source, legal_basis, recorded_at, recorded_by_name;
    bool granted = false;
    std::int64_t recorded_by = 0;
};
std::vector<ConsentEvent> consent_events(store::Connection& conn, std::int64_t company_id, std::int64_t client_id);

struct Prospect {
    std::int64_t id = 0;
    std::string name, created_at, last_activity;
};
// Prospects not anonymised (nor merged into another card: they follow it) whose card was last changed
// before `cutoff` (ISO), oldest first.
std::vector<Prospect> stale_prospects(store::Connection& conn, std::int64_t company_id, const std::string& cutoff);

}  // namespace comptoir::gdpr::storage
