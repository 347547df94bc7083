// The client base as a table: one row per client with every field of the card, its categories and
// its contacts in numbered column groups. Values are written the way the import reads them back
// (labels rather than codes, phones in their usual form, SIRET in groups), so an export imports into
// an empty company without loss.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "modules/crm/model/client.hpp"

namespace comptoir::crm {

struct ExportLookups {
    std::map<std::int64_t, std::string> category_names;
    std::map<std::int64_t, std::string> user_emails;
};

// The columns' keys (import_fields.hpp) in export order; read-only columns have keys "created_at" and
// "updated_at" (the import leaves them out).
std::vector<std::string> export_keys(int contact_groups);
std::vector<std::string> export_header(const std::vector<std::string>& keys, const std::string& locale);
std::vector<std::string> export_row(const std::vector<std::string>& keys, const Client& c, const ExportLookups& lookups,
                                    const std::string& locale);

}  // namespace comptoir::crm
