// The file formats and readings of the client import, without a database: CSV dialects and
// encodings, XLSX from another producer and from our own writer, the column guesses, and the cell
// readings (dates, terms, names...). Files under fixtures/import are real-world shapes kept as they are.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "modules/crm/exchange/csv.hpp"
#include "modules/crm/exchange/table.hpp"
#include "modules/crm/exchange/text_decoding.hpp"
#include "modules/crm/exchange/xlsx_reader.hpp"
#include "modules/crm/exchange/xlsx_writer.hpp"
#include "modules/crm/model/client_validation.hpp"
#include "modules/crm/model/export_row.hpp"
#include "modules/crm/model/import_fields.hpp"
#include "modules/crm/model/import_row.hpp"

namespace comptoir::crm {
namespace {

using exchange::read_table;
using exchange::Table;

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(CRM_FIXTURES) + "/import/" + name, std::ios::binary);
    EXPECT_TRUE(in.good()) << name;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

Table read_ok(const std::string& bytes) {
    auto t = read_table(bytes);
    EXPECT_TRUE(t.has_value()) << (t ? "" : t.error().fields.at(0).message_en);
    return t ? *t : Table{};
}

std::string error_code(const std::string& bytes) {
    auto t = read_table(bytes);
    if (t) return "ok";
    return t.error().fields.empty() ? t.error().code : t.error().fields.front().code;
}

TEST(CsvReading, ExcelOnWindowsFileIsWindows1252WithSemicolonsQuotesAndLineBreaks) {
    Table t = read_ok(fixture("excel_windows1252.csv"));
    EXPECT_EQ(t.format, "csv");
    EXPECT_EQ(t.encoding, "windows-1252");
    EXPECT_EQ(t.separator, ";");
    ASSERT_EQ(t.header.size(), 13u);  // the trailing separator makes an empty 13th column
    EXPECT_EQ(t.header[6], "Téléphone");
    EXPECT_EQ(t.header[2], "N° TVA");
    ASSERT_EQ(t.rows.size(), 4u);  // the blank line is dropped
    EXPECT_EQ(t.rows[0].cells[0], "Boulangerie Lefèvre");
    EXPECT_EQ(t.rows[1].cells[11], "Client depuis 2019\nPréfère être appelé le matin");
    EXPECT_EQ(t.rows[2].cells[0], "Cabinet \"Moreau\" Conseil");
    EXPECT_EQ(t.rows[2].cells[11], "Il a dit : \"rappeler en septembre\"");
    EXPECT_EQ(t.rows[3].cells[0], "Pâtisserie Ça & Là");
    // Lines count the quoted line break: the 4th data row starts on line 7.
    EXPECT_EQ(t.rows[2].line, 6u);
}

TEST(CsvReading, Utf8WithBomCommasAndMoreCellsThanHeaders) {
    Table t = read_ok(fixture("english_utf8_bom.csv"));
    EXPECT_EQ(t.encoding, "utf-8-bom");
    EXPECT_EQ(t.separator, ",");
    EXPECT_EQ(t.header.front(), "Company name");  // no BOM left in the first header
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.header.size(), 13u);  // the row with an extra value widens the table
    EXPECT_EQ(t.rows[2].cells[12], "extra value");
    EXPECT_EQ(t.rows[1].cells[11], "Line one\nLine two, with comma");
    EXPECT_EQ(t.rows[0].cells[1], "Léa");
}

TEST(CsvReading, TabSeparatedWithoutBom) {
    Table t = read_ok(fixture("individuals_tab.txt"));
    EXPECT_EQ(t.encoding, "utf-8");
    EXPECT_EQ(t.separator, "\t");
    EXPECT_EQ(t.rows.at(0).cells.at(2), "Le Floc'h");
}

