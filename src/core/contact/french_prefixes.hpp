// What libphonenumber said about French numbers, remembered per prefix.
//
// Parsing a number with libphonenumber runs a dozen regular expressions (ICU): about 15 µs, the
// largest cost of validating a client in a bulk load. Most numbers typed are French, in a handful of
// shapes ("06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "0033 6…"), and in France's
// numbering plan whether a 9-digit number is valid, and how it is grouped for display, depends on its
// first digits only (at most five: premium 836 0x). So the answer for the first number of each
// 5-digit prefix is kept, and later numbers of that prefix reuse it: valid, the same grouping.
// A prefix whose first answer was anything else (invalid, or a number of an overseas department)
// is always parsed in full. phone_test.cpp checks every prefix against the full parse.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/contact/phone.hpp"

namespace comptoir::french_prefixes {

// The national significant number (9 digits, not starting with 0) of a number typed in one of the
// shapes above with only spaces, dots or dashes between digits; nullopt for anything else.
std::optional<std::string> significant_digits(std::string_view typed);

// The number for `nsn` when its prefix is known to be valid in France; nullopt otherwise.
std::optional<PhoneNumber> known(const std::string& nsn);

// Records what the full parse of a number with this `nsn` gave (nullptr: it was refused).
void learn(const std::string& nsn, const PhoneNumber* parsed);

}  // namespace comptoir::french_prefixes
