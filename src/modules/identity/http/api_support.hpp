// Reading JSON request bodies field by field, collecting every type problem with its field name,
// and the JSON views of the identity module's resources.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "modules/identity/domain/model.hpp"

namespace comptoir::identity {

class JsonFields {
public:
    // `writable` lists the properties a client may send; any other is reported.
    JsonFields(const nlohmann::json& body, std::set<std::string> writable);

    // The property as text: absent → nullopt; null → ""; wrong type → an issue.
    std::optional<std::string> text(const std::string& name);
    // Like text, but a JSON number is accepted too (amounts).
    std::optional<std::string> text_or_number(const std::string& name);
    std::optional<bool> boolean(const std::string& name);

    const std::vector<FieldIssue>& issues() const { return issues_; }
    Error error() const { return Error::invalid(issues_); }

private:
    void type_issue(const std::string& name, const std::string& expected_fr, const std::string& expected_en);

    const nlohmann::json& body_;
    std::vector<FieldIssue> issues_;
};

nlohmann::json user_json(const User& user);
nlohmann::json company_json(const Company& company);

}  // namespace comptoir::identity
