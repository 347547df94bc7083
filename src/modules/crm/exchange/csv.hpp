// CSV as spreadsheets write it (RFC 4180 and its real-world variants): the separator is detected
// (";" from French Excel, "," or tab elsewhere), fields may be quoted, with doubled quotes and line
// breaks inside, lines may end in CRLF, LF or CR.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "modules/crm/exchange/table.hpp"

namespace comptoir::crm::exchange {

struct CsvRecord {
    std::size_t line = 0;  // 1-based line where the record starts
    std::vector<std::string> fields;
};

// The separator that splits the first records most consistently into more than one field:
// ';', '\t', ',' or '|' (';' when nothing splits, e.g. a single column).
char detect_separator(std::string_view text);

// Every record of `text` (UTF-8, no BOM). An unclosed quote runs to the end of the file; `unclosed_at`
// then holds the line where it opened (0 otherwise).
std::vector<CsvRecord> parse_csv(std::string_view text, char separator, std::size_t* unclosed_at = nullptr,
                                 std::size_t max_records = static_cast<std::size_t>(-1));

// Reads a decoded CSV into a table: the first non-blank record is the header.
Result<Table> read_csv(std::string_view bytes, const ReadLimits& limits);

// Writing: one field quoted when needed (separator, quote, line break, leading or trailing space).
std::string csv_field(std::string_view value, char separator);
// A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe
// (OWASP "CSV injection"); the import removes it again.
std::string defuse_formula(std::string_view value);
std::string restore_formula(std::string_view value);  // the inverse, for cells read back

}  // namespace comptoir::crm::exchange
