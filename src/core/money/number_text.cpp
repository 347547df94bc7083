#include "core/money/number_text.hpp"

#include <algorithm>

#include "core/money/wide_int.hpp"

namespace comptoir::money_detail {
namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Length of the thousands separator starting at `pos` (space, U+00A0 or U+202F), or 0.
std::size_t group_separator_at(std::string_view s, std::size_t pos) {
    if (s[pos] == ' ') return 1;
    if (s.substr(pos, 2) == kNoBreakSpace) return 2;
    if (s.substr(pos, 3) == kNarrowNoBreakSpace) return 3;
    return 0;
}

}  // namespace

tl::expected<std::int64_t, NumberProblem> parse_scaled(std::string_view s, int places) {
    using Err = tl::unexpected<NumberProblem>;
    while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
    if (s.empty()) return Err(NumberProblem::Empty);

    bool negative = false;
    std::size_t i = 0;
    if (s[0] == '-' || s[0] == '+') {
        negative = s[0] == '-';
        i = 1;
    } else if (s.substr(0, 3) == "\xE2\x88\x92") {  // U+2212 MINUS SIGN
        negative = true;
        i = 3;
    }

    // Integer part, with optional thousands groups. Digits are accumulated in 128 bits and capped at
    // 20 significant digits (an int64 has 19): with at most 9 fraction digits the value stays below
    // 10^29, so accumulation cannot overflow.
    Wide value = 0;
    int significant = 0;
    int digits = 0;
    int group_digits = 0;  // digits since the last thousands separator
    bool grouped = false;
    while (i < s.size()) {
        if (is_digit(s[i])) {
            if (value != 0 || s[i] != '0') ++significant;
            if (significant > 20) return Err(NumberProblem::TooLarge);
            value = value * 10 + (s[i] - '0');
            ++digits;
            ++group_digits;
            ++i;
            continue;
        }
        const std::size_t sep = group_separator_at(s, i);
        if (sep == 0) break;
        // A separator needs 1-3 digits before it (3 exactly after an earlier separator) and a digit after.
        if (group_digits == 0 || group_digits > 3 || (grouped && group_digits != 3)) return Err(NumberProblem::Syntax);
        if (i + sep >= s.size() || !is_digit(s[i + sep])) return Err(NumberProblem::Syntax);
        grouped = true;
        group_digits = 0;
        i += sep;
    }
    if (grouped && group_digits != 3) return Err(NumberProblem::Syntax);

    // Fraction part.
    // Syntax is checked to the end before precision, so "1.234,56" is reported as malformed rather
    // than as having too many decimals.
    int fraction_digits = 0;
    bool excess_decimals = false;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        while (i < s.size() && is_digit(s[i])) {
            const int d = s[i] - '0';
            if (fraction_digits < places) {
                value = value * 10 + d;
            } else if (d != 0) {
                excess_decimals = true;
            }
            ++fraction_digits;
            ++digits;
            ++i;
        }
    }
    if (i != s.size() || digits == 0) return Err(NumberProblem::Syntax);
    if (excess_decimals) return Err(NumberProblem::TooManyDecimals);

    value *= pow10(places - std::min(fraction_digits, places));
    if (negative) value = -value;
    const auto narrowed = narrow(value);
    if (!narrowed) return Err(NumberProblem::TooLarge);
    return *narrowed;
}

std::string format_scaled(std::int64_t value, int places, int min_fraction_digits, std::string_view separator,
                          std::string_view group) {
    // |INT64_MIN| does not fit in int64; our types never hold it, but stay correct if asked.
    const Wide magnitude = abs_wide(Wide(value));
    const Wide scale = pow10(places);
    auto integer = static_cast<unsigned long long>(magnitude / scale);
    auto fraction = static_cast<unsigned long long>(magnitude % scale);

    std::string int_digits = std::to_string(integer);
    std::string out;
    if (group.empty()) {
        out = int_digits;
    } else {
        const std::size_t n = int_digits.size();
        for (std::size_t k = 0; k < n; ++k) {
            if (k > 0 && (n - k) % 3 == 0) out += group;
            out += int_digits[k];
        }
    }

    std::string frac_digits(static_cast<std::size_t>(places), '0');
    for (int k = places - 1; k >= 0; --k) {
        frac_digits[static_cast<std::size_t>(k)] = static_cast<char>('0' + fraction % 10);
        fraction /= 10;
    }
    std::size_t keep = frac_digits.size();
    while (keep > static_cast<std::size_t>(std::max(min_fraction_digits, 0)) && frac_digits[keep - 1] == '0') --keep;
    if (keep > 0) {
        out += separator;
        out.append(frac_digits, 0, keep);
    }
    return out;
}

}  // namespace comptoir::money_detail
