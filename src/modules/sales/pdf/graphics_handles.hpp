// Owning handles for the C objects of glib, cairo and pango, so that every early return releases
// what was created (an error path must not leak a PDF surface or a layout).
#pragma once

#include <memory>
#include <utility>

#include <cairo.h>
#include <glib-object.h>
#include <pango/pango.h>

namespace comptoir::sales::pdf {

// One reference to a GObject (PangoLayout, PangoContext, PangoFontMap). Copying takes a reference.
template <typename T>
class GRef {
public:
    GRef() = default;
    explicit GRef(T* adopted) : p_(adopted) {}
    GRef(const GRef& other) : p_(other.p_) {
        if (p_) g_object_ref(p_);
    }
    GRef(GRef&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {}
    GRef& operator=(GRef other) noexcept {
        std::swap(p_, other.p_);
        return *this;
    }
    ~GRef() {
        if (p_) g_object_unref(p_);
    }
    T* get() const { return p_; }
    explicit operator bool() const { return p_ != nullptr; }

private:
    T* p_ = nullptr;
};

struct CairoSurfaceFree {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoFree {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct FontDescriptionFree {
    void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
struct AttrListFree {
    void operator()(PangoAttrList* a) const { pango_attr_list_unref(a); }
};

using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceFree>;
using CairoPtr = std::unique_ptr<cairo_t, CairoFree>;
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionFree>;
using AttrListPtr = std::unique_ptr<PangoAttrList, AttrListFree>;

}  // namespace comptoir::sales::pdf
