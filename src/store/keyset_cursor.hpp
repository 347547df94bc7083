// Keyset pagination cursors: the last row's id and sort value, hex-encoded so the cursor is opaque
// and URL-safe. Lists sort by (value, id), so the next page starts strictly after that pair.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace comptoir::store {

std::string encode_cursor(std::int64_t id, const std::string& value);
// nullopt for anything encode_cursor did not produce (wrong length, not hex, no id).
std::optional<std::pair<std::int64_t, std::string>> decode_cursor(const std::string& cursor);

// Newest-first lists keyed by id fetch one row more than the page: that row only tells a next page
// exists. Drops it and returns the id the next page starts before (nullopt on the last page).
template <typename T>
std::optional<std::int64_t> keep_page(std::vector<T>& rows, int limit) {
    if (rows.size() <= static_cast<std::size_t>(limit)) return std::nullopt;
    rows.resize(static_cast<std::size_t>(limit));
    return rows.back().id;
}

}  // namespace comptoir::store
