// 128-bit intermediate arithmetic for Decimal and Money (internal to comptoir_money).
//
// Every product of two int64 values fits in a signed 128-bit integer (|a·b| < 2^126), so a product is
// computed exactly first and rounded once, instead of being rounded twice or overflowing silently.
// GCC and Clang provide __int128 on every 64-bit target we build for.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

namespace comptoir::money_detail {

__extension__ typedef __int128 Wide;  // __extension__: no pedantic warning, even in strict ISO mode

// Our amounts use the symmetric range [-INT64_MAX, INT64_MAX]: INT64_MIN is excluded so that negation
// can never overflow.
inline constexpr std::int64_t kMaxInt = std::numeric_limits<std::int64_t>::max();

constexpr bool fits(Wide v) { return v >= -Wide(kMaxInt) && v <= Wide(kMaxInt); }

constexpr std::optional<std::int64_t> narrow(Wide v) {
    if (!fits(v)) return std::nullopt;
    return static_cast<std::int64_t>(v);
}

constexpr Wide abs_wide(Wide v) { return v < 0 ? -v : v; }

// num / den rounded half away from zero (0.5 → 1, -0.5 → -1), the rounding the French tax
// administration and EN 16931 expect. Precondition: den != 0 and |num|, |den| < 2^125.
constexpr Wide div_round_half_away(Wide num, Wide den) {
    Wide q = num / den;  // truncates toward zero
    const Wide r = num % den;
    if (2 * abs_wide(r) >= abs_wide(den)) q += ((num < 0) != (den < 0)) ? -1 : 1;
    return q;
}

constexpr Wide pow10(int n) {
    Wide p = 1;
    for (int i = 0; i < n; ++i) p *= 10;
    return p;
}

}  // namespace comptoir::money_detail
