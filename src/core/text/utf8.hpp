// Small UTF-8 helpers shared by the validators: decoding without trusting the input, and quoting
// user input safely inside error messages (which end up in HTML and JSON).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace comptoir {

// Returned by decode_utf8 for a malformed sequence (overlong, surrogate, truncated, > U+10FFFF).
inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

// Decodes the code point starting at `pos` and advances `pos` past it (by one byte when malformed,
// so that a caller can always make progress). Precondition: pos < s.size().
char32_t decode_utf8(std::string_view s, std::size_t& pos);

// Appends the UTF-8 encoding of `cp` (which must be a valid scalar value).
void append_utf8(std::string& out, char32_t cp);

bool is_valid_utf8(std::string_view s);

// A version of `input` fit to be quoted in a message: malformed bytes become U+FFFD, control
// characters become '?', and text longer than `max_code_points` is cut and ends with "…".
std::string quote_excerpt(std::string_view input, std::size_t max_code_points = 40);

}  // namespace comptoir
