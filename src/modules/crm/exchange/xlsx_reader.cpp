#include "modules/crm/exchange/xlsx_reader.hpp"

#include <libxml/xmlreader.h>
#include <zip.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace comptoir::crm::exchange {
namespace {

// Guards against zip bombs: a part larger than this once inflated is refused.
constexpr zip_uint64_t kMaxPartBytes = 256ull * 1024 * 1024;

Error file_error(std::string code, std::string fr, std::string en) {
    return Error::invalid_field("file", std::move(code), std::move(fr), std::move(en));
}

Error corrupt() {
    return file_error("file.xlsx_corrupt",
                      "Ce classeur XLSX est endommagé ou incomplet : ouvrez-le dans votre tableur et enregistrez-le "
                      "de nouveau.",
                      "This XLSX workbook is damaged or incomplete: open it in your spreadsheet and save it again.");
}

struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};

class Archive {
public:
    static std::optional<Archive> open(std::string_view bytes) {
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (!src) return std::nullopt;
        zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
        zip_error_fini(&error);
        if (!z) {
            zip_source_free(src);
            return std::nullopt;
        }
        Archive a;
        a.zip_.reset(z);
        return a;
    }
    bool has(const std::string& name) const { return zip_name_locate(zip_.get(), name.c_str(), 0) >= 0; }
    // The inflated part, or nullopt when absent, damaged or too large.
    std::optional<std::string> read(const std::string& name) const {
        zip_stat_t st;
        if (zip_stat(zip_.get(), name.c_str(), 0, &st) != 0) return std::nullopt;
        if (!(st.valid & ZIP_STAT_SIZE) || st.size > kMaxPartBytes) return std::nullopt;
        zip_file_t* f = zip_fopen(zip_.get(), name.c_str(), 0);
        if (!f) return std::nullopt;
        std::string out(st.size, '\0');
        zip_int64_t got = zip_fread(f, out.data(), st.size);
        zip_fclose(f);
        if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) return std::nullopt;
        return out;
    }

private:
    std::unique_ptr<zip_t, ZipCloser> zip_;
};

struct ReaderCloser {
    void operator()(xmlTextReaderPtr r) const { xmlFreeTextReader(r); }
};

// A thin streaming cursor over one XML part.
class Xml {
public:
    explicit Xml(const std::string& content)
        : reader_(xmlReaderForMemory(content.data(), static_cast<int>(content.size()), nullptr, nullptr,
                                     XML_PARSE_NONET)) {}
    bool ok() const { return reader_ != nullptr; }
    // Advances; false at the end or on malformed XML (then failed() is true).
    bool next() {
        int rc = xmlTextReaderRead(reader_.get());
        if (rc < 0) failed_ = true;
        return rc == 1;
    }
    bool failed() const { return failed_; }
    bool is_start(const char* local) const {
        return xmlTextReaderNodeType(reader_.get()) == XML_READER_TYPE_ELEMENT && name() == local;
    }
    bool is_end(const char* local) const {
        return xmlTextReaderNodeType(reader_.get()) == XML_READER_TYPE_END_ELEMENT && name() == local;
    }
    bool empty_element() const { return xmlTextReaderIsEmptyElement(reader_.get()) == 1; }
    bool is_text() const {
        int t = xmlTextReaderNodeType(reader_.get());
        return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
               t == XML_READER_TYPE_CDATA || t == XML_READER_TYPE_WHITESPACE;
    }
    std::string_view name() const {
        const xmlChar* n = xmlTextReaderConstLocalName(reader_.get());
        return n ? std::string_view(reinterpret_cast<const char*>(n)) : std::string_view();
    }
    std::string value() const {
        const xmlChar* v = xmlTextReaderConstValue(reader_.get());
        return v ? std::string(reinterpret_cast<const char*>(v)) : std::string();
    }
    std::string attribute(const char* local) const {
        xmlChar* v = xmlTextReaderGetAttribute(reader_.get(), reinterpret_cast<const xmlChar*>(local));
        if (!v) {
            // Namespaced attributes (r:id) by local name.
            if (xmlTextReaderMoveToFirstAttribute(reader_.get()) == 1) {
                do {
                    if (name() == local) {
                        std::string out = value();
                        xmlTextReaderMoveToElement(reader_.get());
                        return out;
                    }
                } while (xmlTextReaderMoveToNextAttribute(reader_.get()) == 1);
                xmlTextReaderMoveToElement(reader_.get());
            }
            return {};
        }
        std::string out(reinterpret_cast<const char*>(v));
        xmlFree(v);
        return out;
    }
    int depth() const { return xmlTextReaderDepth(reader_.get()); }

private:
    std::unique_ptr<xmlTextReader, ReaderCloser> reader_;
    bool failed_ = false;
};