TEST(CsvReading, Utf16FromExcelUnicodeText) {
    std::string text = "Raison sociale\tVille\r\nÉpicerie Thé\tNîmes\r\n";
    std::string utf16 = "\xFF\xFE";
    auto decoded = exchange::to_utf8(std::string("\xEF\xBB\xBF") + text, "UTF-8");  // sanity: iconv is there
    ASSERT_FALSE(decoded.empty());
    // Encode to UTF-16LE by hand (BMP only).
    std::size_t pos = 0;
    while (pos < text.size()) {
        unsigned char c = text[pos];
        char32_t cp;
        if (c < 0x80) cp = c, pos += 1;
        else if (c < 0xE0) cp = ((c & 0x1F) << 6) | (text[pos + 1] & 0x3F), pos += 2;
        else cp = ((c & 0x0F) << 12) | ((text[pos + 1] & 0x3F) << 6) | (text[pos + 2] & 0x3F), pos += 3;
        utf16.push_back(static_cast<char>(cp & 0xFF));
        utf16.push_back(static_cast<char>(cp >> 8));
    }
    Table t = read_ok(utf16);
    EXPECT_EQ(t.encoding, "utf-16le");
    EXPECT_EQ(t.rows.at(0).cells.at(0), "Épicerie Thé");
    EXPECT_EQ(t.rows.at(0).cells.at(1), "Nîmes");
}

TEST(CsvReading, QuotingRules) {
    std::size_t unclosed = 0;
    auto records = exchange::parse_csv("a;\"b;c\";\"d\"\"e\"\r\n\"x\ny\";z;\n", ';', &unclosed);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].fields, (std::vector<std::string>{"a", "b;c", "d\"e"}));
    EXPECT_EQ(records[1].fields, (std::vector<std::string>{"x\ny", "z", ""}));
    EXPECT_EQ(unclosed, 0u);
    exchange::parse_csv("a;\"never closed\nb;c\n", ';', &unclosed);
    EXPECT_EQ(unclosed, 1u);
    auto table = read_table("Nom;Ville\n\"Dupont;Lyon\n");
    ASSERT_TRUE(table);
    ASSERT_EQ(table->warnings.size(), 1u);
    EXPECT_EQ(table->warnings[0].code, "file.unclosed_quote");
}

TEST(CsvReading, SeparatorDetection) {
    EXPECT_EQ(exchange::detect_separator("a;b;c\n1;2,5;3\n"), ';');
    EXPECT_EQ(exchange::detect_separator("a,b,c\n1,2,3\n"), ',');
    EXPECT_EQ(exchange::detect_separator("a\tb\n1\t2\n"), '\t');
    EXPECT_EQ(exchange::detect_separator("name\nDupont\n"), ';');  // one column
    // Commas inside quoted names do not fool it.
    EXPECT_EQ(exchange::detect_separator("\"Dupont, Jean\";Lyon\n\"Martin, Léa\";Paris\n"), ';');
}

