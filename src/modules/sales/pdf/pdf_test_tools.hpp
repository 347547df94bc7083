// Looks inside rendered PDFs with poppler-utils (pdftotext, pdffonts, pdfinfo, pdfimages), which
// scripts/install-deps.sh installs. Tests that need them skip with a message when they are absent.
#pragma once

#include <string>

namespace comptoir::sales::pdf::testing {

bool poppler_available();

// The text of one page (1-based), or of every page when `page` is 0, in reading order.
std::string pdf_text(const std::string& pdf, int page = 0);

// The output of `pdffonts`, `pdfimages -list` and the page count from `pdfinfo`.
std::string pdf_fonts(const std::string& pdf);
std::string pdf_images(const std::string& pdf);
int pdf_pages(const std::string& pdf);

// The grey pixels (0 black … 255 white) of one page rendered at `dpi` by pdftoppm.
std::string gray_pixels(const std::string& pdf, int page, int dpi);

// A small JPEG made by poppler from the first page of `pdf` (`pdftoppm -jpeg`), for logo tests.
std::string jpeg_of_first_page(const std::string& pdf, int width, int height);

// The text with no-break and narrow no-break spaces turned into plain spaces, for readable assertions.
std::string plain_spaces(std::string text);

// Counts non-overlapping occurrences.
int count(const std::string& haystack, const std::string& needle);

}  // namespace comptoir::sales::pdf::testing

#define SKIP_WITHOUT_POPPLER()                                                                      \
    if (!::comptoir::sales::pdf::testing::poppler_available())                                     \
    GTEST_SKIP() << "poppler-utils (pdftotext, pdffonts) not installed: run scripts/install-deps.sh"
