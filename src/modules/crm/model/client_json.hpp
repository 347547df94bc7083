// The JSON shape of clients and contacts in the API (and in audit entries). Reading is strict: a
// value of the wrong type or an unknown field is reported by name, never silently dropped.
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "modules/crm/model/client.hpp"

namespace comptoir::crm {

nlohmann::json to_json(const Client& c);
nlohmann::json contact_json(const Contact& c);
nlohmann::json matches_json(const std::vector<DuplicateMatch>& matches);
// A flat object of the card's fields, for audit diffs.
nlohmann::json audit_snapshot(const Client& c);

// Applies the fields present in `body` on top of `base` (PATCH semantics; use a default Client to create).
Result<Client> client_from_json(const nlohmann::json& body, Client base);
Result<Contact> contact_from_json(const nlohmann::json& body, Contact base, const std::string& prefix = "");

}  // namespace comptoir::crm