TEST(CsvReading, FormulaDefusingRoundTrips) {
    EXPECT_EQ(exchange::defuse_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    EXPECT_EQ(exchange::defuse_formula("+32 2 512 34 56"), "'+32 2 512 34 56");
    EXPECT_EQ(exchange::defuse_formula("Dupont"), "Dupont");
    EXPECT_EQ(exchange::restore_formula("'+32 2 512 34 56"), "+32 2 512 34 56");
    EXPECT_EQ(exchange::restore_formula("'Dupont"), "'Dupont");
    EXPECT_EQ(exchange::csv_field("a;b", ';'), "\"a;b\"");
    EXPECT_EQ(exchange::csv_field("say \"hi\"", ';'), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(exchange::csv_field("two\nlines", ';'), "\"two\nlines\"");
}

TEST(FileReading, BadInputIsNamed) {
    EXPECT_EQ(error_code(""), "file.empty");
    EXPECT_EQ(error_code("\r\n\r\n ; ;\r\n"), "file.empty");
    EXPECT_EQ(error_code(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0')), "file.xls_unsupported");
    EXPECT_EQ(error_code(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)), "file.not_tabular");
    EXPECT_EQ(error_code(std::string("PK\x03\x04", 4) + "garbage that is not a zip"), "file.xlsx_corrupt");
    std::string controls;
    for (int i = 0; i < 200; ++i) controls += static_cast<char>(1 + i % 8);
    EXPECT_EQ(error_code(controls), "file.not_tabular");
    exchange::ReadLimits limits;
    limits.max_rows = 2;
    auto t = read_table("a;b\n1;2\n3;4\n5;6\n", limits);
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().fields.front().code, "file.too_many_rows");
}

TEST(XlsxReading, SharedStringsNumbersDatesAndBlanksFromAnotherProducer) {
    Table t = read_ok(fixture("openpyxl_shared_strings.xlsx"));
    EXPECT_EQ(t.format, "xlsx");
    ASSERT_EQ(t.header.size(), 9u);
    EXPECT_EQ(t.header[0], "Raison sociale");
    ASSERT_EQ(t.rows.size(), 3u);  // the empty row is dropped
    EXPECT_EQ(t.rows[0].cells[0], "Menuiserie Roux");
    EXPECT_EQ(t.rows[0].cells[1], "40123456200015");  // a SIRET typed as a number keeps its digits
    EXPECT_EQ(t.rows[0].cells[2], "1000");            // the postal code lost its zero (the import restores it)
    EXPECT_EQ(t.rows[0].cells[5], "1");               // TRUE
    EXPECT_EQ(t.rows[0].cells[6], "2024-03-06");      // a date cell
    EXPECT_EQ(t.rows[0].cells[7], "5.5");
    EXPECT_EQ(t.rows[0].cells[8], "");
    EXPECT_EQ(t.rows[1].cells[8], "Affineur\nDepuis 1950");
    EXPECT_EQ(t.rows[2].cells[0], "Vins & Co");
    EXPECT_EQ(t.rows[2].line, 5u);
}

TEST(XlsxReading, OurWriterReadsBack) {
    std::string bytes;
    {
        exchange::XlsxWriter w("Clients", {"Raison sociale", "Notes", "SIRET"}, std::filesystem::temp_directory_path());
        w.add_row({"Société L'Œuf d'Or", "ligne 1\nligne 2 & <b>", "732 829 320 00074"});
        w.add_row({"", "", ""});
        w.add_row({"Émile & Fils", std::string(40000, 'x'), "00012"});
        bytes = w.finish();
    }
    Table t = read_ok(bytes);
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].cells[0], "Société L'Œuf d'Or");
    EXPECT_EQ(t.rows[0].cells[1], "ligne 1\nligne 2 & <b>");
    EXPECT_EQ(t.rows[0].cells[2], "732 829 320 00074");
    EXPECT_EQ(t.rows[1].cells[2], "00012");             // text cells keep leading zeros
    EXPECT_EQ(t.rows[1].cells[1].size(), 32767u);      // Excel's cell limit
}

TEST(XlsxReading, SerialDatesAndNumbers) {
    EXPECT_EQ(exchange::excel_serial_date(45357), "2024-03-06");
    EXPECT_EQ(exchange::excel_serial_date(1), "1900-01-01");
    EXPECT_EQ(exchange::excel_serial_date(61), "1900-03-01");  // after Excel's 29 February 1900
    EXPECT_EQ(exchange::excel_serial_date(0), "");
    EXPECT_EQ(exchange::number_text("7.3282932000074E+13"), "73282932000074");
    EXPECT_EQ(exchange::number_text("12.0"), "12");
    EXPECT_EQ(exchange::number_text("5.5"), "5.5");
    EXPECT_EQ(exchange::number_text("612345678"), "612345678");
}

TEST(ColumnGuess, FrenchSpreadsheetHeaders) {
    auto keys = guess_mapping({"Raison sociale", "SIRET", "N° TVA", "Adresse", "Code postal", "Ville", "Téléphone",
                               "E-mail", "Contact", "Fonction", "Catégories", "Notes", "Colonne 13"});
    EXPECT_EQ(keys, (std::vector<std::string>{"legal_name", "siret", "vat_number", "billing_address.line1",
                                              "billing_address.postal_code", "billing_address.city", "phone", "email",
                                              "contact1.full_name", "contact1.role", "categories", "notes", ""}));
}

