#include "core/money/allocate.hpp"

#include <algorithm>
#include <numeric>

#include "core/money/wide_int.hpp"

namespace comptoir {

using money_detail::Wide;

std::optional<std::vector<Money>> allocate(Money total, std::span<const Money> weights) {
    Wide weight_sum = 0;
    for (const Money w : weights) {
        if (w.is_negative()) return std::nullopt;
        weight_sum += w.cents();
    }
    if (weight_sum == 0) return std::nullopt;

    const bool negative = total.is_negative();
    const Wide magnitude = negative ? -Wide(total.cents()) : Wide(total.cents());

    std::vector<Wide> shares(weights.size());
    std::vector<Wide> remainders(weights.size());
    Wide given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const Wide exact = magnitude * weights[i].cents();  // < 2^126: no overflow
        shares[i] = exact / weight_sum;
        remainders[i] = exact % weight_sum;
        given += shares[i];
    }

    // Fewer cents are missing than there are parts (each share lost less than one cent).
    std::vector<std::size_t> order(weights.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
    for (Wide missing = magnitude - given, k = 0; missing > 0; --missing, ++k) {
        ++shares[order[static_cast<std::size_t>(k)]];
    }

    std::vector<Money> parts;
    parts.reserve(weights.size());
    for (const Wide s : shares) parts.push_back(Money::from_cents(static_cast<std::int64_t>(negative ? -s : s)));
    return parts;
}

}  // namespace comptoir
