#include "modules/sales/pdf/page_painter.hpp"

#include <algorithm>
#include <cmath>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

namespace comptoir::sales::pdf {

namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

void set_color(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

void rounded_rect(cairo_t* cr, double x, double y, double w, double h, double r) {
    r = std::min({r, w / 2, h / 2});
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
    cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr);
}

struct Painter {
    cairo_t* cr;

    void operator()(const TextOp& op) const {
        bool clipped = op.clip_height >= 0;
        if (clipped) {
            cairo_save(cr);
            cairo_rectangle(cr, 0, op.clip_top, kPageWidth, op.clip_height);
            cairo_clip(cr);
        }
        set_color(cr, op.color);
        cairo_move_to(cr, op.x, op.y);
        pango_cairo_show_layout(cr, op.layout.get());
        if (clipped) cairo_restore(cr);
    }

    void operator()(const RectOp& op) const {
        set_color(cr, op.fill);
        if (op.radius > 0) {
            rounded_rect(cr, op.x, op.y, op.w, op.h, op.radius);
        } else {
            cairo_rectangle(cr, op.x, op.y, op.w, op.h);
        }
        cairo_fill(cr);
    }

    void operator()(const RuleOp& op) const {
        set_color(cr, op.color);
        cairo_set_line_width(cr, op.width);
        cairo_move_to(cr, op.x0, op.y0);
        cairo_line_to(cr, op.x1, op.y1);
        cairo_stroke(cr);
    }

    void operator()(const ImageOp& op) const {
        SurfacePtr image = logo_surface(op.logo);
        if (cairo_surface_status(image.get()) != CAIRO_STATUS_SUCCESS) return;
        cairo_save(cr);
        cairo_translate(cr, op.x, op.y);
        cairo_scale(cr, op.w / op.logo->width, op.h / op.logo->height);
        cairo_set_source_surface(cr, image.get(), 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
        cairo_paint(cr);
        cairo_restore(cr);
    }
};

// Large, pale, across the page diagonal, behind everything: visible, never in the way of reading.
void paint_watermark(cairo_t* cr, const TextBox& mark, Rgb accent) {
    double diagonal = std::hypot(kPageWidth, kPageHeight);
    double scale = std::min(1.0, 0.72 * diagonal / std::max(mark.width, 1.0));
    cairo_save(cr);
    cairo_translate(cr, kPageWidth / 2, kPageHeight / 2);
    cairo_rotate(cr, -std::atan2(kPageHeight, kPageWidth));
    cairo_scale(cr, scale, scale);
    cairo_set_source_rgba(cr, accent.r, accent.g, accent.b, 0.07);
    cairo_move_to(cr, -mark.width / 2, -mark.height / 2);
    // Outlines, not text: the mark must not end up in copied or extracted text (nor in search
    // indexes), where its rotated letters would be scattered among the document's words.
    pango_cairo_layout_path(cr, mark.layout.get());
    cairo_fill(cr);
    cairo_restore(cr);
}

}  // namespace

Result<std::string> paint_document(const DocumentPlan& plan, const Labels& labels, TextEngine& text) {
    std::string pdf;
    pdf.reserve(48 * 1024);
    SurfacePtr surface(cairo_pdf_surface_create_for_stream(append_bytes, &pdf, kPageWidth, kPageHeight));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return fail(Error::internal("pdf.surface"));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, clean_utf8(plan.title).c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, clean_utf8(plan.author).c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Comptoir");

    CairoPtr cr(cairo_create(surface.get()));
    Painter painter{cr.get()};
    int pages = static_cast<int>(plan.pages.size());
    for (int n = 0; n < pages; ++n) {
        if (plan.watermark) paint_watermark(cr.get(), *plan.watermark, plan.accent);
        for (const DrawOp& op : plan.pages[n].ops) std::visit(painter, op);
        for (const DrawOp& op : plan.footer.ops) std::visit(painter, op);
        TextBox number = text.text(page_label(labels, n + 1, pages), Font::tiny);
        painter(TextOp{number.layout, kContentRight - number.width, plan.page_number_y, kMuted});
        cairo_show_page(cr.get());
    }
    cairo_status_t status = cairo_status(cr.get());
    cr.reset();
    cairo_surface_finish(surface.get());
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface.get());
    if (status != CAIRO_STATUS_SUCCESS) return fail(Error::internal("pdf.cairo_failed"));
    return pdf;
}

}  // namespace comptoir::sales::pdf
