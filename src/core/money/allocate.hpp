// Splitting an amount into parts that add up to it exactly, to the cent.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/money/money.hpp"

namespace comptoir {

// Splits `total` into one part per weight, proportional to the weights, so that the parts add up to
// `total` exactly. Largest remainder method: each part first gets its exact share rounded toward
// zero; the cents still missing go one by one to the parts with the largest remainders (ties to the
// earlier part). A part is therefore never more than one cent away from its exact share, and a zero
// weight always gets zero. A negative total is split like its opposite, signs flipped.
// nullopt when a weight is negative or every weight is zero (nothing to be proportional to).
// Example: 100.00 over weights 1, 1, 1 → 33.34, 33.33, 33.33.
std::optional<std::vector<Money>> allocate(Money total, std::span<const Money> weights);

}  // namespace comptoir
