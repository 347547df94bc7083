#include "modules/identity/domain/safe_redirect.hpp"

#include <algorithm>

namespace comptoir::identity {

std::string safe_next(std::string_view next) {
    if (next.empty() || next.size() > 2000 || next.front() != '/' || next.starts_with("//")) return "/";
    bool clean = std::none_of(next.begin(), next.end(),
                              [](unsigned char c) { return c < 0x20 || c == 0x7F || c == '\\'; });
    return clean ? std::string(next) : "/";
}

}  // namespace comptoir::identity
