// Leading and trailing ASCII whitespace removed: what every form field and API string goes through.
#pragma once

#include <string>
#include <string_view>

namespace comptoir {

inline std::string trim(std::string_view s) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

}  // namespace comptoir
