// Reads the first worksheet of an XLSX workbook (Office Open XML, ECMA-376) into a table: shared
// strings, inline strings, numbers (written without exponent, so a SIRET typed as a number keeps its
// 14 digits), booleans, cached formula results, and dates (numbers whose style is a date format)
// as YYYY-MM-DD. The zip is read in memory with libzip, the XML streamed with libxml2's reader.
#pragma once

#include <string_view>

#include "modules/crm/exchange/table.hpp"

namespace comptoir::crm::exchange {

bool looks_like_zip(std::string_view bytes);
Result<Table> read_xlsx(std::string_view bytes, const ReadLimits& limits);

// Excel's serial day number (1900 date system, with its phantom 29 February 1900) as YYYY-MM-DD;
// "" when out of range.
std::string excel_serial_date(double serial, bool date1904 = false);
// A number cell's text as a person would type it: "73282932000074" for 7.3282932000074E+13, "5.5".
std::string number_text(std::string_view raw);

}  // namespace comptoir::crm::exchange