// The text of the current element (<si>, <is>, <t>...): every <t> inside, phonetic runs left out.
std::string element_text(Xml& x, const char* element) {
    std::string out;
    if (x.empty_element()) return out;
    bool in_t = false;
    int phonetic = 0;
    while (x.next()) {
        if (x.is_end(element)) break;
        if (x.is_start("rPh")) { if (!x.empty_element()) ++phonetic; continue; }
        if (x.is_end("rPh")) { --phonetic; continue; }
        if (x.is_start("t")) { in_t = !x.empty_element(); continue; }
        if (x.is_end("t")) { in_t = false; continue; }
        if (in_t && phonetic == 0 && x.is_text()) out += x.value();
    }
    return out;
}

std::vector<std::string> shared_strings(const Archive& zip, bool& ok) {
    std::vector<std::string> out;
    ok = true;
    auto part = zip.read("xl/sharedStrings.xml");
    if (!part) {
        ok = !zip.has("xl/sharedStrings.xml");  // absent is fine (inline strings only); unreadable is not
        return out;
    }
    Xml x(*part);
    if (!x.ok()) { ok = false; return out; }
    while (x.next())
        if (x.is_start("si")) out.push_back(element_text(x, "si"));
    ok = !x.failed();
    return out;
}

// A number format shows a date when it has d, m or y outside quotes and brackets ("[Red]", "[h]").
bool date_format(const std::string& code) {
    bool quoted = false, bracket = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (c == '"') quoted = !quoted;
        else if (quoted) continue;
        else if (c == '\\' || c == '_' || c == '*') ++i;
        else if (c == '[') bracket = true;
        else if (c == ']') bracket = false;
        else if (!bracket && (c == 'd' || c == 'D' || c == 'y' || c == 'Y' || c == 'm' || c == 'M')) return true;
    }
    return false;
}

// Which cell styles (s="N") display dates.
std::set<int> date_styles(const Archive& zip) {
    std::set<int> out;
    auto part = zip.read("xl/styles.xml");
    if (!part) return out;
    Xml x(*part);
    if (!x.ok()) return out;
    std::set<int> date_formats{14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47};
    bool in_xfs = false;
    int index = 0;
    while (x.next()) {
        if (x.is_start("numFmt")) {
            int id = std::atoi(x.attribute("numFmtId").c_str());
            if (date_format(x.attribute("formatCode"))) date_formats.insert(id);
        } else if (x.is_start("cellXfs")) {
            in_xfs = true;
        } else if (x.is_end("cellXfs")) {
            in_xfs = false;
        } else if (in_xfs && x.is_start("xf")) {
            if (date_formats.contains(std::atoi(x.attribute("numFmtId").c_str()))) out.insert(index);
            ++index;
        }
    }
    return out;
}

// The first worksheet's part name and whether the workbook counts days from 1904.
std::optional<std::string> first_sheet(const Archive& zip, bool& date1904) {
    auto workbook = zip.read("xl/workbook.xml");
    if (!workbook) return std::nullopt;
    std::string rel_id;
    {
        Xml x(*workbook);
        if (!x.ok()) return std::nullopt;
        while (x.next()) {
            if (x.is_start("workbookPr")) {
                auto v = x.attribute("date1904");
                date1904 = v == "1" || v == "true";
            } else if (x.is_start("sheet") && rel_id.empty()) {
                rel_id = x.attribute("id");
            }
        }
    }
    std::string target;
    if (auto rels = zip.read("xl/_rels/workbook.xml.rels"); rels && !rel_id.empty()) {
        Xml x(*rels);
        while (x.ok() && x.next())
            if (x.is_start("Relationship") && x.attribute("Id") == rel_id) target = x.attribute("Target");
    }
    if (target.empty()) return zip.has("xl/worksheets/sheet1.xml") ? std::optional<std::string>("xl/worksheets/sheet1.xml")
                                                                    : std::nullopt;
    if (target.starts_with("/")) return target.substr(1);
    return "xl/" + target;
}

// "BC12" -> 54 (0-based column), or -1.
int column_of(const std::string& ref) {
    int col = 0;
    std::size_t i = 0;
    for (; i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])); ++i)
        col = col * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    if (i == 0 || col > 16384) return -1;
    return col - 1;
}

}  // namespace

bool looks_like_zip(std::string_view bytes) { return bytes.starts_with("PK\x03\x04"); }

