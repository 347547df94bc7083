#include "modules/sales/pdf/render_pdf.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "modules/sales/pdf/pdf_test_tools.hpp"
#include "modules/sales/pdf/sample_documents.hpp"

using namespace comptoir;
using namespace comptoir::sales::pdf;
namespace t = comptoir::sales::pdf::testing;

namespace {

std::string render_ok(const PrintableDocument& doc) {
    auto pdf = render_pdf(doc);
    EXPECT_TRUE(pdf.has_value()) << (pdf ? "" : pdf.error().code);
    return pdf ? *pdf : std::string();
}

bool is_pdf(const std::string& bytes) {
    if (bytes.rfind("%PDF-", 0) != 0) return false;
    // Only trailing whitespace may follow the end-of-file marker.
    auto end = bytes.find_last_not_of("\r\n ");
    return end != std::string::npos && end >= 4 && bytes.compare(end - 4, 5, "%%EOF") == 0;
}

}  // namespace

TEST(RenderPdf, ProducesACompletePdfFile) {
    std::string pdf = render_ok(samples::joinery_invoice());
    EXPECT_TRUE(is_pdf(pdf));
    EXPECT_GT(pdf.size(), 5000u);
}

TEST(RenderPdf, PrintsNumberPartiesAccentsTotalsAndMentions) {
    SKIP_WITHOUT_POPPLER();
    PrintableDocument doc = samples::joinery_invoice();
    std::string raw = t::pdf_text(render_ok(doc));
    std::string text = t::plain_spaces(raw);
    for (const char* expected : {
             "FACTURE", "FA-2026-00042", "09/03/2026", "08/04/2026",  // title, number, dates
             "SCI Les Tilleuls", "Éloïse Marchand", "Numéro client",  // client and header fields
             "Société Générale", "FR76 3000 3012 3400 0204 5678 912",  // bank details
             "Fournitures", "Main d'œuvre", "Sous-total Fournitures",  // sections
             "Total HT", "Total TTC", "Net à payer",                   // totals
             "Opération : Livraison de biens et prestation de services",
             "Devis d'origine : DE-2026-0012", "40 € (articles L441-10",  // references, recovery indemnity
             "Pas d'escompte pour paiement anticipé", "Option pour le paiement de la taxe d'après les débits",
             "RCS Lyon 512 345 678", "SIRET 512 345 678 00024", "N° TVA FR45 512345678",  // legal identity
             "Page 1/1"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected;
    }
    // Amounts with their narrow no-break spaces and euro sign (pdftotext turns those spaces into
    // plain ones; the font is chosen to have their glyphs, see text_engine.cpp).
    EXPECT_NE(text.find(t::plain_spaces(doc.totals.back().amount)), std::string::npos) << doc.totals.back().amount;
    EXPECT_NE(text.find(t::plain_spaces(doc.lines[1].total)), std::string::npos);
    EXPECT_NE(text.find("3 397,94 €"), std::string::npos);
}

TEST(RenderPdf, EmbedsEveryFont) {
    SKIP_WITHOUT_POPPLER();
    std::string fonts = t::pdf_fonts(render_ok(samples::joinery_invoice()));
    // name type [type…] encoding emb sub uni object ID: read the columns from the right.
    int rows = 0;
    std::istringstream in(fonts);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) continue;
        std::vector<std::string> cols;
        std::istringstream words(line);
        for (std::string w; words >> w;) cols.push_back(w);
        ASSERT_GE(cols.size(), 6u) << line;
        EXPECT_EQ(cols[cols.size() - 5], "yes") << "not embedded: " << line;
        ++rows;
    }
    EXPECT_GE(rows, 2) << fonts;  // regular and bold at least
}

