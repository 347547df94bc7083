// Euro amounts typed by people ("10 000,00", "10000.50 €") to integer cents, and back for display.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir::identity {

// Accepts spaces (also no-break spaces) as thousands separators, ',' or '.' as the decimal mark
// (when both appear, the last one is the decimal mark), at most 2 decimals and an optional "€" or
// "EUR" suffix. Refuses negative amounts and amounts of a trillion euros or more.
// Codes: amount.empty, amount.format, amount.decimals, amount.negative, amount.too_large.
Checked<std::int64_t> parse_euro_amount(std::string_view input);

// 1000000 → "10 000,00" (fr) or "10,000.00" (en). Plain spaces, so the text parses back.
std::string format_euro_amount(std::int64_t cents, std::string_view locale);

}  // namespace comptoir::identity
