// Text with pango: the per-thread context, the document fonts, and measured layouts.
//
// Building a PangoContext and its font map costs fontconfig look-ups and glyph caches, so each
// thread keeps one for its lifetime (pango objects must not be shared between threads). The font
// family is chosen once per process through fontconfig among the families the install script
// provides, and it must cover the French typography we print (é, œ, €, narrow no-break space).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "modules/sales/pdf/graphics_handles.hpp"
#include "modules/sales/pdf/pdf_style.hpp"

namespace comptoir::sales::pdf {

// The type scale of the documents.
enum class Font {
    title,         // "FACTURE"
    number,        // "N° FA-2026-00042"
    seller_name,
    client_name,
    caps_label,    // small spaced capitals above blocks ("CLIENT", "PAIEMENT")
    body,
    body_bold,
    small,
    small_bold,
    tiny,          // legal mentions, footer
    section,       // section titles in the lines table
    note,          // note rows (italic)
    grand_label,   // "Net à payer"
    grand_amount,
    watermark,
    count_,
};

enum class Align { left, right, center };

// A laid-out text and its logical size in points.
struct TextBox {
    GRef<PangoLayout> layout;
    double width = 0;
    double height = 0;
};

// Vertical extent of each line of a layout, in points from the layout's top.
struct LineExtent {
    double top = 0;
    double bottom = 0;
};

class TextEngine {
public:
    // The calling thread's engine, created on first use. Internal error when no usable font exists.
    static Result<TextEngine*> for_this_thread();

    // `wrap_width` <= 0: a single unwrapped paragraph per '\n' line. Otherwise the text wraps at
    // words (or inside a word too long for the width) and is aligned within that width.
    TextBox text(std::string_view text, Font font, double wrap_width = 0, Align align = Align::left);

    // A line description: the first line as body text, the following ones smaller and muted.
    TextBox description(std::string_view text, double wrap_width);

    // "Label : value" in one paragraph, the label muted and the value in ink (bold if asked).
    TextBox label_value(std::string_view label, std::string_view value, Font font, bool bold_value,
                        double wrap_width);

    // Re-wraps an existing layout once its column width is known.
    static void rewrap(TextBox& box, double wrap_width, Align align);

    // Extra space between the lines of a paragraph, in points.
    static void set_line_gap(TextBox& box, double gap);

    static std::vector<LineExtent> line_extents(PangoLayout* layout);

    TextEngine(const TextEngine&) = delete;
    TextEngine& operator=(const TextEngine&) = delete;
    ~TextEngine();

private:
    explicit TextEngine(const std::string& family);
    // `clean` is already clean_utf8'd: attribute byte offsets are computed on it.
    TextBox make(std::string_view clean, Font font, double wrap_width, Align align, PangoAttrList* attrs);

    GRef<PangoFontMap> font_map_;
    GRef<PangoContext> context_;
    std::array<PangoFontDescription*, static_cast<size_t>(Font::count_)> fonts_{};
};

// Text as pango accepts it: valid UTF-8 without NUL bytes (invalid sequences become U+FFFD), so
// that bad input can never make pango refuse a string or log warnings.
std::string clean_utf8(std::string_view text);

// Upper-case in the Unicode sense ("échéance" → "ÉCHÉANCE").
std::string upper(std::string_view text);

}  // namespace comptoir::sales::pdf
