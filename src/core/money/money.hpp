// An amount of money: a whole number of euro cents. Every amount that ends up on an invoice, in a
// total or in the accounts is a Money; quantities, unit prices and rates are Decimals (decimal.hpp)
// and become Money through one rounding (rounding.hpp).
//
// Euro only, by decision: Comptoir invoices French businesses' customers in euros; EN 16931 and the
// FEC need the invoice currency only when it differs. A currency field would be carried, compared
// and never used; when foreign-currency invoicing comes, it will be a new type holding a Money-like
// amount plus an ISO 4217 code and its own minor-unit count, not a field silently ignored here.
//
// The range is symmetric (never INT64_MIN), so negation never overflows. Operators throw
// std::overflow_error on overflow; checked_add/checked_sub return nullopt instead.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/money/decimal.hpp"

namespace comptoir {

class Money {
public:
    static constexpr std::string_view kCurrency = "EUR";  // ISO 4217, for the XML and the FEC

    constexpr Money() = default;

    // Throws std::overflow_error for INT64_MIN, the one value outside the symmetric range.
    static constexpr Money from_cents(std::int64_t cents) {
        if (cents == std::numeric_limits<std::int64_t>::min()) throw std::overflow_error("Money: INT64_MIN");
        Money m;
        m.cents_ = cents;
        return m;
    }

    // Reads an amount as typed or sent: "1234.56", "1 234,56", "-12", "12,5 €", "12.50 EUR". At most
    // 2 decimals (a third significant one is refused, not rounded). Errors name `field` and have the
    // codes money.empty, money.invalid, money.too_many_decimals, money.too_large.
    static Result<Money> parse(std::string_view text, std::string_view field);

    constexpr std::int64_t cents() const { return cents_; }
    constexpr bool is_zero() const { return cents_ == 0; }
    constexpr bool is_negative() const { return cents_ < 0; }

    // The same value as a Decimal (for a unit price built from an amount); nullopt beyond
    // Decimal's range (±9.2 × 10^12 €).
    std::optional<Decimal> to_decimal() const;

    // Machine form for the API, CSV and XML: "1234.56", "-0.05", "0.00".
    std::string to_string() const;
    // French display: "1 234,56 €" — narrow no-break spaces between thousands (U+202F) and a
    // no-break space (U+00A0) before the sign, so an amount never breaks across lines; "-1 234,56 €".
    std::string to_display_fr() const;
    // English display: "€1,234.56", "-€1,234.56".
    std::string to_display_en() const;

    constexpr Money operator-() const { return from_cents(-cents_); }
    friend constexpr bool operator==(Money, Money) = default;
    friend constexpr std::strong_ordering operator<=>(Money a, Money b) { return a.cents_ <=> b.cents_; }

    friend Money operator+(Money a, Money b);
    friend Money operator-(Money a, Money b);
    Money& operator+=(Money other) { return *this = *this + other; }
    Money& operator-=(Money other) { return *this = *this - other; }

private:
    std::int64_t cents_ = 0;
};

std::optional<Money> checked_add(Money a, Money b);
std::optional<Money> checked_sub(Money a, Money b);

}  // namespace comptoir
