#include "modules/crm/exchange/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace comptoir::crm::exchange {

struct XlsxWriter::Impl {
    std::string path;
    std::string temp_dir;
    lxw_workbook* workbook = nullptr;
    lxw_worksheet* sheet = nullptr;
    lxw_format* bold = nullptr;
    lxw_format* wrap = nullptr;
    lxw_row_t row = 0;
    std::vector<std::size_t> widths;
};

XlsxWriter::XlsxWriter(const std::string& sheet_name, const std::vector<std::string>& header, const std::string& temp_dir)
    : impl_(new Impl) {
    std::string pattern = (temp_dir.empty() ? std::string("/tmp") : temp_dir) + "/comptoir-export-XXXXXX";
    int fd = mkstemp(pattern.data());
    if (fd < 0) {
        delete impl_;
        throw std::runtime_error("xlsx: cannot create a temporary file");
    }
    close(fd);
    impl_->path = pattern;
    impl_->temp_dir = temp_dir.empty() ? "/tmp" : temp_dir;
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = impl_->temp_dir.data();
    impl_->workbook = workbook_new_opt(impl_->path.c_str(), &options);
    if (!impl_->workbook) {
        std::remove(impl_->path.c_str());
        delete impl_;
        throw std::runtime_error("xlsx: cannot create the workbook");
    }
    impl_->sheet = workbook_add_worksheet(impl_->workbook, sheet_name.c_str());
    impl_->bold = workbook_add_format(impl_->workbook);
    format_set_bold(impl_->bold);
    format_set_bg_color(impl_->bold, 0xEEF0F3);
    format_set_text_wrap(impl_->bold);
    format_set_align(impl_->bold, LXW_ALIGN_VERTICAL_TOP);
    impl_->wrap = workbook_add_format(impl_->workbook);
    format_set_align(impl_->wrap, LXW_ALIGN_VERTICAL_TOP);
    // Column widths must be set before any row is written in constant-memory mode: from the header.
    for (std::size_t c = 0; c < header.size(); ++c) {
        double width = std::clamp<double>(static_cast<double>(header[c].size()) + 4, 12, 40);
        worksheet_set_column(impl_->sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr);
    }
    worksheet_freeze_panes(impl_->sheet, 1, 0);
    for (std::size_t c = 0; c < header.size(); ++c)
        worksheet_write_string(impl_->sheet, 0, static_cast<lxw_col_t>(c), header[c].c_str(), impl_->bold);
    impl_->row = 1;
}

XlsxWriter::~XlsxWriter() {
    if (impl_->workbook) workbook_close(impl_->workbook);
    std::remove(impl_->path.c_str());
    delete impl_;
}

void XlsxWriter::add_row(const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
        if (cells[c].empty()) continue;
        // Excel refuses cells above 32,767 characters.
        std::string value = cells[c].size() > 32767 ? cells[c].substr(0, 32767) : cells[c];
        worksheet_write_string(impl_->sheet, impl_->row, static_cast<lxw_col_t>(c), value.c_str(), impl_->wrap);
    }
    ++impl_->row;
}

std::string XlsxWriter::finish() {
    lxw_error rc = workbook_close(impl_->workbook);
    impl_->workbook = nullptr;
    if (rc != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(rc));
    std::ifstream in(impl_->path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace comptoir::crm::exchange
