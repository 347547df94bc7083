#include "modules/duplicates/storage/scan_store.hpp"

namespace comptoir::duplicates::storage {
namespace {

constexpr const char* kActiveClients = R"SQL(
SELECT id, kind, legal_name, trade_name, first_name, last_name, billing_postal_code, billing_city, billing_line1
FROM clients WHERE company_id = ? AND archived = 0 AND id > ? ORDER BY id LIMIT ?)SQL";

// Values of client_channels (already normalised by crm: E.164 phones, lower-case e-mails) held by
// two distinct clients or more; the GROUP BY walks the (company_id, kind, value, ...) primary key.
constexpr const char* kSharedChannels = R"SQL(
SELECT ch.value, ch.client_id FROM client_channels ch
JOIN (SELECT value FROM client_channels WHERE company_id = ? AND kind = ?
      GROUP BY value HAVING COUNT(DISTINCT client_id) > 1) d ON d.value = ch.value
JOIN clients c ON c.company_id = ch.company_id AND c.id = ch.client_id AND c.archived = 0
WHERE ch.company_id = ? AND ch.kind = ?
ORDER BY ch.value, ch.client_id)SQL";

constexpr const char* kSharedSiret = R"SQL(
SELECT c.siret, c.id FROM clients c
JOIN (SELECT siret FROM clients WHERE company_id = ? AND archived = 0 AND siret <> ''
      GROUP BY siret HAVING COUNT(*) > 1) d ON d.siret = c.siret
WHERE c.company_id = ? AND c.archived = 0
ORDER BY c.siret, c.id)SQL";

constexpr const char* kSharedSiren = R"SQL(
SELECT c.siren, c.id FROM clients c
JOIN (SELECT siren FROM clients WHERE company_id = ? AND archived = 0 AND siren <> ''
      GROUP BY siren HAVING COUNT(*) > 1) d ON d.siren = c.siren
WHERE c.company_id = ? AND c.archived = 0
ORDER BY c.siren, c.id)SQL";

}  // namespace

std::size_t each_active_client(store::Connection& conn, std::int64_t company_id, std::size_t chunk,
                               const std::function<void(const NameRecord&)>& each) {
    std::size_t count = 0;
    std::int64_t after = 0;
    NameRecord r;
    for (;;) {
        auto rows = conn.query(kActiveClients, {company_id, after, static_cast<std::int64_t>(chunk)});
        for (const auto& row : rows) {
            r.id = row.int64(0);
            if (row.text(1) == "individual") {
                r.name = row.text(5) + " " + row.text(4);
                r.trade_name.clear();
            } else {
                r.name = row.text(2);
                r.trade_name = row.text(3);
            }
            r.postal_code = row.text(6);
            r.city = row.text(7);
            r.street = row.text(8);
            each(r);
            after = r.id;
            ++count;
        }
        if (rows.size() < chunk) break;
    }
    return count;
}

std::vector<std::pair<std::string, std::int64_t>> shared_values(store::Connection& conn, std::int64_t company_id,
                                                                const std::string& kind) {
    std::vector<store::Row> rows;
    if (kind == "siret") rows = conn.query(kSharedSiret, {company_id, company_id});
    else if (kind == "siren") rows = conn.query(kSharedSiren, {company_id, company_id});
    else rows = conn.query(kSharedChannels, {company_id, kind, company_id, kind});
    std::vector<std::pair<std::string, std::int64_t>> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.emplace_back(r.text(0), r.int64(1));
    return out;
}

}  // namespace comptoir::duplicates::storage
