// Phone numbers, through Google's libphonenumber: one canonical form (E.164) for storage and
// duplicate detection, a familiar form for display, and digit keys for search.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace comptoir {

struct PhoneNumber {
    std::string e164;     // "+33612345678": what is stored and compared
    std::string display;  // "06 12 34 56 78" for French numbers, "+32 470 12 34 56" otherwise
    std::string region;   // ISO 3166 region of the number: "FR", "BE", "RE"…
};

// Accepts what people type: "06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "0033612345678",
// "+33 (0)6 12 34 56 78", "(+33) 612345678", and foreign numbers with their "+" prefix. National
// numbers (no "+" or "00") are read in `default_region` (ISO 3166 code; an unknown region means
// only international numbers are understood). With a French default region, a national number that
// only exists overseas (0692… Réunion, 0696… Martinique) is recognised too.
// Only digits, spaces, no-break spaces and + . - ( ) / are accepted: letters are refused rather than
// turned into digits or dropped as an "extension".
// Codes: phone.empty, phone.invalid (the message quotes what was typed and says what is wrong).
Checked<PhoneNumber> parse_phone(std::string_view input, std::string_view default_region = "FR");

// The display form of a stored E.164 number (same rules as PhoneNumber::display). Input that does
// not parse is returned unchanged, so that nothing stored ever disappears from a screen.
std::string format_phone(std::string_view e164);

// Keys to prefix-match against phone_index_terms() when the search box holds something phone-like
// (only digits, spaces and + . - ( ), at least 4 digits); empty otherwise.
//  - a complete valid number: the E.164 digits ("06 12 34 56 78" → {"33612345678"});
//  - a partial number: the digits as typed, plus "33"+rest when it starts with "0" ("06 12" →
//    {"0612", "33612"}), or "0"+rest when it starts with "+33" or "0033" ("+33 6 12" →
//    {"33612", "0612"}). A "(0)" after +33 is ignored.
std::vector<std::string> phone_search_keys(std::string_view query);

// Terms to store in the search index for a phone: the E.164 digits ("33612345678") and, for
// numbers in the French numbering plan (metropolitan and overseas departments), the national
// digits ("0612345678"). Something that is not E.164 is indexed by its digits alone.
std::vector<std::string> phone_index_terms(std::string_view e164);

}  // namespace comptoir
