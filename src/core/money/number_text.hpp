// Reading and writing numbers as people type them in France and as machines exchange them
// (internal to comptoir_money; Decimal and Money wrap it with their own messages).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace comptoir::money_detail {

enum class NumberProblem { Empty, Syntax, TooManyDecimals, TooLarge };

// Reads an optionally signed decimal number and returns it scaled by 10^places (0 ≤ places ≤ 9).
// Accepted, so that what a user copies from a spreadsheet or a French document just works:
//   - surrounding ASCII spaces; a sign '+', '-' or U+2212 (the typographic minus);
//   - either '.' or ',' as the decimal separator (at most one);
//   - thousands separated by a space, a no-break space (U+00A0) or a narrow no-break space (U+202F),
//     provided every group after the first has exactly three digits ("1 234,56", not "12 34");
//   - ".5" and "5." (a digit on one side of the separator is enough).
// Refused: a '.' or ',' used as a thousands separator ("1.234,56" or "1,234.56" are ambiguous, so
// neither is guessed), exponents, "inf"/"nan", letters, more decimals than `places` unless the
// extra ones are zeros, and magnitudes beyond what an int64 holds at that scale.
tl::expected<std::int64_t, NumberProblem> parse_scaled(std::string_view text, int places);

// Writes |value| / 10^places with `separator` between the integer and fraction parts, at least
// `min_fraction_digits` and at most `places` fraction digits (trailing zeros beyond the minimum are
// dropped), and `group` (empty for none) between thousands. The sign is the caller's business.
std::string format_scaled(std::int64_t value, int places, int min_fraction_digits, std::string_view separator,
                          std::string_view group);

// U+202F NARROW NO-BREAK SPACE: the French thousands separator (CLDR fr), which never breaks a line
// inside an amount; U+00A0 NO-BREAK SPACE, between an amount and its currency sign.
inline constexpr std::string_view kNarrowNoBreakSpace = "\xE2\x80\xAF";
inline constexpr std::string_view kNoBreakSpace = "\xC2\xA0";

}  // namespace comptoir::money_detail
