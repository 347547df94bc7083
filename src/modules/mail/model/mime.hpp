// The pieces of an Internet message (RFC 5322) we write ourselves: header texts in UTF-8 as RFC 2047
// encoded words, mailboxes with display names, the Date and Message-ID headers, an attachment's
// file name. Pure (today and the random part of a Message-ID are parameters).
#pragma once

#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace comptoir::mail {

// A header value as it may be written after "Subject: ": printable ASCII text unchanged; anything
// else as RFC 2047 "=?UTF-8?B?...?=" words of at most 75 characters, cut between characters (never
// inside a UTF-8 sequence) and folded with CRLF + space. Line breaks in `text` become spaces.
std::string encode_header_text(std::string_view text);

// The reverse, for tests and for showing stored headers: unfolds, decodes B and Q encoded words
// (UTF-8 or ISO-8859-1/US-ASCII charsets), and drops the whitespace between adjacent encoded words.
std::string decode_header_text(std::string_view value);

// "Name <address>" with the name quoted or encoded as needed; the bare address when `name` is empty.
std::string format_mailbox(std::string_view name, std::string_view address);

// "Thu, 26 Nov 2026 15:04:05 +0000" (RFC 5322 date-time, in UTC).
std::string rfc5322_date(TimePoint t);

// "<unique@domain>": `unique` (random, URL-safe) and the domain of `from_address` ("localhost" when
// it has none).
std::string make_message_id(std::string_view unique, std::string_view from_address);

// A file name every mail client reads: ASCII letters, digits, '-', '_' and '.' kept, anything else
// becomes '-'; "document.pdf" when nothing is left.
std::string safe_filename(std::string_view name);

// Standard base64 (RFC 4648, with padding); decoding skips line breaks and spaces and returns ""
// with `ok` false on anything else that is not base64.
std::string base64_encode(std::string_view bytes);
std::string base64_decode(std::string_view text, bool* ok = nullptr);

// Quoted-printable (RFC 2045) decoding, for tests and for reading stored messages: soft line
// breaks removed, =XX decoded.
std::string quoted_printable_decode(std::string_view text);

}  // namespace comptoir::mail
