// The columns a client file can hold: every field of the client card, its addresses, terms, consents,
// and contacts in numbered groups ("Contact 2 - Prénom"). The export writes these columns under their
// canonical labels and the import recognises them, so an export imports back without loss; the import
// also guesses columns from the usual French and English headers of other software
// ("Raison sociale", "Société", "Company name", "N° TVA", "CP", "Courriel"...).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace comptoir::crm {

// Keys: "legal_name", "billing_address.city", "email_consent.granted", "categories",
// "contact2.first_name"... An empty key means "not imported".
struct ImportField {
    std::string key;
    std::string label_fr;
    std::string label_en;
    bool multiple = false;  // several columns may feed it (contact e-mails and phones, categories, notes)
};

inline constexpr int kMaxContactGroups = 20;  // contact columns recognised: "Contact 1" to "Contact 20"

// The client-level fields, then contact groups 1..contact_groups.
std::vector<ImportField> import_fields(int contact_groups = 3);
std::optional<ImportField> find_import_field(const std::string& key);
// "contact2.first_name" -> {2, "first_name"}; nullopt for a client field.
std::optional<std::pair<int, std::string>> contact_key(const std::string& key);

// One key per header ("" = not imported), from the headers alone.
std::vector<std::string> guess_mapping(const std::vector<std::string>& headers);

// A column's label for messages, in the viewer's language: "Contact 2 - Prénom".
std::string field_label(const std::string& key, const std::string& locale);

}  // namespace comptoir::crm
