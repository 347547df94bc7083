// Multi-page documents: header repeated, "Page N/M" everywhere, rows and totals kept whole.
#include <gtest/gtest.h>

#include "modules/sales/pdf/pdf_test_tools.hpp"
#include "modules/sales/pdf/render_pdf.hpp"
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

// The 1-based page holding `needle`, or 0.
int page_of(const std::vector<std::string>& pages, const std::string& needle) {
    for (size_t i = 0; i < pages.size(); ++i) {
        if (pages[i].find(needle) != std::string::npos) return static_cast<int>(i + 1);
    }
    return 0;
}

std::vector<std::string> page_texts(const std::string& pdf) {
    int n = t::pdf_pages(pdf);
    std::vector<std::string> pages;
    for (int p = 1; p <= n; ++p) pages.push_back(t::plain_spaces(t::pdf_text(pdf, p)));
    return pages;
}

}  // namespace

TEST(Pagination, LongDocumentRepeatsHeaderAndNumbersPages) {
    SKIP_WITHOUT_POPPLER();
    std::string pdf = render_ok(samples::long_invoice(120));
    std::vector<std::string> pages = page_texts(pdf);
    int n = static_cast<int>(pages.size());
    ASSERT_GE(n, 3);
    for (int p = 1; p <= n; ++p) {
        const std::string& text = pages[p - 1];
        std::string label = "Page " + std::to_string(p) + "/" + std::to_string(n);
        EXPECT_EQ(t::count(text, label), 1) << label;
        // The legal identity is on every page.
        EXPECT_NE(text.find("SIRET 512 345 678 00024"), std::string::npos) << "page " << p;
        if (p > 1) {
            EXPECT_NE(text.find("FACTURE FA-2026-00107"), std::string::npos) << "page " << p;
        }
        // The table continues on every page but perhaps the last, and its header comes back with it.
        if (p < n) {
            EXPECT_EQ(t::count(text, "DÉSIGNATION"), 1) << "page " << p;
        }
    }
    EXPECT_EQ(page_of(pages, "Article n° 1 :"), 1);
    EXPECT_GT(page_of(pages, "Article n° 120 :"), 1);
}

TEST(Pagination, RowsAreNeverCutBetweenPages) {
    SKIP_WITHOUT_POPPLER();
    std::vector<std::string> pages = page_texts(render_ok(samples::long_invoice(120)));
    // Every third item has a detail line: it stays on the page of its designation.
    for (int i = 1; i <= 120; i += 3) {
        int designation = page_of(pages, "Article n° " + std::to_string(i) + " :");
        int detail = page_of(pages, "Détail " + std::to_string(i) + " :");
        ASSERT_GT(designation, 0) << i;
        EXPECT_EQ(designation, detail) << "item " << i;
    }
}

TEST(Pagination, TotalsBlockIsKeptTogether) {
    SKIP_WITHOUT_POPPLER();
    // Lengths around a page break, so that the totals fall at every position against it.
    for (int items = 22; items <= 36; items += 2) {
        std::vector<std::string> pages = page_texts(render_ok(samples::long_invoice(items)));
        int first = page_of(pages, "MONTANT TVA");
        EXPECT_GT(first, 0) << items;
        EXPECT_EQ(page_of(pages, "Total HT"), first) << items << " items";
        EXPECT_EQ(page_of(pages, "Net à payer"), first) << items << " items";
        EXPECT_EQ(page_of(pages, "IBAN"), first) << items << " items";
    }
}

TEST(Pagination, HugeDescriptionContinuesOverPages) {
    PrintableDocument doc = samples::joinery_invoice();
    std::string huge;
    for (int i = 0; huge.size() < 60'000; ++i) {
        huge += "Paragraphe " + std::to_string(i) + " : démolition, évacuation des gravats et reprise des enduits. ";
        if (i % 10 == 9) huge += "\n";
    }
    doc.lines[1].description = "Travaux selon cahier des charges\n" + huge;
    doc.lines[2].description = std::string(20'000, 'W');  // one unbreakable word
    std::string pdf = render_ok(doc);
    ASSERT_FALSE(pdf.empty());
    if (!t::poppler_available()) return;
    std::vector<std::string> pages = page_texts(pdf);
    EXPECT_GE(pages.size(), 5u);
    EXPECT_EQ(page_of(pages, "Paragraphe 0 :"), 1);
    EXPECT_GT(page_of(pages, "Paragraphe 500 :"), 2);
    EXPECT_EQ(page_of(pages, "Total HT"), page_of(pages, "Net à payer"));
}

TEST(Pagination, SectionTitleLongerThanAPageContinues) {
    PrintableDocument doc = samples::joinery_invoice();
    std::string title;
    while (title.size() < 30'000) title += "Lot " + std::to_string(title.size()) + " gros œuvre ";
    doc.lines[0].description = title;
    std::string pdf = render_ok(doc);
    ASSERT_FALSE(pdf.empty());
    if (!t::poppler_available()) return;
    std::vector<std::string> pages = page_texts(pdf);
    EXPECT_GE(pages.size(), 3u);
    EXPECT_GT(page_of(pages, "CET-200"), 1);  // the first item follows the whole title
}

TEST(Pagination, LongNotesAndMentionsFlowOnward) {
    SKIP_WITHOUT_POPPLER();
    PrintableDocument doc = samples::joinery_invoice();
    for (int i = 0; i < 80; ++i) doc.legal_mentions.push_back("Mention complémentaire numéro " + std::to_string(i) + ".");
    std::vector<std::string> pages = page_texts(render_ok(doc));
    ASSERT_GE(pages.size(), 2u);
    EXPECT_GT(page_of(pages, "Mention complémentaire numéro 79."), 1);
    EXPECT_NE(pages.back().find("Page " + std::to_string(pages.size()) + "/" + std::to_string(pages.size())),
              std::string::npos);
}