TEST(ColumnGuess, EnglishHeadersPutPeopleOnTheContact) {
    auto keys = guess_mapping({"Company name", "First name", "Last name", "Email", "Phone", "Mobile", "Empty", "Zip",
                               "City", "Country", "VAT number", "Notes"});
    EXPECT_EQ(keys, (std::vector<std::string>{"legal_name", "contact1.first_name", "contact1.last_name", "email", "phone",
                                              "contact1.phones", "", "billing_address.postal_code",
                                              "billing_address.city", "billing_address.country", "vat_number", "notes"}));
}

TEST(ColumnGuess, IndividualsAndALoneName) {
    EXPECT_EQ(guess_mapping({"Civilité", "Prénom", "Nom", "Tél", "Courriel", "CP", "Ville"}),
              (std::vector<std::string>{"civility", "first_name", "last_name", "phone", "email",
                                        "billing_address.postal_code", "billing_address.city"}));
    // "Nom" without a first-name column names the client, whoever it is.
    EXPECT_EQ(guess_mapping({"Nom", "Adresse", "Ville"}),
              (std::vector<std::string>{"legal_name", "billing_address.line1", "billing_address.city"}));
    // A field is guessed once: a second "Ville" is left out.
    EXPECT_EQ(guess_mapping({"Société", "Ville", "Ville"}), (std::vector<std::string>{"legal_name", "billing_address.city", ""}));
}

TEST(ColumnGuess, OurExportHeadersMapExactly) {
    for (const char* locale : {"fr", "en"}) {
        auto keys = export_keys(3);
        auto header = export_header(keys, locale);
        auto guessed = guess_mapping(header);
        ASSERT_EQ(guessed.size(), keys.size());
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] == "created_at" || keys[i] == "updated_at") EXPECT_EQ(guessed[i], "") << header[i];
            else EXPECT_EQ(guessed[i], keys[i]) << locale << ": " << header[i];
        }
    }
}

TEST(CellReading, SpreadsheetWaysOfWritingValues) {
    EXPECT_EQ(read_date("06/03/2024"), "2024-03-06");
    EXPECT_EQ(read_date("6-3-24"), "2024-03-06");
    EXPECT_EQ(read_date("2024-03-06 10:15:00"), "2024-03-06");
    EXPECT_EQ(read_date("31/02/2024"), "31/02/2024");  // left for validation to refuse
    EXPECT_EQ(read_payment_terms("45 jours fin de mois"), "45d_eom");
    EXPECT_EQ(read_payment_terms("30 jours"), "30d");
    EXPECT_EQ(read_payment_terms("À réception"), "on_receipt");
    EXPECT_EQ(read_payment_terms("Fin de mois + 10 jours"), "eom_10d");
    EXPECT_EQ(read_payment_terms("30 days end of month"), "30d_eom");
    EXPECT_EQ(read_payment_terms("60d"), "60d");
    EXPECT_EQ(read_payment_method("Chèque"), "cheque");
    EXPECT_EQ(read_payment_method("CB"), "card");
    EXPECT_EQ(read_payment_method("Prélèvement"), "direct_debit");
    EXPECT_EQ(read_country("Belgique"), "BE");
    EXPECT_EQ(read_country("fr"), "FR");
    EXPECT_EQ(read_yes_no("Oui"), true);
    EXPECT_EQ(read_yes_no("non"), false);
    EXPECT_EQ(read_yes_no("peut-être"), std::nullopt);
    EXPECT_EQ(split_list("Artisans, Lyon; VIP"), (std::vector<std::string>{"Artisans", "Lyon", "VIP"}));
    EXPECT_EQ(split_list("Dupont, Fils\nVIP"), (std::vector<std::string>{"Dupont, Fils", "VIP"}));
    auto k = split_full_name("M. Jean DUPONT");
    EXPECT_EQ(k.civility, "mr");
    EXPECT_EQ(k.first_name, "Jean");
    EXPECT_EQ(k.last_name, "DUPONT");
    k = split_full_name("DUPONT Jean-Pierre");
    EXPECT_EQ(k.first_name, "Jean-Pierre");
    EXPECT_EQ(k.last_name, "DUPONT");
    k = split_full_name("Éloïse Lefèvre");
    EXPECT_EQ(k.first_name, "Éloïse");
    EXPECT_EQ(k.last_name, "Lefèvre");
}

