#include "modules/einvoice/api/einvoice_json.hpp"

namespace comptoir::einvoice {

nlohmann::json violations_json(const std::vector<RuleViolation>& violations) {
    auto out = nlohmann::json::array();
    for (const auto& v : violations)
        out.push_back({{"rule", v.rule}, {"term", v.term}, {"field", v.field}, {"message_fr", v.message_fr}, {"message_en", v.message_en}});
    return out;
}

}  // namespace comptoir::einvoice
