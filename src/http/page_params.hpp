// The paging parameters of a list endpoint that pages by id, newest first: ?limit= (the page size,
// 1–200) and ?cursor= (the id to continue before, as the previous page's next_cursor gave it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "http/form_fields.hpp"

namespace comptoir::http {

// Empty values leave the targets as they are; a bad value adds an issue naming its parameter.
inline void read_id_page(const std::string& limit, const std::string& cursor, std::vector<FieldIssue>& issues,
                         int& page_size, std::optional<std::int64_t>& before_id) {
    if (!limit.empty()) {
        auto n = parse_id(limit);
        if (!n || *n < 1 || *n > 200)
            issues.push_back({"limit", "limit.range", "La taille de page doit être comprise entre 1 et 200.",
                              "The page size must be between 1 and 200."});
        else page_size = static_cast<int>(*n);
    }
    if (!cursor.empty()) {
        if (auto id = parse_id(cursor)) before_id = id;
        else issues.push_back({"cursor", "cursor.invalid", "Curseur de pagination invalide.", "Invalid pagination cursor."});
    }
}

}  // namespace comptoir::http
