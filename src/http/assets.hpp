// Web assets compiled into the binary (see cmake/embed_assets.cmake): templates, CSS, JS, translations.
#pragma once

#include <map>
#include <optional>
#include <string_view>

namespace comptoir::http {

const std::map<std::string_view, std::string_view>& embedded_assets();

inline std::optional<std::string_view> find_asset(std::string_view name) {
    const auto& assets = embedded_assets();
    if (auto it = assets.find(name); it != assets.end()) return it->second;
    return std::nullopt;
}

}  // namespace comptoir::http
