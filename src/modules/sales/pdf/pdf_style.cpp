#include "modules/sales/pdf/pdf_style.hpp"

namespace comptoir::sales::pdf {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

Rgb accent_from(std::string_view hex) {
    if (!hex.empty() && hex.front() == '#') hex.remove_prefix(1);
    if (hex.size() != 6) return kDefaultAccent;
    unsigned value = 0;
    for (char c : hex) {
        int d = hex_digit(c);
        if (d < 0) return kDefaultAccent;
        value = value * 16 + static_cast<unsigned>(d);
    }
    Rgb c = rgb(value);
    // Relative luminance (sRGB approximated by a square): white text needs a dark enough background.
    double luminance = 0.2126 * c.r * c.r + 0.7152 * c.g * c.g + 0.0722 * c.b * c.b;
    return luminance > 0.35 ? kDefaultAccent : c;
}

Rgb tint(Rgb accent, double amount) {
    return {1 - (1 - accent.r) * amount, 1 - (1 - accent.g) * amount, 1 - (1 - accent.b) * amount};
}

}  // namespace comptoir::sales::pdf
