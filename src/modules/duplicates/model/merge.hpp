// Merging a group of duplicates, the pure part: the fields an administrator chooses one by one (which
// member's value survives), copying a chosen value onto the surviving card, and the JSON image of a
// card kept by the merge record so that an undo restores it exactly.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "modules/crm/model/client.hpp"

namespace comptoir::duplicates {

struct MergeField {
    const char* code;      // "legal_name", "billing_address"...
    const char* label_fr;
    const char* label_en;
};

// In the order the review page shows them. "categories" is a choice too, but by default the survivor
// gets the union of every member's categories.
const std::vector<MergeField>& merge_fields();
bool is_merge_field(const std::string& code);

// Copies field `code` of `from` onto `to`.
void take_field(const std::string& code, crm::Client& to, const crm::Client& from);
// The value as shown to the person choosing ("" when the member has none).
std::string field_text(const std::string& code, const crm::Client& c);

// The field of the merge a crm validation issue is about ("billing.postal_code" -> "billing_address").
std::string merge_field_of(const std::string& crm_field);

// The surviving card: the survivor's, with each field taken from the member chosen for it; a field
// not chosen keeps the survivor's value, or the first member's non-empty one when the survivor's is
// empty. Categories: the union unless "categories" names a member. Contacts are not set here.
crm::Client merged_card(const std::vector<crm::Client>& members, std::int64_t survivor_id,
                        const std::map<std::string, std::int64_t>& choices);
// The member whose value a field takes by default (see merged_card).
std::int64_t default_choice(const std::string& code, const std::vector<crm::Client>& members, std::int64_t survivor_id);

// A card's stored image, contacts as ids only (they are moved as rows).
nlohmann::json card_image(const crm::Client& c);
crm::Client card_from_image(const nlohmann::json& j);

}  // namespace comptoir::duplicates
