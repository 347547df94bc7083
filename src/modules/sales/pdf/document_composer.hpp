// The whole document laid out (pass one), ready to be drawn (pass two).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/sales/pdf/draw_ops.hpp"
#include "modules/sales/pdf/pdf_labels.hpp"
#include "modules/sales/pdf/printable_document.hpp"

namespace comptoir::sales::pdf {

struct DocumentPlan {
    std::vector<PagePlan> pages;
    Block footer;             // the seller's legal identity, in page coordinates, on every page
    double page_number_y = 0;  // "Page N/M" sits at the right of the footer
    std::optional<TextBox> watermark;
    Rgb accent;
    std::string title;   // PDF metadata
    std::string author;
};

// Pass one: every text measured and every block given its page and position.
DocumentPlan compose_document(const PrintableDocument& document, const Labels& labels, TextEngine& text,
                              std::shared_ptr<const LogoImage> logo);

}  // namespace comptoir::sales::pdf