TEST(RowConversion, CellsBecomeACardValidatedLikeManualEntry) {
    std::vector<std::string> keys = {"legal_name", "billing_address.postal_code", "phone", "contact1.full_name",
                                     "contact1.role", "categories", "notes", "notes"};
    std::vector<std::string> headers = {"Société", "CP", "Tél", "Contact", "Fonction", "Catégories", "Notes", "Mobile"};
    auto row = convert_row(keys, headers,
                           {"Garage du Centre", "1000", "04 74 22 33 44 / 06 12 34 56 78", "Mme Léa DUBOIS", "Gérante",
                            "Artisans, Ain", "Client fidèle", "06 00 00 00 00"});
    EXPECT_TRUE(row.issues.empty());
    EXPECT_EQ(row.client.billing.postal_code, "01000");
    EXPECT_EQ(row.client.phone, "04 74 22 33 44");
    EXPECT_EQ(row.category_names, (std::vector<std::string>{"Artisans", "Ain"}));
    ASSERT_EQ(row.client.contacts.size(), 1u);
    EXPECT_EQ(row.client.contacts[0].last_name, "DUBOIS");
    EXPECT_EQ(row.client.contacts[0].civility, "mrs");
    EXPECT_EQ(row.client.notes, "Notes : Client fidèle\nMobile : 06 00 00 00 00\nAutre téléphone : 06 12 34 56 78");
    auto issues = normalise_client(row.client, "2026-01-01");
    EXPECT_TRUE(issues.empty());
    EXPECT_EQ(row.client.phone, "+33474223344");
}

TEST(RowConversion, ValidationIssuesPointAtTheirColumns) {
    std::vector<std::string> keys = {"legal_name", "siret", "contact2.phones", "", "email_consent.granted"};
    auto row = convert_row(keys, {"A", "B", "C", "D", "E"}, {"Acme", "123", "01 23", "x", "peut-être"});
    ASSERT_EQ(row.issues.size(), 1u);
    EXPECT_EQ(row.issues[0].field, "email_consent.granted");
    auto issues = normalise_client(row.client, "2026-01-01");
    std::map<std::string, std::optional<std::size_t>> columns;
    for (const auto& i : issues) columns[i.field] = column_of_issue(i.field, keys, row.contact_groups);
    EXPECT_EQ(columns.at("siret"), 1u);
    EXPECT_EQ(columns.at("contacts[0].phones[0]"), 2u);  // the only contact is "Contact 2"
}

TEST(RowConversion, AnUpdateChangesOnlyWhatTheRowSays) {
    Client base;
    base.id = 7;
    base.legal_name = "Boulangerie Martin";
    base.email = "contact@martin.fr";
    base.phone = "+33142685300";
    base.notes = "Ancienne note";
    Contact k;
    k.id = 3;
    k.first_name = "Léa";
    k.last_name = "Martin";
    k.emails = {"lea@martin.fr"};
    base.contacts = {k};
    std::vector<std::string> keys = {"legal_name", "email", "phone", "contact1.first_name", "contact1.last_name",
                                     "contact1.phones", "contact2.full_name"};
    auto row = convert_row(keys, std::vector<std::string>(keys.size()),
                           {"Boulangerie Martin", "", "01 99 88 77 66", "Lea", "MARTIN", "06 11 22 33 44", "Paul Roux"},
                           &base);
    EXPECT_EQ(row.client.email, "contact@martin.fr");  // empty cell: kept
    EXPECT_EQ(row.client.phone, "01 99 88 77 66");
    EXPECT_EQ(row.client.notes, "Ancienne note");
    ASSERT_EQ(row.client.contacts.size(), 2u);
    EXPECT_EQ(row.client.contacts[0].id, 3);  // the same person, accents and case aside
    EXPECT_EQ(row.client.contacts[0].phones, (std::vector<std::string>{"06 11 22 33 44"}));
    EXPECT_EQ(row.client.contacts[1].last_name, "Roux");
    EXPECT_EQ(row.contact_groups, (std::vector<int>{1, 2}));
}

}  // namespace
}  // namespace comptoir::crm
