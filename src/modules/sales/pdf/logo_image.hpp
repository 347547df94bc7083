// Seller logos: checked, decoded once, shared read-only by every render on every thread.
//
// PNG is decoded by cairo, flattened onto white and scaled down to about 300 dpi at the printed
// size, once: cairo compresses the pixels again into each PDF, so fewer pixels and no alpha mask
// make every render cheaper. JPEG is not decoded at all: its bytes go into the PDF as they are
// (DCTDecode), smaller and faster still; only its structure and size are checked.
#pragma once

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include <cairo.h>

#include "core/error.hpp"
#include "modules/sales/pdf/graphics_handles.hpp"

namespace comptoir::sales::pdf {

struct LogoImage {
    struct FreeBytes {
        void operator()(unsigned char* p) const { std::free(p); }
    };

    size_t hash = 0;
    std::string source;  // the original bytes: the cache key, and the embedded data for a JPEG
    bool is_jpeg = false;
    int width = 0;   // pixels
    int height = 0;
    int stride = 0;
    cairo_format_t format = CAIRO_FORMAT_ARGB32;
    // PNG: the decoded pixels. JPEG: zero pages from calloc that nobody reads (the PDF backend
    // uses the JPEG bytes), so they cost address space, not memory.
    std::unique_ptr<unsigned char, FreeBytes> pixels;
};

// The decoded logo, from the process-wide cache when these exact bytes were seen recently.
// Invalid (field "seller.logo") when the bytes are not a readable PNG or JPEG of sensible size.
Result<std::shared_ptr<const LogoImage>> load_logo(std::string_view bytes);

// A cairo surface for one render over the shared pixels; it keeps the image alive as long as cairo
// holds it (the PDF backend writes images out only when the document is finished).
SurfacePtr logo_surface(const std::shared_ptr<const LogoImage>& logo);

}  // namespace comptoir::sales::pdf
