#include "store/keyset_cursor.hpp"

#include <algorithm>
#include <cctype>

namespace comptoir::store {
namespace {

std::string to_hex(const std::string& s) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
    return out;
}

std::optional<std::string> from_hex(const std::string& s) {
    if (s.size() % 2) return std::nullopt;
    auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < s.size(); i += 2) {
        int hi = digit(s[i]), lo = digit(s[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<char>(hi * 16 + lo));
    }
    return out;
}

}  // namespace

std::string encode_cursor(std::int64_t id, const std::string& value) { return to_hex(std::to_string(id) + "|" + value); }

std::optional<std::pair<std::int64_t, std::string>> decode_cursor(const std::string& cursor) {
    auto raw = from_hex(cursor);
    if (!raw) return std::nullopt;
    auto bar = raw->find('|');
    if (bar == std::string::npos || bar == 0 || bar > 18) return std::nullopt;
    std::string id = raw->substr(0, bar);
    if (!std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isdigit(c); })) return std::nullopt;
    return std::pair{std::stoll(id), raw->substr(bar + 1)};
}

}  // namespace comptoir::store
