// The one way a Decimal becomes Money: half away from zero, to the cent (0.005 → 0.01,
// -0.005 → -0.01), which is the rounding EN 16931 and the French administration expect
// (credit notes and negative lines round like their positive mirror).
//
// Products are computed exactly on 128 bits and rounded once: rounding the operands first, or
// rounding twice, is how invoices drift by a cent from what a receiver recomputes.
#pragma once

#include <optional>

#include "core/money/decimal.hpp"
#include "core/money/money.hpp"

namespace comptoir {

// Always representable: Decimal's range in cents is well inside Money's.
Money round_to_cents(Decimal value);

// round2(a × b), e.g. a line net from a quantity and a unit price. nullopt on overflow.
std::optional<Money> multiply_to_cents(Decimal a, Decimal b);

// round2(base × percent / 100), e.g. the VAT of a basis at 5.5 %, or a 30 % deposit. nullopt on overflow.
std::optional<Money> percent_of(Money base, Decimal percent);

// part / whole × 100 as a percentage rounded half away from zero to 6 decimals (a markup rate).
// nullopt when whole is zero (the rate is undefined, not infinite) or on overflow.
std::optional<Decimal> percent_ratio(Money part, Money whole);

}  // namespace comptoir
