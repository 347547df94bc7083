// How sales errors point at a document line: the field path the API and the form use
// ("lines[2].quantity", zero-based) and the label people read ("Ligne 3", one-based).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace comptoir::sales {

inline std::string line_field(std::size_t index, std::string_view name = {}) {
    std::string f = "lines[" + std::to_string(index) + "]";
    if (!name.empty()) f += "." + std::string(name);
    return f;
}

inline std::string line_label_fr(std::size_t index) { return "Ligne " + std::to_string(index + 1) + " : "; }
inline std::string line_label_en(std::size_t index) { return "Line " + std::to_string(index + 1) + ": "; }

}  // namespace comptoir::sales
