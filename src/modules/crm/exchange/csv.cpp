#include "modules/crm/exchange/csv.hpp"

#include <algorithm>
#include <map>

#include "modules/crm/exchange/text_decoding.hpp"

namespace comptoir::crm::exchange {
namespace {

bool blank(const std::vector<std::string>& fields) {
    return std::all_of(fields.begin(), fields.end(), [](const std::string& f) {
        return f.find_first_not_of(" \t\r\n") == std::string::npos;
    });
}

// Text that is mostly control characters is binary data with a .csv name (a PDF, an image...).
bool looks_binary(std::string_view text) {
    std::size_t sample = std::min<std::size_t>(text.size(), 65536), controls = 0;
    for (std::size_t i = 0; i < sample; ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f') || c == 0x7F) ++controls;
    }
    return controls > 0 && controls * 100 > sample;  // more than 1 %
}

Error file_error(std::string code, std::string fr, std::string en) {
    return Error::invalid_field("file", std::move(code), std::move(fr), std::move(en));
}

}  // namespace

std::vector<CsvRecord> parse_csv(std::string_view text, char sep, std::size_t* unclosed_at, std::size_t max_records) {
    std::vector<CsvRecord> records;
    if (unclosed_at) *unclosed_at = 0;
    std::size_t line = 1, i = 0, n = text.size();
    while (i < n && records.size() < max_records) {
        CsvRecord record;
        record.line = line;
        std::string field;
        bool end_of_record = false;
        while (!end_of_record) {
            field.clear();
            if (i < n && text[i] == '"') {
                // Quoted field: runs to the closing quote; "" is a quote; line breaks are kept.
                std::size_t opened = line;
                ++i;
                bool closed = false;
                while (i < n) {
                    char c = text[i];
                    if (c == '"') {
                        if (i + 1 < n && text[i + 1] == '"') {
                            field.push_back('"');
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (c == '\r') {
                        // CRLF inside a field becomes LF; a lone CR too.
                        field.push_back('\n');
                        ++line;
                        i += (i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
                        continue;
                    }
                    if (c == '\n') ++line;
                    field.push_back(c);
                    ++i;
                }
                if (!closed && unclosed_at && *unclosed_at == 0) *unclosed_at = opened;
                // Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
                while (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r') field.push_back(text[i++]);
            } else {
                while (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r') field.push_back(text[i++]);
            }
            record.fields.push_back(field);
            if (i >= n) {
                end_of_record = true;
            } else if (text[i] == sep) {
                ++i;
                if (i >= n) {
                    record.fields.emplace_back();  // "a;b;" ends with an empty field
                    end_of_record = true;
                }
            } else {  // line break
                i += (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
                ++line;
                end_of_record = true;
            }
        }
        records.push_back(std::move(record));
    }
    return records;
}

char detect_separator(std::string_view text) {
    // Judged on the first records (whole ones: quoted line breaks are respected).
    std::string_view head = text.substr(0, std::min<std::size_t>(text.size(), 64 * 1024));
    char best = ';';
    double best_score = 0;
    for (char sep : {';', '\t', ',', '|'}) {
        auto records = parse_csv(head, sep, nullptr, 30);
        // A cut in the middle of the sample would make the last record short: leave it out.
        if (records.size() > 1 && head.size() < text.size()) records.pop_back();
        std::map<std::size_t, std::size_t> widths;
        std::size_t counted = 0;
        for (const auto& r : records) {
            if (blank(r.fields)) continue;
            ++widths[r.fields.size()];
            ++counted;
        }
        if (counted == 0) continue;
        auto mode = std::max_element(widths.begin(), widths.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
        if (mode->first < 2) continue;
        // Consistency first (the share of records with the usual width), then more columns.
        double score = static_cast<double>(mode->second) / counted * 1000 + std::min<std::size_t>(mode->first, 100);
        if (score > best_score) {
            best_score = score;
            best = sep;
        }
    }
    return best;
}

Result<Table> read_csv(std::string_view bytes, const ReadLimits& limits) {
    auto decoded = decode_text(bytes);
    if (!decoded || looks_binary(decoded->text))
        return fail(file_error("file.not_tabular",
                               "Ce fichier n'est ni un CSV ni un classeur XLSX : enregistrez-le au format CSV ou XLSX "
                               "depuis votre tableur.",
                               "This file is neither a CSV nor an XLSX workbook: save it as CSV or XLSX from your "
                               "spreadsheet."));
    Table table;
    table.format = "csv";
    table.encoding = decoded->encoding;
    char sep = detect_separator(decoded->text);
    table.separator = std::string(1, sep);
    std::size_t unclosed = 0;
    auto records = parse_csv(decoded->text, sep, &unclosed, limits.max_rows + 2);
    if (unclosed)
        table.warnings.push_back({"file", "file.unclosed_quote",
                                  "Un guillemet ouvert ligne " + std::to_string(unclosed) +
                                      " n'est jamais fermé : la fin du fichier a été lue comme un seul champ.",
                                  "A quote opened on line " + std::to_string(unclosed) +
                                      " is never closed: the rest of the file was read as one field."});
    std::size_t first = 0;
    while (first < records.size() && blank(records[first].fields)) ++first;
    if (first == records.size())
        return fail(file_error("file.empty", "Le fichier est vide : il ne contient aucune ligne.",
                               "The file is empty: it has no rows."));
    table.header = std::move(records[first].fields);
    std::size_t width = table.header.size();
    for (std::size_t r = first + 1; r < records.size(); ++r) {
        auto& rec = records[r];
        if (blank(rec.fields)) continue;
        width = std::max(width, rec.fields.size());
        table.rows.push_back({rec.line, std::move(rec.fields)});
    }
    if (table.rows.size() > limits.max_rows)
        return fail(file_error("file.too_many_rows",
                               "Le fichier compte plus de " + std::to_string(limits.max_rows) +
                                   " lignes : découpez-le en plusieurs fichiers.",
                               "The file has more than " + std::to_string(limits.max_rows) +
                                   " rows: split it into several files."));
    if (width > limits.max_columns)
        return fail(file_error("file.too_many_columns",
                               "Le fichier compte plus de " + std::to_string(limits.max_columns) + " colonnes.",
                               "The file has more than " + std::to_string(limits.max_columns) + " columns."));
    table.header.resize(width);
    for (auto& row : table.rows) {
        row.cells.resize(width);
        for (auto& cell : row.cells) {
            if (cell.size() > limits.max_cell_bytes) cell.resize(limits.max_cell_bytes);
            cell = restore_formula(cell);
        }
    }
    return table;
}

std::string csv_field(std::string_view value, char sep) {
    bool quote = value.find_first_of(std::string{'"', '\n', '\r', sep}) != std::string_view::npos ||
                 (!value.empty() && (value.front() == ' ' || value.back() == ' '));
    if (!quote) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += "\"\"";
        else out.push_back(c);
    }
    out += '"';
    return out;
}

std::string defuse_formula(std::string_view value) {
    if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@'))
        return "'" + std::string(value);
    return std::string(value);
}

std::string restore_formula(std::string_view value) {
    if (value.size() >= 2 && value[0] == '\'' &&
        (value[1] == '=' || value[1] == '+' || value[1] == '-' || value[1] == '@'))
        return std::string(value.substr(1));
    return std::string(value);
}

}  // namespace comptoir::crm::exchange
