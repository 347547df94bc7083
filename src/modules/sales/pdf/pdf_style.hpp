// Page geometry and colours of the printed documents, in PDF points (1/72 inch).
//
// One place for the look: a restrained palette (ink, muted grey, faint rules, one accent colour)
// and a fixed grid, so every block lines up with the others.
#pragma once

#include <string_view>

namespace comptoir::sales::pdf {

constexpr double kMm = 72.0 / 25.4;

constexpr double kPageWidth = 210.0 * kMm;  // A4
constexpr double kPageHeight = 297.0 * kMm;
constexpr double kMarginX = 15.0 * kMm;
constexpr double kMarginTop = 11.0 * kMm;
constexpr double kMarginBottom = 8.0 * kMm;
constexpr double kContentWidth = kPageWidth - 2 * kMarginX;
constexpr double kContentRight = kPageWidth - kMarginX;

// The client block sits where a right-hand window envelope (DL, window 100 × 45 mm, 20 mm from the
// right edge) shows it once the A4 sheet is folded in three.
constexpr double kAddressWindowX = 112.0 * kMm;
constexpr double kAddressWindowY = 50.0 * kMm;

struct Rgb {
    double r = 0, g = 0, b = 0;
};

constexpr Rgb rgb(unsigned hex) {
    return {((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0};
}

constexpr Rgb kInk = rgb(0x1f2933);       // body text: softer than pure black
constexpr Rgb kMuted = rgb(0x66707c);     // labels, details, legal small print
constexpr Rgb kRule = rgb(0xdfe3e8);      // thin separators
constexpr Rgb kPanel = rgb(0xf4f6f8);     // table header, payment panel
constexpr Rgb kSubtle = rgb(0xf9fafb);    // subtotal rows
constexpr Rgb kWhite = rgb(0xffffff);
constexpr Rgb kDefaultAccent = rgb(0x24508f);

// "#RRGGBB" (or "RRGGBB") to a colour; anything else gives the default accent. Colours too light to
// carry white text fall back to the default too, so the "Net à payer" band stays readable.
Rgb accent_from(std::string_view hex);

// The accent mixed with white: `amount` 0 is white, 1 the accent.
Rgb tint(Rgb accent, double amount);

}  // namespace comptoir::sales::pdf
