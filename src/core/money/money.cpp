#include "core/money/money.hpp"

#include "core/money/number_text.hpp"
#include "core/money/wide_int.hpp"
#include "core/text/utf8.hpp"

namespace comptoir {
namespace {

using money_detail::Wide;

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        char c = s[s.size() - suffix.size() + i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c != suffix[i]) return false;
    }
    return true;
}

// "12,50 €" and "12.50 EUR" are amounts too: drop one trailing currency mark (and the spaces before it).
std::string_view strip_currency(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    if (ends_with_ci(s, "\xE2\x82\xAC")) {
        s.remove_suffix(3);
    } else if (ends_with_ci(s, "EUR")) {
        s.remove_suffix(3);
    } else {
        return s;
    }
    for (;;) {
        if (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
            s.remove_suffix(1);
        } else if (s.size() >= 2 && s.substr(s.size() - 2) == money_detail::kNoBreakSpace) {
            s.remove_suffix(2);
        } else if (s.size() >= 3 && s.substr(s.size() - 3) == money_detail::kNarrowNoBreakSpace) {
            s.remove_suffix(3);
        } else {
            return s;
        }
    }
}

}  // namespace

Result<Money> Money::parse(std::string_view text, std::string_view field) {
    const auto scaled = money_detail::parse_scaled(strip_currency(text), 2);
    if (scaled) return from_cents(*scaled);
    const std::string f(field);
    const std::string shown = quote_excerpt(text);
    switch (scaled.error()) {
        case money_detail::NumberProblem::Empty:
            return fail(Error::invalid_field(f, "money.empty", "Saisissez un montant.", "Enter an amount."));
        case money_detail::NumberProblem::TooManyDecimals:
            return fail(Error::invalid_field(f, "money.too_many_decimals",
                                             "« " + shown + " » : un montant a au plus 2 décimales.",
                                             "\"" + shown + "\": an amount has at most 2 decimals."));
        case money_detail::NumberProblem::TooLarge:
            return fail(Error::invalid_field(f, "money.too_large", "« " + shown + " » est un montant trop grand.",
                                             "\"" + shown + "\" is too large an amount."));
        case money_detail::NumberProblem::Syntax:
            break;
    }
    return fail(Error::invalid_field(f, "money.invalid",
                                     "« " + shown + " » n'est pas un montant valide (exemples : 12,50 ; 1 234,56).",
                                     "\"" + shown + "\" is not a valid amount (examples: 12.50; 1234.56)."));
}

std::optional<Decimal> Money::to_decimal() const {
    const auto m = money_detail::narrow(Wide(cents_) * (Decimal::kOne / 100));
    if (!m) return std::nullopt;
    return Decimal::from_mantissa(*m);
}

std::string Money::to_string() const {
    return (cents_ < 0 ? "-" : "") + money_detail::format_scaled(cents_, 2, 2, ".", "");
}

std::string Money::to_display_fr() const {
    return (cents_ < 0 ? "-" : "") + money_detail::format_scaled(cents_, 2, 2, ",", money_detail::kNarrowNoBreakSpace) +
           std::string(money_detail::kNoBreakSpace) + "\xE2\x82\xAC";
}

std::string Money::to_display_en() const {
    return (cents_ < 0 ? "-\xE2\x82\xAC" : "\xE2\x82\xAC") + money_detail::format_scaled(cents_, 2, 2, ".", ",");
}

std::optional<Money> checked_add(Money a, Money b) {
    const auto r = money_detail::narrow(Wide(a.cents()) + b.cents());
    if (!r) return std::nullopt;
    return Money::from_cents(*r);
}

std::optional<Money> checked_sub(Money a, Money b) {
    const auto r = money_detail::narrow(Wide(a.cents()) - b.cents());
    if (!r) return std::nullopt;
    return Money::from_cents(*r);
}

Money operator+(Money a, Money b) {
    const auto r = checked_add(a, b);
    if (!r) throw std::overflow_error("Money: addition overflow");
    return *r;
}

Money operator-(Money a, Money b) {
    const auto r = checked_sub(a, b);
    if (!r) throw std::overflow_error("Money: subtraction overflow");
    return *r;
}

}  // namespace comptoir
