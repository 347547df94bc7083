#include "store/database.hpp"

namespace comptoir::store {

std::int64_t Row::int64(std::size_t i) const {
    const auto& v = values_.at(i);
    if (auto p = std::get_if<std::int64_t>(&v)) return *p;
    if (auto s = std::get_if<std::string>(&v)) {
        // PostgreSQL returns numeric and some computed columns as text; SQLite may too for expressions.
        try {
            return s->empty() ? 0 : std::stoll(*s);
        } catch (...) {
            throw DatabaseError("column " + std::to_string(i) + " is not an integer");
        }
    }
    return 0;
}

std::string Row::text(std::size_t i) const {
    const auto& v = values_.at(i);
    if (auto s = std::get_if<std::string>(&v)) return *s;
    if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
    return {};
}

std::optional<std::int64_t> Row::opt_int64(std::size_t i) const {
    if (is_null(i)) return std::nullopt;
    return int64(i);
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
    if (is_null(i)) return std::nullopt;
    return text(i);
}

}  // namespace comptoir::store
