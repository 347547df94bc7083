// A spreadsheet read from an uploaded file, whatever its format: a header row and data rows of
// UTF-8 text cells. The CSV and XLSX readers produce it; the import maps its columns to client fields.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace comptoir::crm::exchange {

struct TableRow {
    std::size_t line = 0;            // where the row starts in the file (1-based line or sheet row)
    std::vector<std::string> cells;  // as many as the header (missing cells are "")
};

struct Table {
    std::string format;     // "csv" or "xlsx"
    std::string encoding;   // "utf-8", "utf-8-bom", "windows-1252", "utf-16" (csv); "" for xlsx
    std::string separator;  // ";", ",", "\t", "|" (csv)
    std::vector<std::string> header;
    std::vector<TableRow> rows;  // blank rows are dropped
    std::vector<FieldIssue> warnings;  // readable anyway, but worth saying (an unclosed quote...)
};

struct ReadLimits {
    std::size_t max_rows = 250000;
    std::size_t max_columns = 300;
    std::size_t max_cell_bytes = 32767;  // Excel's own limit for one cell
};

// Reads a CSV or an XLSX file, told apart by their content (not their name). Errors name the file
// ("file") and say what to do: an empty file, an old .xls, an OpenDocument sheet, binary data, a
// damaged XLSX, too many rows or columns.
Result<Table> read_table(std::string_view bytes, const ReadLimits& limits = {});

}  // namespace comptoir::crm::exchange
