#include "modules/sales/pdf/logo_image.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <list>
#include <mutex>
#include <optional>

namespace comptoir::sales::pdf {

namespace {

// Bounds that keep a hostile file from asking for gigabytes: a logo is printed about 5 × 2 cm.
constexpr size_t kMaxBytes = 5u << 20;
constexpr int kMaxSide = 8000;
constexpr long long kMaxPixels = 24'000'000;
// Beyond this the pixels are scaled down once: about 300 dpi at the largest printed size
// (48 × 15 mm), what print needs, and every pixel kept is compressed again into each PDF.
constexpr int kKeepWidth = 600;
constexpr int kKeepHeight = 240;
constexpr size_t kCacheEntries = 16;

Error bad_logo(std::string code, std::string fr, std::string en) {
    return Error::invalid_field("seller.logo", std::move(code), std::move(fr), std::move(en));
}

Error unreadable() {
    return bad_logo("pdf.logo_unreadable", "Le logo n'est pas une image PNG ou JPEG lisible.",
                    "The logo is not a readable PNG or JPEG image.");
}

unsigned byte_at(std::string_view b, size_t i) { return static_cast<unsigned char>(b[i]); }
unsigned be16(std::string_view b, size_t i) { return byte_at(b, i) << 8 | byte_at(b, i + 1); }
unsigned long be32(std::string_view b, size_t i) {
    return static_cast<unsigned long>(be16(b, i)) << 16 | be16(b, i + 2);
}

bool sensible_size(unsigned long w, unsigned long h) {
    return w > 0 && h > 0 && w <= kMaxSide && h <= kMaxSide && static_cast<long long>(w * h) <= kMaxPixels;
}

Error too_large() {
    return bad_logo("pdf.logo_too_large", "Le logo est trop grand (8000 pixels de côté au plus).",
                    "The logo is too large (at most 8000 pixels a side).");
}

bool is_png(std::string_view b) { return b.size() >= 8 && std::memcmp(b.data(), "\x89PNG\r\n\x1a\n", 8) == 0; }
bool is_jpeg(std::string_view b) { return b.size() >= 3 && byte_at(b, 0) == 0xff && byte_at(b, 1) == 0xd8 && byte_at(b, 2) == 0xff; }

struct JpegInfo {
    unsigned width = 0;
    unsigned height = 0;
    unsigned components = 0;
};

// Walks the marker segments up to the start of the scan: the frame header must come first, be
// Huffman-coded (baseline, extended or progressive: what every PDF reader decodes), with 1, 3 or
// 4 components.
std::optional<JpegInfo> parse_jpeg(std::string_view b) {
    std::optional<JpegInfo> frame;
    size_t p = 2;
    while (p + 2 <= b.size()) {
        if (byte_at(b, p) != 0xff) return std::nullopt;
        unsigned marker = byte_at(b, p + 1);
        if (marker == 0xff) {  // fill byte
            ++p;
            continue;
        }
        p += 2;
        if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;  // no payload
        if (marker == 0xd9) return std::nullopt;                              // end before any scan
        if (p + 2 > b.size()) return std::nullopt;
        size_t length = be16(b, p);
        if (length < 2 || p + length > b.size()) return std::nullopt;
        if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
            if (marker > 0xc2 || length < 8) return std::nullopt;  // lossless, hierarchical, arithmetic
            frame = JpegInfo{be16(b, p + 5), be16(b, p + 3), byte_at(b, p + 7)};
        }
        if (marker == 0xda) {  // start of scan: the frame must be known and scan data must follow
            if (!frame || p + length >= b.size()) return std::nullopt;
            if (frame->components != 1 && frame->components != 3 && frame->components != 4) return std::nullopt;
            return frame;
        }
        p += length;
    }
    return std::nullopt;
}

struct PngReader {
    std::string_view data;
    size_t pos = 0;
};

cairo_status_t read_png(void* closure, unsigned char* out, unsigned int length) {
    auto* r = static_cast<PngReader*>(closure);
    if (length > r->data.size() - r->pos) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(out, r->data.data() + r->pos, length);
    r->pos += length;
    return CAIRO_STATUS_SUCCESS;
}

Result<std::shared_ptr<LogoImage>> decode_png(std::string_view bytes) {
    // The header announces the size before cairo allocates anything: refuse absurd ones first.
    if (bytes.size() < 24 || std::memcmp(bytes.data() + 12, "IHDR", 4) != 0) return fail(unreadable());
    if (!sensible_size(be32(bytes, 16), be32(bytes, 20))) return fail(too_large());

    PngReader reader{bytes};
    SurfacePtr decoded(cairo_image_surface_create_from_png_stream(read_png, &reader));
    if (cairo_surface_status(decoded.get()) != CAIRO_STATUS_SUCCESS) return fail(unreadable());

    int w = cairo_image_surface_get_width(decoded.get());
    int h = cairo_image_surface_get_height(decoded.get());

    // Flattened onto white, once: the logo is always printed on the white page, and an opaque
    // image spares cairo a second compressed stream (the alpha soft mask) in every PDF, and keeps
    // the file free of transparency groups for PDF/A later.
    double scale = std::min({1.0, static_cast<double>(kKeepWidth) / w, static_cast<double>(kKeepHeight) / h});
    int sw = std::max(1, static_cast<int>(w * scale + 0.5));
    int sh = std::max(1, static_cast<int>(h * scale + 0.5));
    SurfacePtr kept(cairo_image_surface_create(CAIRO_FORMAT_RGB24, sw, sh));
    {
        CairoPtr cr(cairo_create(kept.get()));
        cairo_set_source_rgb(cr.get(), 1, 1, 1);
        cairo_paint(cr.get());
        cairo_scale(cr.get(), static_cast<double>(sw) / w, static_cast<double>(sh) / h);
        cairo_set_source_surface(cr.get(), decoded.get(), 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr.get()), CAIRO_FILTER_GOOD);
        cairo_paint(cr.get());
    }
    if (cairo_surface_status(kept.get()) != CAIRO_STATUS_SUCCESS) return fail(unreadable());
    w = sw;
    h = sh;
    cairo_format_t format = CAIRO_FORMAT_RGB24;

