// Fixed-point decimal numbers for quantities, unit prices, rates and percentages. Never `double`:
// 0.1 + 0.2 must be 0.3, and a total must come out the same on the screen, the PDF and the XML.
//
// The value is an int64 mantissa at a fixed scale of 6 decimal places (value = mantissa / 10^6).
// Why 6: unit prices legitimately carry more than 2 decimals (electricity at 0.174512 €/kWh, a
// price per thousand, a price net of a 12.5 % discount) and EN 16931 puts no limit on them; hours
// as 1.333333; percentages such as 33.333333 % for a third. Six places cover these while leaving
// ±9 223 372 036 854.775807 of range, more than any quantity or price we will meet. The product of
// two mantissas always fits in 128 bits, so multiplications are exact before their one rounding.
//
// The range is symmetric: a mantissa is never INT64_MIN, so negation never overflows.
// Overflow is never silent: checked_* functions return nullopt, and the operators throw
// std::overflow_error (for code whose operands are known to be small); code handling user input
// uses the checked functions and reports an Error naming the field.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir {

class Decimal {
public:
    static constexpr int kScale = 6;
    static constexpr std::int64_t kOne = 1'000'000;
    static constexpr std::int64_t kMaxMantissa = std::numeric_limits<std::int64_t>::max();

    constexpr Decimal() = default;

    // Throws std::overflow_error for INT64_MIN, the one value outside the symmetric range.
    static constexpr Decimal from_mantissa(std::int64_t mantissa) {
        if (mantissa == std::numeric_limits<std::int64_t>::min()) throw std::overflow_error("Decimal: INT64_MIN");
        Decimal d;
        d.mantissa_ = mantissa;
        return d;
    }
    // A whole number: from_int(20) is 20. Throws std::overflow_error beyond ±9 223 372 036 854.
    static constexpr Decimal from_int(std::int64_t units) {
        if (units > kMaxMantissa / kOne || units < -(kMaxMantissa / kOne)) throw std::overflow_error("Decimal: too large");
        return from_mantissa(units * kOne);
    }
    // value × 10^-places: from_scaled(55, 1) is 5.5, from_scaled(-125, 2) is -1.25. 0 ≤ places ≤ 6.
    static constexpr Decimal from_scaled(std::int64_t value, int places) {
        if (places < 0 || places > kScale) throw std::invalid_argument("Decimal: places out of range");
        std::int64_t factor = 1;
        for (int i = places; i < kScale; ++i) factor *= 10;
        if (value > kMaxMantissa / factor || value < -(kMaxMantissa / factor)) throw std::overflow_error("Decimal: too large");
        return from_mantissa(value * factor);
    }

    // Reads user or API input ("12.5", "12,5", "-3", "1 234,56", "0.333"; see number_text.hpp for the
    // exact grammar). At most 6 decimals (extra trailing zeros are fine): a seventh significant decimal
    // is refused rather than silently rounded. Errors name `field` and have the codes
    // decimal.empty, decimal.invalid, decimal.too_many_decimals, decimal.too_large.
    static Result<Decimal> parse(std::string_view text, std::string_view field);

    constexpr std::int64_t mantissa() const { return mantissa_; }
    constexpr bool is_zero() const { return mantissa_ == 0; }
    constexpr bool is_negative() const { return mantissa_ < 0; }

    // Canonical machine form: '.' separator, no thousands separator, no trailing zeros, "-" for
    // negatives: "12.5", "-3", "0.333", "0". parse(to_string()) gives back the same value.
    std::string to_string() const;
    // French display: ',' separator, narrow no-break spaces between thousands, padded with zeros to
    // `min_fraction_digits` (0-6): to_string_fr(2) of 1234.5 is "1 234,50".
    std::string to_string_fr(int min_fraction_digits = 0) const;

    // Rounded half away from zero to `places` decimals (0-6), e.g. a rate shown with 2 decimals.
    Decimal rounded(int places) const;

    constexpr Decimal operator-() const { return from_mantissa(-mantissa_); }
    friend constexpr bool operator==(Decimal, Decimal) = default;
    friend constexpr std::strong_ordering operator<=>(Decimal a, Decimal b) { return a.mantissa_ <=> b.mantissa_; }

    // Throwing forms of the checked functions below.
    friend Decimal operator+(Decimal a, Decimal b);
    friend Decimal operator-(Decimal a, Decimal b);
    friend Decimal operator*(Decimal a, Decimal b);

private:
    std::int64_t mantissa_ = 0;
};

std::optional<Decimal> checked_add(Decimal a, Decimal b);
std::optional<Decimal> checked_sub(Decimal a, Decimal b);
// The exact product, rounded half away from zero to 6 decimals.
std::optional<Decimal> checked_mul(Decimal a, Decimal b);
// a / b rounded half away from zero to 6 decimals; nullopt when b is zero or the result overflows.
std::optional<Decimal> checked_div(Decimal a, Decimal b);
// value × percent / 100, computed exactly and rounded once (half away from zero) to 6 decimals:
// a unit price net of a 12.5 % discount is checked_percent(price, 87.5).
std::optional<Decimal> checked_percent(Decimal value, Decimal percent);

}  // namespace comptoir