std::string excel_serial_date(double serial, bool date1904) {
    if (!(serial >= 1) || serial > 2958465) return {};
    long days = static_cast<long>(std::floor(serial));
    using namespace std::chrono;
    sys_days base;
    if (date1904) {
        base = sys_days{year{1904} / January / 1};
    } else {
        // Serial 1 is 1900-01-01; Excel counts a 29 February 1900 that never was (serial 60).
        if (days >= 60) --days;
        base = sys_days{year{1899} / December / 31};
    }
    year_month_day ymd{base + std::chrono::days{days}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

std::string number_text(std::string_view raw) {
    std::string s(raw);
    bool plain = !s.empty() && s.find_first_of("eE") == std::string::npos && s.size() <= 17;
    if (plain) {
        // "12.0" -> "12"; "5.50" stays as written by the producer.
        if (auto dot = s.find('.'); dot != std::string::npos && s.find_first_not_of('0', dot + 1) == std::string::npos)
            s.erase(dot);
        return s;
    }
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || !std::isfinite(v)) return s;
    char buf[64];
    if (v == std::floor(v) && std::fabs(v) < 1e17) std::snprintf(buf, sizeof buf, "%.0f", v);
    else std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

Result<Table> read_xlsx(std::string_view bytes, const ReadLimits& limits) {
    auto zip = Archive::open(bytes);
    if (!zip) return fail(corrupt());
    if (auto mime = zip->read("mimetype"); mime && mime->find("opendocument") != std::string::npos)
        return fail(file_error("file.ods_unsupported",
                               "Les classeurs OpenDocument (.ods) ne sont pas lus : enregistrez-le au format XLSX ou "
                               "CSV.",
                               "OpenDocument spreadsheets (.ods) are not read: save it as XLSX or CSV."));
    bool date1904 = false;
    auto sheet_name = first_sheet(*zip, date1904);
    if (!sheet_name) {
        if (!zip->has("xl/workbook.xml"))
            return fail(file_error("file.not_tabular",
                                   "Cette archive ZIP n'est pas un classeur XLSX : enregistrez votre fichier au format "
                                   "XLSX ou CSV.",
                                   "This ZIP archive is not an XLSX workbook: save your file as XLSX or CSV."));
        return fail(corrupt());
    }
    bool strings_ok = true;
    auto strings = shared_strings(*zip, strings_ok);
    if (!strings_ok) return fail(corrupt());
    auto dates = date_styles(*zip);
    auto sheet = zip->read(*sheet_name);
    if (!sheet) return fail(corrupt());

    Table table;
    table.format = "xlsx";
    std::vector<TableRow> rows;
    Xml x(*sheet);
    if (!x.ok()) return fail(corrupt());
    std::size_t row_number = 0, width = 0;
    bool too_many = false;
    while (x.next()) {
        if (!x.is_start("row")) continue;
        auto r = x.attribute("r");
        row_number = r.empty() ? row_number + 1 : std::strtoul(r.c_str(), nullptr, 10);
        TableRow row;
        row.line = row_number;
        if (!x.empty_element()) {
            int next_col = 0;
            while (x.next() && !x.is_end("row")) {
                if (!x.is_start("c")) continue;
                int col = column_of(x.attribute("r"));
                if (col < 0) col = next_col;
                next_col = col + 1;
                std::string type = x.attribute("t"), style = x.attribute("s"), value;
                bool has_value = false;
                if (!x.empty_element()) {
                    while (x.next() && !x.is_end("c")) {
                        if (x.is_start("v") && !x.empty_element()) {
                            while (x.next() && !x.is_end("v"))
                                if (x.is_text()) value += x.value();
                            has_value = true;
                        } else if (x.is_start("is")) {
                            value = element_text(x, "is");
                            has_value = true;
                        }
                    }
                }
                if (!has_value) continue;
                std::string text;
                if (type == "s") {
                    std::size_t index = std::strtoul(value.c_str(), nullptr, 10);
                    if (index >= strings.size()) return fail(corrupt());
                    text = strings[index];
                } else if (type == "inlineStr" || type == "str") {
                    text = value;
                } else if (type == "b") {
                    text = value == "1" ? "1" : "0";
                } else if (type == "e") {
                    text = "";  // #N/A, #DIV/0!...: no value
                } else if (!style.empty() && dates.contains(std::atoi(style.c_str()))) {
                    text = excel_serial_date(std::strtod(value.c_str(), nullptr), date1904);
                } else {
                    text = number_text(value);
                }
                if (static_cast<std::size_t>(col) >= limits.max_columns) {
                    if (!text.empty()) too_many = true;
                    continue;
                }
                if (text.size() > limits.max_cell_bytes) text.resize(limits.max_cell_bytes);
                if (row.cells.size() <= static_cast<std::size_t>(col)) row.cells.resize(col + 1);
                row.cells[col] = std::move(text);
            }
        }
        bool blank = std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& c) {
            return c.find_first_not_of(" \t\r\n") == std::string::npos;
        });
        if (blank) continue;
        width = std::max(width, row.cells.size());
        rows.push_back(std::move(row));
        if (rows.size() > limits.max_rows + 1)
            return fail(file_error("file.too_many_rows",
                                   "Le fichier compte plus de " + std::to_string(limits.max_rows) +
                                       " lignes : découpez-le en plusieurs fichiers.",
                                   "The file has more than " + std::to_string(limits.max_rows) +
                                       " rows: split it into several files."));
    }
    if (x.failed()) return fail(corrupt());
    if (too_many)
        return fail(file_error("file.too_many_columns",
                               "Le fichier compte plus de " + std::to_string(limits.max_columns) + " colonnes.",
                               "The file has more than " + std::to_string(limits.max_columns) + " columns."));
    if (rows.empty())
        return fail(file_error("file.empty", "Le classeur est vide : sa première feuille ne contient aucune ligne.",
                               "The workbook is empty: its first sheet has no rows."));
    table.header = std::move(rows.front().cells);
    table.header.resize(width);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        rows[i].cells.resize(width);
        table.rows.push_back(std::move(rows[i]));
    }
    return table;
}

}  // namespace comptoir::crm::exchange
