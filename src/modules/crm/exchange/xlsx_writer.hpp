// Writes a one-sheet XLSX workbook with libxlsxwriter: a bold, frozen header row and text cells
// (identifiers such as SIRET or postal codes stay text, so no spreadsheet turns them into numbers).
#pragma once

#include <string>
#include <vector>

namespace comptoir::crm::exchange {

class XlsxWriter {
public:
    // Rows are streamed to a temporary file under `temp_dir` (constant memory), then read back.
    XlsxWriter(const std::string& sheet_name, const std::vector<std::string>& header, const std::string& temp_dir);
    ~XlsxWriter();
    XlsxWriter(const XlsxWriter&) = delete;
    XlsxWriter& operator=(const XlsxWriter&) = delete;

    void add_row(const std::vector<std::string>& cells);
    // Closes the workbook and returns its bytes. Throws std::runtime_error if the library fails.
    std::string finish();

private:
    struct Impl;
    Impl* impl_;
};

}  // namespace comptoir::crm::exchange
