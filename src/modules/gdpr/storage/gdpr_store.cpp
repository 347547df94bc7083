#include "modules/gdpr/storage/gdpr_store.hpp"

namespace comptoir::gdpr::storage {

int retention_years(store::Connection& conn, std::int64_t company_id) {
    auto row = conn.query_one("SELECT prospect_retention_years FROM gdpr_settings WHERE company_id = ?", {company_id});
    return row ? static_cast<int>(row->int64(0)) : 3;
}

void set_retention_years(store::Connection& conn, std::int64_t company_id, int years, std::int64_t user_id,
                         const std::string& now) {
    const store::Value user = user_id ? store::Value(user_id) : store::Value(nullptr);
    if (conn.execute("UPDATE gdpr_settings SET prospect_retention_years = ?, updated_at = ?, updated_by = ? "
                     "WHERE company_id = ?",
                     {std::int64_t{years}, now, user, company_id}) == 0)
        conn.execute("INSERT INTO gdpr_settings (company_id, prospect_retention_years, updated_at, updated_by) "
                     "VALUES (?, ?, ?, ?)",
                     {company_id, std::int64_t{years}, now, user});
}

std::vector<Activity> activities(store::Connection& conn, std::int64_t company_id) {
    auto list = default_activities();
    for (const auto& r : conn.query("SELECT activity_key, name, purposes, legal_basis, data_categories, data_subjects, "
                                    "recipients, transfers, retention, security, updated_at FROM gdpr_register "
                                    "WHERE company_id = ?",
                                    {company_id})) {
        for (auto& a : list) {
            if (a.key != r.text(0)) continue;
            a = Activity{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5),
                         r.text(6), r.text(7), r.text(8), r.text(9), r.text(10)};
        }
    }
    return list;
}

void save_activity(store::Connection& conn, std::int64_t company_id, const Activity& a, std::int64_t user_id) {
    const store::Value user = user_id ? store::Value(user_id) : store::Value(nullptr);
    conn.execute("DELETE FROM gdpr_register WHERE company_id = ? AND activity_key = ?", {company_id, a.key});
    conn.execute("INSERT INTO gdpr_register (company_id, activity_key, name, purposes, legal_basis, data_categories, "
                 "data_subjects, recipients, transfers, retention, security, updated_at, updated_by) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {company_id, a.key, a.name, a.purposes, a.legal_basis, a.data_categories, a.data_subjects, a.recipients,
                  a.transfers, a.retention, a.security, a.updated_at, user});
}

std::vector<ConsentEvent> consent_events(store::Connection& conn, std::int64_t company_id, std::int64_t client_id) {
    std::vector<ConsentEvent> out;
    for (const auto& r : conn.query(
             "SELECT e.id, e.channel, e.granted, e.consent_date, e.source, e.legal_basis, e.recorded_at, "
             "COALESCE(e.recorded_by, 0), COALESCE(u.name, '') FROM client_consent_events e "
             "LEFT JOIN users u ON u.id = e.recorded_by AND u.company_id = e.company_id "
             "WHERE e.company_id = ? AND e.client_id = ? ORDER BY e.id DESC",
             {company_id, client_id})) {
        ConsentEvent e;
        e.id = r.int64(0);
        e.channel = r.text(1);
        e.granted = r.boolean(2);
        e.consent_date = r.text(3);
        e.source = r.text(4);
        e.legal_basis = r.text(5);
        e.recorded_at = r.text(6);
        e.recorded_by = r.int64(7);
        e.recorded_by_name = r.text(8);
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<Prospect> stale_prospects(store::Connection& conn, std::int64_t company_id, const std::string& cutoff) {
    std::vector<Prospect> out;
    for (const auto& r : conn.query("SELECT id, display_name, created_at, updated_at FROM clients WHERE company_id = ? "
                                    "AND status = 'prospect' AND anonymised_at = '' AND merged_into_id IS NULL AND updated_at < ? "
                                    "ORDER BY updated_at, id",
                                    {company_id, cutoff}))
        out.push_back({r.int64(0), r.text(1), r.text(2), r.text(3)});
    return out;
}

}  // namespace comptoir::gdpr::storage
