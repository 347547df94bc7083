#include "modules/gdpr/model/export_format.hpp"

namespace comptoir::gdpr {
namespace {

std::string csv_cell(const std::string& value) {
    // Quoted when needed; a leading =, +, - or @ is prefixed so a spreadsheet never runs it as a formula.
    std::string v = value;
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
    if (v.find_first_of(";\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string text_of(const nlohmann::json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void line(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? ";" : "") + csv_cell(cells[i]);
    out += "\r\n";
}

}  // namespace

nlohmann::json export_json(const nlohmann::json& subject, const std::string& exported_at,
                           const std::vector<Section>& sections, const std::string& locale) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : sections)
        list.push_back({{"key", s.key}, {"label", locale == "en" ? s.label_en : s.label_fr}, {"rows", s.rows}});
    return {{"subject", subject}, {"exported_at", exported_at}, {"sections", list}};
}

std::string export_csv(const nlohmann::json& subject, const std::string& exported_at,
                       const std::vector<Section>& sections, const std::string& locale) {
    std::string out = "\xEF\xBB\xBF";
    const bool en = locale == "en";
    line(out, {en ? "section" : "rubrique", en ? "row" : "ligne", en ? "field" : "champ", en ? "value" : "valeur"});
    for (auto it = subject.begin(); it != subject.end(); ++it) line(out, {"subject", "1", it.key(), text_of(it.value())});
    line(out, {"subject", "1", "exported_at", exported_at});
    for (const auto& s : sections) {
        std::size_t n = 0;
        for (const auto& row : s.rows) {
            ++n;
            for (auto it = row.begin(); it != row.end(); ++it) line(out, {s.key, std::to_string(n), it.key(), text_of(it.value())});
        }
    }
    return out;
}

}  // namespace comptoir::gdpr