TEST(RenderPdf, EmptyOptionalFieldsAreFine) {
    PrintableDocument empty;
    EXPECT_TRUE(is_pdf(render_ok(empty)));

    PrintableDocument minimal;
    minimal.kind_label = "DEVIS";
    minimal.lines.push_back({LineKind::item, "", "Prestation de conseil", "1", "", "500,00 €", "", "", "500,00 €"});
    minimal.totals.push_back({"Total", "500,00 €", Emphasis::grand});
    std::string pdf = render_ok(minimal);
    EXPECT_TRUE(is_pdf(pdf));
    if (t::poppler_available()) {
        std::string text = t::pdf_text(pdf);
        EXPECT_NE(text.find("Prestation de conseil"), std::string::npos);
        // Empty columns disappear: no unit, discount, VAT or reference header.
        EXPECT_EQ(text.find("REMISE"), std::string::npos);
        EXPECT_EQ(text.find("UNITÉ"), std::string::npos);
    }
}

TEST(RenderPdf, EnglishLabels) {
    SKIP_WITHOUT_POPPLER();
    PrintableDocument doc = samples::joinery_invoice();
    doc.language = Language::en;
    doc.kind_label = "INVOICE";
    std::string text = t::plain_spaces(t::pdf_text(render_ok(doc)));
    EXPECT_NE(text.find("DESCRIPTION"), std::string::npos);
    EXPECT_NE(text.find("Operation: Supply of goods and services"), std::string::npos);
    EXPECT_NE(text.find("Page 1/1"), std::string::npos);
}

TEST(RenderPdf, WatermarkIsDrawnButIsNotText) {
    SKIP_WITHOUT_POPPLER();
    PrintableDocument doc = samples::joinery_invoice();
    std::string plain = render_ok(doc);
    doc.watermark = "Brouillon";
    std::string draft = render_ok(doc);
    // Visible: a good share of the page is darker…
    std::string with = t::gray_pixels(draft, 1, 30);
    std::string without = t::gray_pixels(plain, 1, 30);
    ASSERT_EQ(with.size(), without.size());
    ASSERT_FALSE(with.empty());
    size_t darker = 0;
    for (size_t i = 0; i < with.size(); ++i) {
        if (static_cast<unsigned char>(with[i]) + 4 < static_cast<unsigned char>(without[i])) ++darker;
    }
    EXPECT_GT(darker, with.size() / 50) << darker << " of " << with.size();
    // …but the extracted text is the same, with no scattered letters of the mark.
    EXPECT_EQ(t::pdf_text(draft), t::pdf_text(plain));
}

TEST(RenderPdf, BadTextNeverCrashes) {
    PrintableDocument doc = samples::joinery_invoice();
    doc.client.name = std::string("Caf\xe9 \xff\xfe du ") + '\0' + "port";  // Latin-1, garbage, NUL
    doc.lines[1].description = "\x80\x81 \t tab\r\nwindows line";
    doc.notes = std::string(3000, '\n');
    doc.lines[2].quantity = std::string(400, '9');  // wider than any column: wraps
    EXPECT_TRUE(is_pdf(render_ok(doc)));
}

TEST(RenderPdf, AbsurdlyLongTextIsRefused) {
    PrintableDocument doc = samples::joinery_invoice();
    doc.lines[1].description = std::string(200'000, 'x');
    auto pdf = render_pdf(doc);
    ASSERT_FALSE(pdf.has_value());
    EXPECT_EQ(pdf.error().kind, ErrorKind::Invalid);
    ASSERT_EQ(pdf.error().fields.size(), 1u);
    EXPECT_EQ(pdf.error().fields[0].field, "lines[1].description");

    // Texts that cannot continue on another page have tighter bounds, every offender is named.
    doc = samples::joinery_invoice();
    doc.footer = std::string(5'000, 'f');
    doc.watermark = std::string(200, 'w');
    doc.reference_lines.resize(50, "Référence");
    pdf = render_pdf(doc);
    ASSERT_FALSE(pdf.has_value());
    std::vector<std::string> fields;
    for (const auto& f : pdf.error().fields) fields.push_back(f.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"footer", "watermark", "reference_lines"}));
}

TEST(RenderPdf, MetadataNamesTheDocument) {
    std::string pdf = render_ok(samples::joinery_invoice());
    EXPECT_NE(pdf.find("Comptoir"), std::string::npos);
}
