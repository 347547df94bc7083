#include "modules/einvoice/storage/einvoice_store.hpp"

namespace comptoir::einvoice::storage {

Settings settings(store::Connection& conn, std::int64_t company_id) {
    Settings s;
    if (auto row = conn.query_one("SELECT enabled, profile FROM einvoice_settings WHERE company_id = ?", {company_id})) {
        s.enabled = row->boolean(0);
        s.profile = parse_profile(row->text(1)).value_or(Profile::En16931);
    }
    return s;
}

void save_settings(store::Connection& conn, std::int64_t company_id, const Settings& s, const std::string& now) {
    conn.execute(
        "INSERT INTO einvoice_settings (company_id, enabled, profile, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (company_id) DO UPDATE SET enabled = excluded.enabled, profile = excluded.profile, "
        "updated_at = excluded.updated_at",
        {company_id, std::int64_t{s.enabled ? 1 : 0}, std::string(to_code(s.profile)), now});
}

}  // namespace comptoir::einvoice::storage
