// One row of a client file turned into a client card, before validation: each mapped cell goes to
// its field, with the spreadsheet's ways of writing values understood ("Oui", "30 jours fin de mois",
// "Chèque", "Belgique", "06/03/2024", a French postal code that lost its leading zero). Validation
// and normalisation are then exactly those of manual entry (normalise_client).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "modules/crm/model/client.hpp"

namespace comptoir::crm {

struct ImportedRow {
    Client client;
    std::vector<std::string> category_names;  // resolved (or created) by the service
    std::string assigned_user;                // an e-mail or a name, resolved by the service
    std::vector<FieldIssue> issues;           // values that could not be read (field = client path)
    std::vector<int> contact_groups;          // client.contacts[i] comes from "Contact contact_groups[i]"
};

// `keys` holds the mapped field of each column ("" = not imported); `headers` names the columns
// (for notes fed by several columns). With `base` (an update), the row's non-empty cells change that
// client: empty cells keep its values, contacts are matched by name or e-mail (and completed) or
// added, nothing is removed. contact_groups then has 0 for contacts the row does not touch.
ImportedRow convert_row(const std::vector<std::string>& keys, const std::vector<std::string>& headers,
                        const std::vector<std::string>& cells, const Client* base = nullptr);

// The column a validation issue is about: "contacts[1].phones[0]" -> the column mapped to
// "contact2.phones" (through contact_groups). nullopt when no column feeds that field.
std::optional<std::size_t> column_of_issue(const std::string& field, const std::vector<std::string>& keys,
                                           const std::vector<int>& contact_groups);

// The import's readings of spreadsheet values (exposed for tests).
std::optional<bool> read_yes_no(const std::string& text);
std::string read_date(const std::string& text);            // "06/03/2024" -> "2024-03-06"; unchanged when unknown
std::string read_country(const std::string& text);         // "Belgique" -> "BE"; unchanged when unknown
std::string read_payment_terms(const std::string& text);   // "45 jours fin de mois" -> "45d_eom"
std::string read_payment_method(const std::string& text);  // "Chèque" -> "cheque"
std::vector<std::string> split_list(const std::string& text);  // "a, b; c" or one per line
Contact split_full_name(const std::string& text);          // "M. Jean DUPONT" -> mr, Jean, DUPONT

}  // namespace comptoir::crm
