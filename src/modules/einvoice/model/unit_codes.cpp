#include "modules/einvoice/model/unit_codes.hpp"

#include <array>
#include <utility>

#include "core/text/search_text.hpp"

namespace comptoir::einvoice {
namespace {

// Folded typed units (lower case, no accents, no final dot) → Rec. 20 code. The first entry for a
// code is its label when reading.
constexpr std::array<std::pair<std::string_view, std::string_view>, 44> kUnits = {{
    {"h", "HUR"},        {"heure", "HUR"},   {"heures", "HUR"},  {"hr", "HUR"},
    {"min", "MIN"},      {"minute", "MIN"},  {"minutes", "MIN"},
    {"jour", "DAY"},     {"jours", "DAY"},   {"j", "DAY"},       {"day", "DAY"},
    {"semaine", "WEE"},  {"mois", "MON"},    {"an", "ANN"},      {"annee", "ANN"},
    {"u", "H87"},        {"unite", "H87"},   {"unites", "H87"},  {"pce", "H87"},  {"piece", "H87"},
    {"forfait", "LS"},   {"ft", "LS"},       {"lot", "LS"},
    {"m", "MTR"},        {"ml", "MTR"},      {"km", "KMT"},      {"cm", "CMT"},   {"mm", "MMT"},
    {"m2", "MTK"},       {"mq", "MTK"},
    {"m3", "MTQ"},       {"mc", "MTQ"},
    {"kg", "KGM"},       {"g", "GRM"},       {"t", "TNE"},       {"tonne", "TNE"},
    {"l", "LTR"},        {"litre", "LTR"},   {"cl", "CLT"},
    {"kwh", "KWH"},      {"wh", "WHR"},
    {"page", "ZP"},      {"mot", "D68"},     {"paire", "PR"},
}};

}  // namespace

std::string unit_code(std::string_view typed) {
    std::string key = fold(typed);
    while (!key.empty() && (key.back() == '.' || key.back() == ' ')) key.pop_back();
    if (key.empty()) return "C62";
    for (const auto& [unit, code] : kUnits)
        if (unit == key) return std::string(code);
    return "C62";
}

std::string unit_label(std::string_view code) {
    if (code == "H87" || code == "C62" || code == "EA" || code == "XPP") return "u";
    for (const auto& [unit, c] : kUnits)
        if (c == code) return std::string(unit);
    return "";
}

}  // namespace comptoir::einvoice
