#include "modules/sales/pdf/text_engine.hpp"

#include <algorithm>
#include <memory>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

namespace comptoir::sales::pdf {

namespace {

struct FontSpec {
    PangoWeight weight;
    PangoStyle style;
    double size;            // points
    double letter_spacing;  // points
};

constexpr FontSpec spec(Font font) {
    switch (font) {
        case Font::title: return {PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 19, 0.8};
        case Font::number: return {PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 10.5, 0};
        case Font::seller_name: return {PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 11.5, 0};
        case Font::client_name: return {PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 10.5, 0};
        case Font::caps_label: return {PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 6.5, 0.45};
        case Font::body: return {PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 8.6, 0};
        case Font::body_bold: return {PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 8.6, 0};
        case Font::small: return {PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 8, 0};
        case Font::small_bold: return {PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 8, 0};
        case Font::tiny: return {PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 6.7, 0};
        case Font::section: return {PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 9.3, 0};
        case Font::note: return {PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, 8.3, 0};
        case Font::grand_label: return {PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 9.8, 0};
        case Font::grand_amount: return {PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 12, 0};
        case Font::watermark: return {PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 100, 4};
        case Font::count_: break;
    }
    return {PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 9, 0};
}

// Size of the muted detail lines of a description.
constexpr double kDetailSize = 7.7;

// Families the install script provides (fonts-liberation2, fonts-dejavu-core), best first. The
// character set asked for is the French typography we print: é, É, œ, «», €, ’, narrow and plain
// no-break spaces, "−" (minus sign), "…".
constexpr const char* kFamilies[] = {"Liberation Sans", "DejaVu Sans"};
constexpr FcChar32 kRequiredChars[] = {0xe9, 0xc9, 0x153, 0xab, 0xbb, 0x20ac, 0x2019, 0x202f, 0xa0, 0x2212, 0x2026};

bool family_installed(const char* family) {
    FcPattern* pattern = FcPatternCreate();
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family));
    FcCharSet* chars = FcCharSetCreate();
    for (FcChar32 c : kRequiredChars) FcCharSetAddChar(chars, c);
    FcPatternAddCharSet(pattern, FC_CHARSET, chars);
    FcObjectSet* objects = FcObjectSetBuild(FC_FAMILY, FC_FILE, static_cast<char*>(nullptr));
    FcFontSet* fonts = FcFontList(nullptr, pattern, objects);
    bool found = fonts != nullptr && fonts->nfont > 0;
    if (fonts) FcFontSetDestroy(fonts);
    FcObjectSetDestroy(objects);
    FcCharSetDestroy(chars);
    FcPatternDestroy(pattern);
    return found;
}

// Chosen once per process (a function-local static is initialised thread-safely).
const Result<std::string>& font_family() {
    static const Result<std::string> family = []() -> Result<std::string> {
        if (!FcInit()) return fail(Error::internal("pdf.fontconfig_unavailable"));
        for (const char* candidate : kFamilies) {
            if (family_installed(candidate)) return std::string(candidate);
        }
        return fail(Error::internal("pdf.font_missing"));
    }();
    return family;
}

PangoAlignment pango_alignment(Align align) {
    switch (align) {
        case Align::right: return PANGO_ALIGN_RIGHT;
        case Align::center: return PANGO_ALIGN_CENTER;
        case Align::left: break;
    }
    return PANGO_ALIGN_LEFT;
}

void measure(TextBox& box) {
    int w = 0, h = 0;
    pango_layout_get_size(box.layout.get(), &w, &h);
    box.width = static_cast<double>(w) / PANGO_SCALE;
    box.height = static_cast<double>(h) / PANGO_SCALE;
}

guint16 channel(double v) { return static_cast<guint16>(v * 65535.0 + 0.5); }

void add_attr(PangoAttrList* list, PangoAttribute* attr, size_t start, size_t end) {
    attr->start_index = static_cast<guint>(start);
    attr->end_index = static_cast<guint>(end);
    pango_attr_list_insert(list, attr);
}

}  // namespace

std::string clean_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c != '\0') out.push_back(c);
    }
    if (g_utf8_validate(out.data(), static_cast<gssize>(out.size()), nullptr)) return out;
    gchar* valid = g_utf8_make_valid(out.data(), static_cast<gssize>(out.size()));
    std::string result(valid);
    g_free(valid);
    return result;
}

std::string upper(std::string_view text) {
    std::string clean = clean_utf8(text);
    gchar* up = g_utf8_strup(clean.data(), static_cast<gssize>(clean.size()));
    std::string result(up);
    g_free(up);
    return result;
}

Result<TextEngine*> TextEngine::for_this_thread() {
    const auto& family = font_family();
    if (!family) return fail(family.error());
    thread_local std::unique_ptr<TextEngine> engine;
    if (!engine) engine.reset(new TextEngine(*family));
    if (!engine->context_) return fail(Error::internal("pdf.pango_unavailable"));
    return engine.get();
}

