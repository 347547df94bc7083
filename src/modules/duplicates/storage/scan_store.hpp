// What the duplicates scan reads from the client base (crm's tables, read-only, scoped by company):
// the active clients' names and addresses in chunks, and the normalised identifiers that two or more
// active clients share. Archived clients (merged ones included) are never proposed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "modules/duplicates/model/grouping.hpp"
#include "store/database.hpp"

namespace comptoir::duplicates::storage {

// Calls `each` with every active client of the company, in id order, read in chunks of `chunk`.
// Returns how many there were.
std::size_t each_active_client(store::Connection& conn, std::int64_t company_id, std::size_t chunk,
                               const std::function<void(const NameRecord&)>& each);

// (value, client id) rows, sorted by value, for every value of the kind shared by two or more active
// clients: "email" and "phone" from crm's client_channels (the client's own and its contacts'),
// "siret" and "siren" from clients.
std::vector<std::pair<std::string, std::int64_t>> shared_values(store::Connection& conn, std::int64_t company_id,
                                                                const std::string& kind);

}  // namespace comptoir::duplicates::storage
