#include "core/legal/compact.hpp"

#include "core/text/utf8.hpp"

namespace comptoir::legal_detail {

std::string strip_separators(std::string_view input) {
    std::string out;
    out.reserve(input.size());
    for (std::size_t i = 0; i < input.size(); ++i) {
        const char c = input[i];
        if (c == ' ' || c == '\t' || c == '.' || c == '-' || c == '/' || c == '\r' || c == '\n') continue;
        const std::string_view rest = input.substr(i);
        if (rest.starts_with("\u00A0")) {  // no-break space
            i += 1;
            continue;
        }
        if (rest.starts_with("\u202F") || rest.starts_with("\u2009")) {  // narrow no-break / thin space
            i += 2;
            continue;
        }
        out.push_back(c);
    }
    return out;
}

std::string to_upper_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

bool all_digits(std::string_view s) {
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

std::string first_non_digit(std::string_view s) {
    for (std::size_t pos = 0; pos < s.size();) {
        const std::size_t start = pos;
        const char32_t cp = decode_utf8(s, pos);
        if (cp >= U'0' && cp <= U'9') continue;
        return quote_excerpt(s.substr(start, pos - start), 1);
    }
    return {};
}

std::string count_given_fr(std::size_t n) {
    if (n == 0) return "(aucun saisi)";
    if (n == 1) return "(1 saisi)";
    return "(" + std::to_string(n) + " saisis)";
}

std::string count_given_en(std::size_t n) { return "(" + std::to_string(n) + " given)"; }

}  // namespace comptoir::legal_detail