TextEngine::TextEngine(const std::string& family) {
    // FreeType fonts explicitly: their outlines are what cairo subsets and embeds in the PDF.
    font_map_ = GRef<PangoFontMap>(pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT));
    if (!font_map_) return;
    // 72 dpi: one pango point is one PDF unit, so sizes and positions need no conversion.
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(font_map_.get()), 72.0);
    context_ = GRef<PangoContext>(pango_font_map_create_context(font_map_.get()));

    // A PDF is a vector format: unhinted metrics and unrounded glyph positions give the true
    // spacing of the font at every zoom level (hinting is for screens at a fixed pixel size).
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context_.get(), options);
    cairo_font_options_destroy(options);
    pango_context_set_round_glyph_positions(context_.get(), FALSE);
    pango_context_set_language(context_.get(), pango_language_from_string("fr-fr"));

    for (size_t i = 0; i < fonts_.size(); ++i) {
        FontSpec s = spec(static_cast<Font>(i));
        PangoFontDescription* d = pango_font_description_new();
        pango_font_description_set_family(d, family.c_str());
        pango_font_description_set_weight(d, s.weight);
        pango_font_description_set_style(d, s.style);
        pango_font_description_set_absolute_size(d, s.size * PANGO_SCALE);
        fonts_[i] = d;
    }
}

TextEngine::~TextEngine() {
    for (auto* d : fonts_) {
        if (d) pango_font_description_free(d);
    }
}

TextBox TextEngine::make(std::string_view clean, Font font, double wrap_width, Align align, PangoAttrList* attrs) {
    TextBox box;
    box.layout = GRef<PangoLayout>(pango_layout_new(context_.get()));
    PangoLayout* layout = box.layout.get();
    pango_layout_set_font_description(layout, fonts_[static_cast<size_t>(font)]);
    pango_layout_set_text(layout, clean.data(), static_cast<int>(clean.size()));

    AttrListPtr own;
    double spacing = spec(font).letter_spacing;
    if (spacing > 0) {
        if (!attrs) {
            own.reset(pango_attr_list_new());
            attrs = own.get();
        }
        add_attr(attrs, pango_attr_letter_spacing_new(static_cast<int>(spacing * PANGO_SCALE)), 0, clean.size());
    }
    if (attrs) pango_layout_set_attributes(layout, attrs);  // the layout takes its own reference
    rewrap(box, wrap_width, align);
    return box;
}

void TextEngine::rewrap(TextBox& box, double wrap_width, Align align) {
    PangoLayout* layout = box.layout.get();
    if (wrap_width > 0) {
        pango_layout_set_width(layout, static_cast<int>(wrap_width * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    } else {
        pango_layout_set_width(layout, -1);
    }
    pango_layout_set_alignment(layout, pango_alignment(align));
    measure(box);
    // An aligned layout is drawn at its left edge and aligns itself within its width.
    if (wrap_width > 0 && align != Align::left) box.width = wrap_width;
}

TextBox TextEngine::text(std::string_view text, Font font, double wrap_width, Align align) {
    return make(clean_utf8(text), font, wrap_width, align, nullptr);
}

TextBox TextEngine::description(std::string_view text, double wrap_width) {
    std::string clean = clean_utf8(text);
    size_t newline = clean.find('\n');
    if (newline == std::string::npos) return make(clean, Font::body, wrap_width, Align::left, nullptr);
    AttrListPtr attrs(pango_attr_list_new());
    add_attr(attrs.get(), pango_attr_size_new_absolute(static_cast<int>(kDetailSize * PANGO_SCALE)), newline + 1,
             clean.size());
    add_attr(attrs.get(), pango_attr_foreground_new(channel(kMuted.r), channel(kMuted.g), channel(kMuted.b)),
             newline + 1, clean.size());
    TextBox box = make(clean, Font::body, wrap_width, Align::left, attrs.get());
    // A little air between the designation and its detail.
    set_line_gap(box, 0.6);
    return box;
}

TextBox TextEngine::label_value(std::string_view label, std::string_view value, Font font, bool bold_value,
                                double wrap_width) {
    std::string clean_label = clean_utf8(label);
    std::string all = clean_label + clean_utf8(value);
    AttrListPtr attrs(pango_attr_list_new());
    add_attr(attrs.get(), pango_attr_foreground_new(channel(kMuted.r), channel(kMuted.g), channel(kMuted.b)), 0,
             clean_label.size());
    if (bold_value) add_attr(attrs.get(), pango_attr_weight_new(PANGO_WEIGHT_BOLD), clean_label.size(), all.size());
    return make(all, font, wrap_width, Align::left, attrs.get());
}

void TextEngine::set_line_gap(TextBox& box, double gap) {
    pango_layout_set_spacing(box.layout.get(), static_cast<int>(gap * PANGO_SCALE));
    double width = box.width;
    measure(box);
    box.width = std::max(box.width, width);  // keep the alignment width of an aligned layout
}

std::vector<LineExtent> TextEngine::line_extents(PangoLayout* layout) {
    std::vector<LineExtent> lines;
    lines.reserve(static_cast<size_t>(pango_layout_get_line_count(layout)));
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    do {
        int y0 = 0, y1 = 0;
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        lines.push_back({static_cast<double>(y0) / PANGO_SCALE, static_cast<double>(y1) / PANGO_SCALE});
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return lines;
}

}  // namespace comptoir::sales::pdf
