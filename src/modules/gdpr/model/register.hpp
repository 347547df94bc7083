// The register of processing activities (GDPR art. 30): what Comptoir processes for the company,
// why, on which legal basis, about whom, for whom, for how long and how it is protected. Each company
// starts from the defaults below and edits them (admins); pure data, no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace comptoir::gdpr {

struct Activity {
    std::string key;  // "clients", "invoicing", "prospecting", "payments", "einvoicing", "accounts"
    std::string name;
    std::string purposes;
    std::string legal_basis;
    std::string data_categories;
    std::string data_subjects;
    std::string recipients;
    std::string transfers;  // outside the EU
    std::string retention;
    std::string security;
    std::string updated_at;  // "" : the default, never edited
};

// The fields an admin edits, in display order (also the API's keys).
const std::vector<std::string>& activity_fields();
std::string* activity_field(Activity& a, const std::string& field);

// The activities Comptoir performs, pre-filled in French (the register is a French legal document).
std::vector<Activity> default_activities();
std::optional<Activity> default_activity(const std::string& key);

}  // namespace comptoir::gdpr
