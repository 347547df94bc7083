// Keyset pagination cursors: the last row's id and sort value, hex-encoded so the cursor is opaque
// and URL-safe. Lists sort by (value, id), so the next page starts strictly after that pair.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace comptoir::store {

std::string encode_cursor(std::int64_t id, const std::string& value);
// nullopt for anything encode_cursor did not produce (wrong length, not hex, no id).
std::optional<std::pair<std::int64_t, std::string>> decode_cursor(const std::string& cursor);

}  // namespace comptoir::store
