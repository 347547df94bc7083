// The output of the layout pass: what to draw where, page by page, before anything is drawn.
//
// Laying out first and drawing second is what makes "Page N/M" possible (the page count is known
// only at the end), and lets a block be measured before deciding on which page it goes.
#pragma once

#include <memory>
#include <variant>
#include <vector>

#include "modules/sales/pdf/logo_image.hpp"
#include "modules/sales/pdf/pdf_style.hpp"
#include "modules/sales/pdf/text_engine.hpp"

namespace comptoir::sales::pdf {

struct TextOp {
    GRef<PangoLayout> layout;
    double x = 0;
    double y = 0;  // top of the layout
    Rgb color;
    // When clip_height >= 0 only the band [clip_top, clip_top + clip_height] is drawn: how a text
    // too long for one page shows a slice of its lines on each page.
    double clip_top = 0;
    double clip_height = -1;
};

struct RectOp {
    double x = 0, y = 0, w = 0, h = 0;
    Rgb fill;
    double radius = 0;
};

struct RuleOp {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    double width = 0.5;
    Rgb color;
};

struct ImageOp {
    std::shared_ptr<const LogoImage> logo;
    double x = 0, y = 0, w = 0, h = 0;
};

using DrawOp = std::variant<TextOp, RectOp, RuleOp, ImageOp>;

// A group of operations positioned relative to its own top (x stays absolute on the page), with
// its height: measured first, then placed where it fits.
struct Block {
    std::vector<DrawOp> ops;
    double height = 0;

    void text(const TextBox& box, double x, double y, Rgb color) { ops.push_back(TextOp{box.layout, x, y, color}); }
    void rect(double x, double y, double w, double h, Rgb fill, double radius = 0) {
        ops.push_back(RectOp{x, y, w, h, fill, radius});
    }
    void hrule(double x0, double x1, double y, Rgb color, double width = 0.5) {
        ops.push_back(RuleOp{x0, y, x1, y, width, color});
    }
    // Appends `other` with its top at `dy` in this block.
    void append(const Block& other, double dy);
};

// Moves an operation down by `dy`.
void shift(DrawOp& op, double dy);

struct PagePlan {
    std::vector<DrawOp> ops;
};

}  // namespace comptoir::sales::pdf