    cairo_surface_flush(kept.get());
    auto logo = std::make_shared<LogoImage>();
    logo->width = w;
    logo->height = h;
    logo->format = format;
    logo->stride = cairo_format_stride_for_width(format, w);
    size_t size = static_cast<size_t>(logo->stride) * static_cast<size_t>(h);
    logo->pixels.reset(static_cast<unsigned char*>(std::malloc(size)));
    if (!logo->pixels) return fail(too_large());
    const unsigned char* src = cairo_image_surface_get_data(kept.get());
    int src_stride = cairo_image_surface_get_stride(kept.get());
    for (int row = 0; row < h; ++row) {
        std::memcpy(logo->pixels.get() + static_cast<size_t>(row) * logo->stride,
                    src + static_cast<size_t>(row) * src_stride, static_cast<size_t>(logo->stride));
    }
    return logo;
}

Result<std::shared_ptr<LogoImage>> decode_jpeg(std::string_view bytes) {
    auto info = parse_jpeg(bytes);
    if (!info) return fail(unreadable());
    if (!sensible_size(info->width, info->height)) return fail(too_large());
    auto logo = std::make_shared<LogoImage>();
    logo->is_jpeg = true;
    logo->width = static_cast<int>(info->width);
    logo->height = static_cast<int>(info->height);
    logo->format = CAIRO_FORMAT_RGB24;
    logo->stride = cairo_format_stride_for_width(logo->format, logo->width);
    logo->pixels.reset(static_cast<unsigned char*>(
        std::calloc(static_cast<size_t>(logo->stride), static_cast<size_t>(logo->height))));
    if (!logo->pixels) return fail(too_large());
    return logo;
}

Result<std::shared_ptr<LogoImage>> decode(std::string_view bytes) {
    if (bytes.size() > kMaxBytes) {
        return fail(bad_logo("pdf.logo_too_heavy", "Le logo dépasse 5 Mo.", "The logo is larger than 5 MB."));
    }
    if (is_png(bytes)) return decode_png(bytes);
    if (is_jpeg(bytes)) return decode_jpeg(bytes);
    return fail(unreadable());
}

// A handful of recently used logos (one per company that invoices right now), most recent first.
// Decoding happens outside the lock; two threads missing together both decode, which is harmless.
class LogoCache {
public:
    std::shared_ptr<const LogoImage> find(size_t hash, std::string_view bytes) {
        std::lock_guard lock(mutex_);
        for (auto it = entries_.begin(); it != entries_.end(); ++it) {
            if ((*it)->hash == hash && (*it)->source == bytes) {
                entries_.splice(entries_.begin(), entries_, it);
                return entries_.front();
            }
        }
        return nullptr;
    }

    void add(std::shared_ptr<const LogoImage> logo) {
        std::lock_guard lock(mutex_);
        entries_.push_front(std::move(logo));
        if (entries_.size() > kCacheEntries) entries_.pop_back();
    }

private:
    std::mutex mutex_;
    std::list<std::shared_ptr<const LogoImage>> entries_;
};

LogoCache& cache() {
    static LogoCache instance;
    return instance;
}

cairo_user_data_key_t kKeepAliveKey;

void release_logo(void* holder) { delete static_cast<std::shared_ptr<const LogoImage>*>(holder); }

}  // namespace

Result<std::shared_ptr<const LogoImage>> load_logo(std::string_view bytes) {
    size_t hash = std::hash<std::string_view>{}(bytes);
    if (auto hit = cache().find(hash, bytes)) return hit;
    TRY_RESULT(logo, decode(bytes));
    logo->hash = hash;
    logo->source.assign(bytes);
    std::shared_ptr<const LogoImage> shared = std::move(logo);
    cache().add(shared);
    return shared;
}

SurfacePtr logo_surface(const std::shared_ptr<const LogoImage>& logo) {
    // cairo never writes to a surface used only as a source: sharing the pixels is safe.
    SurfacePtr surface(cairo_image_surface_create_for_data(logo->pixels.get(), logo->format, logo->width,
                                                           logo->height, logo->stride));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return surface;
    cairo_surface_set_user_data(surface.get(), &kKeepAliveKey, new std::shared_ptr<const LogoImage>(logo),
                                release_logo);
    if (logo->is_jpeg) {
        cairo_surface_set_mime_data(surface.get(), CAIRO_MIME_TYPE_JPEG,
                                    reinterpret_cast<const unsigned char*>(logo->source.data()),
                                    logo->source.size(), release_logo, new std::shared_ptr<const LogoImage>(logo));
    }
    return surface;
}

}  // namespace comptoir::sales::pdf
