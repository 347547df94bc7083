// What encoding a text file is in, and its content as UTF-8. French spreadsheet exports come as
// UTF-8 (with or without the byte-order mark Excel writes), Windows-1252 (Excel's "CSV (séparateur:
// point-virgule)" on Windows) or UTF-16 ("Texte Unicode"). Conversions go through glibc's iconv.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace comptoir::crm::exchange {

struct DecodedText {
    std::string text;      // UTF-8, without byte-order mark
    std::string encoding;  // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252"
};

// UTF-8 when the bytes are valid UTF-8 (a BOM is removed), UTF-16 when a UTF-16 BOM starts them,
// Windows-1252 otherwise (every byte maps to a character; the five it leaves undefined become U+FFFD).
// nullopt when the content is not text at all (NUL bytes outside UTF-16).
std::optional<DecodedText> decode_text(std::string_view bytes);

// Converts with iconv; invalid sequences become U+FFFD. `from` is an iconv name ("WINDOWS-1252").
std::string to_utf8(std::string_view bytes, const char* from);

}  // namespace comptoir::crm::exchange
