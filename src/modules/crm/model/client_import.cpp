#include "modules/crm/model/client_import.hpp"

namespace comptoir::crm {

std::string to_code(ImportPolicy policy) {
    switch (policy) {
        case ImportPolicy::Skip: return "skip";
        case ImportPolicy::Update: return "update";
        case ImportPolicy::Create: return "create";
    }
    return "skip";
}

std::optional<ImportPolicy> import_policy_from_code(const std::string& code) {
    if (code == "skip") return ImportPolicy::Skip;
    if (code == "update") return ImportPolicy::Update;
    if (code == "create") return ImportPolicy::Create;
    return std::nullopt;
}

ImportCounts ImportCounts::from_json(const nlohmann::json& j) {
    ImportCounts c;
    if (!j.is_object()) return c;
    c.created = j.value("created", std::int64_t{0});
    c.updated = j.value("updated", std::int64_t{0});
    c.skipped = j.value("skipped", std::int64_t{0});
    c.failed = j.value("failed", std::int64_t{0});
    return c;
}

}  // namespace comptoir::crm
