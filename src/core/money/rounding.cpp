#include "core/money/rounding.hpp"

#include "core/money/wide_int.hpp"

namespace comptoir {

using money_detail::div_round_half_away;
using money_detail::narrow;
using money_detail::Wide;

// Decimal has 6 places, Money 2: one cent is 10^4 mantissa units.
static constexpr std::int64_t kMantissaPerCent = Decimal::kOne / 100;

Money round_to_cents(Decimal value) {
    return Money::from_cents(static_cast<std::int64_t>(div_round_half_away(value.mantissa(), kMantissaPerCent)));
}

std::optional<Money> multiply_to_cents(Decimal a, Decimal b) {
    // a.m × b.m is the product at 12 places; cents are at 2.
    const auto cents = narrow(div_round_half_away(Wide(a.mantissa()) * b.mantissa(), Wide(Decimal::kOne) * kMantissaPerCent));
    if (!cents) return std::nullopt;
    return Money::from_cents(*cents);
}

std::optional<Money> percent_of(Money base, Decimal percent) {
    // cents × percent.m / 10^6 is cents × percent; / 100 for the percentage.
    const auto cents = narrow(div_round_half_away(Wide(base.cents()) * percent.mantissa(), Wide(Decimal::kOne) * 100));
    if (!cents) return std::nullopt;
    return Money::from_cents(*cents);
}

std::optional<Decimal> percent_ratio(Money part, Money whole) {
    if (whole.is_zero()) return std::nullopt;
    const auto m = narrow(div_round_half_away(Wide(part.cents()) * 100 * Decimal::kOne, whole.cents()));
    if (!m) return std::nullopt;
    return Decimal::from_mantissa(*m);
}

}  // namespace comptoir
