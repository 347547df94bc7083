// Internal helpers shared by the legal-identifier validators (not part of the public API).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace comptoir::legal_detail {

// Removes what people put between groups of characters when they copy an identifier from a
// letterhead, Kbis or bank statement: spaces, tabs, dots, dashes, slashes, and the no-break spaces
// (U+00A0, U+202F, U+2009) that word processors insert. Other bytes are kept for the caller to judge.
std::string strip_separators(std::string_view input);

// ASCII uppercase; other bytes unchanged.
std::string to_upper_ascii(std::string_view s);

bool all_digits(std::string_view s);

// The first character (a whole UTF-8 sequence) that is not a digit, quoted safely; "" if none.
std::string first_non_digit(std::string_view s);

// "(12 saisis)" / "(12 given)" with French agreement for 0 and 1.
std::string count_given_fr(std::size_t n);
std::string count_given_en(std::size_t n);

}  // namespace comptoir::legal_detail
