// The two forms of a personal-data export (right of access, art. 15; portability, art. 20): one
// JSON document, or a CSV a spreadsheet opens as is (UTF-8 with BOM, ';'), one line per value:
// section;row;field;value. Pure functions.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "modules/gdpr/model/personal_data_source.hpp"

namespace comptoir::gdpr {

// {"subject": subject, "exported_at": ..., "sections": [{"key", "label", "rows": [...]}]}
nlohmann::json export_json(const nlohmann::json& subject, const std::string& exported_at,
                           const std::vector<Section>& sections, const std::string& locale);
std::string export_csv(const nlohmann::json& subject, const std::string& exported_at,
                       const std::vector<Section>& sections, const std::string& locale);

}  // namespace comptoir::gdpr
