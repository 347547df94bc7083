#include "core/money/decimal.hpp"

#include "core/money/number_text.hpp"
#include "core/money/wide_int.hpp"
#include "core/text/utf8.hpp"

namespace comptoir {

using money_detail::Wide;

Result<Decimal> Decimal::parse(std::string_view text, std::string_view field) {
    const auto scaled = money_detail::parse_scaled(text, kScale);
    if (scaled) return from_mantissa(*scaled);
    const std::string f(field);
    const std::string shown = quote_excerpt(text);
    switch (scaled.error()) {
        case money_detail::NumberProblem::Empty:
            return fail(Error::invalid_field(f, "decimal.empty", "Saisissez un nombre.", "Enter a number."));
        case money_detail::NumberProblem::TooManyDecimals:
            return fail(Error::invalid_field(f, "decimal.too_many_decimals",
                                             "« " + shown + " » a trop de décimales (6 au maximum).",
                                             "\"" + shown + "\" has too many decimals (at most 6)."));
        case money_detail::NumberProblem::TooLarge:
            return fail(Error::invalid_field(f, "decimal.too_large", "« " + shown + " » est un nombre trop grand.",
                                             "\"" + shown + "\" is too large a number."));
        case money_detail::NumberProblem::Syntax:
            break;
    }
    return fail(Error::invalid_field(f, "decimal.invalid",
                                     "« " + shown + " » n'est pas un nombre valide (exemples : 12,5 ; -3 ; 1 234,56).",
                                     "\"" + shown + "\" is not a valid number (examples: 12.5; -3; 1234.56)."));
}

std::string Decimal::to_string() const {
    return (mantissa_ < 0 ? "-" : "") + money_detail::format_scaled(mantissa_, kScale, 0, ".", "");
}

std::string Decimal::to_string_fr(int min_fraction_digits) const {
    return (mantissa_ < 0 ? "-" : "") +
           money_detail::format_scaled(mantissa_, kScale, min_fraction_digits, ",", money_detail::kNarrowNoBreakSpace);
}

Decimal Decimal::rounded(int places) const {
    if (places >= kScale) return *this;
    if (places < 0) places = 0;
    const Wide step = money_detail::pow10(kScale - places);
    // |mantissa| ≤ INT64_MAX, so the rounded value (a multiple of step no further from zero than
    // INT64_MAX rounded up) can exceed INT64_MAX only for the last few values of the range; those
    // round toward zero instead of overflowing.
    Wide r = money_detail::div_round_half_away(mantissa_, step) * step;
    if (!money_detail::fits(r)) r -= (r > 0 ? step : -step);
    return from_mantissa(static_cast<std::int64_t>(r));
}

std::optional<Decimal> checked_add(Decimal a, Decimal b) {
    const auto r = money_detail::narrow(Wide(a.mantissa()) + b.mantissa());
    if (!r) return std::nullopt;
    return Decimal::from_mantissa(*r);
}

std::optional<Decimal> checked_sub(Decimal a, Decimal b) {
    const auto r = money_detail::narrow(Wide(a.mantissa()) - b.mantissa());
    if (!r) return std::nullopt;
    return Decimal::from_mantissa(*r);
}

std::optional<Decimal> checked_mul(Decimal a, Decimal b) {
    const Wide product = Wide(a.mantissa()) * b.mantissa();
    const auto r = money_detail::narrow(money_detail::div_round_half_away(product, Decimal::kOne));
    if (!r) return std::nullopt;
    return Decimal::from_mantissa(*r);
}

std::optional<Decimal> checked_div(Decimal a, Decimal b) {
    if (b.is_zero()) return std::nullopt;
    const auto r = money_detail::narrow(money_detail::div_round_half_away(Wide(a.mantissa()) * Decimal::kOne, b.mantissa()));
    if (!r) return std::nullopt;
    return Decimal::from_mantissa(*r);
}

std::optional<Decimal> checked_percent(Decimal value, Decimal percent) {
    const Wide product = Wide(value.mantissa()) * percent.mantissa();  // at 12 places
    const auto r = money_detail::narrow(money_detail::div_round_half_away(product, Wide(Decimal::kOne) * 100));
    if (!r) return std::nullopt;
    return Decimal::from_mantissa(*r);
}

namespace {
Decimal or_throw(std::optional<Decimal> d) {
    if (!d) throw std::overflow_error("Decimal: arithmetic overflow");
    return *d;
}
}  // namespace

Decimal operator+(Decimal a, Decimal b) { return or_throw(checked_add(a, b)); }
Decimal operator-(Decimal a, Decimal b) { return or_throw(checked_sub(a, b)); }
Decimal operator*(Decimal a, Decimal b) { return or_throw(checked_mul(a, b)); }

}  // namespace comptoir
