// Checks shared by the JSON request parsers of the API: a field of the wrong JSON type, and keys the
// endpoint does not know (refused rather than ignored, so a typo never silently does nothing).
#pragma once

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace comptoir::http {

// "Ce champ doit être {fr}." / "This field must be {en}." on `field`.
inline void type_error(std::vector<FieldIssue>& issues, const std::string& field, const char* fr, const char* en) {
    issues.push_back({field, "type", std::string("Ce champ doit être ") + fr + ".", std::string("This field must be ") + en + "."});
}

// One issue per key of `body` not in `known`, named `prefix` + key.
inline void unknown_keys(std::vector<FieldIssue>& issues, const nlohmann::json& body, const std::set<std::string>& known,
                         const std::string& prefix) {
    for (auto it = body.begin(); it != body.end(); ++it)
        if (!known.contains(it.key()))
            issues.push_back({prefix + it.key(), "unknown", "Ce champ n'existe pas.", "This field does not exist."});
}

}  // namespace comptoir::http
