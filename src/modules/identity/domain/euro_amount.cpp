#include "modules/identity/domain/euro_amount.hpp"

#include <algorithm>

namespace comptoir::identity {
namespace {

constexpr std::int64_t kMaxCents = 100'000'000'000'000;  // one trillion euros

void erase_all(std::string& s, std::string_view what) {
    for (auto pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos)) s.erase(pos, what.size());
}

FieldIssue format_issue() {
    return FieldIssue{"", "amount.format", "Le montant n'est pas valide (exemple : 10 000,00).",
                      "The amount is not valid (example: 10,000.00)."};
}

}  // namespace

Checked<std::int64_t> parse_euro_amount(std::string_view input) {
    std::string s(input);
    for (std::string_view junk : {"\xC2\xA0", "\xE2\x80\xAF", "\xE2\x82\xAC", "EUR", "eur", " ", "\t"}) erase_all(s, junk);
    if (s.empty()) return reject("amount.empty", "Le montant est vide.", "The amount is empty.");
    if (s.front() == '-')
        return reject("amount.negative", "Le montant ne peut pas être négatif.", "The amount cannot be negative.");
    if (s.front() == '+') s.erase(0, 1);
    if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == ',' || c == '.'; }))
        return tl::unexpected(format_issue());

    // Find the decimal mark: the last of ',' and '.' when both appear, a lone ',' or a single '.'.
    auto last_comma = s.rfind(',');
    auto last_dot = s.rfind('.');
    std::size_t mark = std::string::npos;
    char thousands = 0;
    if (last_comma != std::string::npos && last_dot != std::string::npos) {
        mark = std::max(last_comma, last_dot);
        thousands = mark == last_comma ? '.' : ',';
    } else if (last_comma != std::string::npos) {
        if (std::count(s.begin(), s.end(), ',') > 1) return tl::unexpected(format_issue());
        mark = last_comma;
    } else if (last_dot != std::string::npos) {
        if (std::count(s.begin(), s.end(), '.') == 1) mark = last_dot;
        else thousands = '.';  // "1.000.000"
    }
    std::string whole = s.substr(0, mark);
    std::string fraction = mark == std::string::npos ? "" : s.substr(mark + 1);
    if (thousands) erase_all(whole, std::string(1, thousands));
    if (whole.find_first_of(",.") != std::string::npos || fraction.find_first_of(",.") != std::string::npos)
        return tl::unexpected(format_issue());
    if (whole.empty() && fraction.empty()) return tl::unexpected(format_issue());
    if (fraction.size() > 2)
        return reject("amount.decimals", "Le montant a au plus deux décimales.", "The amount has at most two decimals.");
    whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size()));
    if (whole.size() > 13)
        return reject("amount.too_large", "Le montant est trop élevé.", "The amount is too large.");
    std::int64_t cents = 0;
    for (char c : whole) cents = cents * 10 + (c - '0');
    cents *= 100;
    if (!fraction.empty()) cents += (fraction[0] - '0') * 10 + (fraction.size() > 1 ? fraction[1] - '0' : 0);
    if (cents >= kMaxCents)
        return reject("amount.too_large", "Le montant est trop élevé.", "The amount is too large.");
    return cents;
}

std::string format_euro_amount(std::int64_t cents, std::string_view locale) {
    bool negative = cents < 0;
    std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
    std::string digits = std::to_string(magnitude / 100);
    char group = locale == "en" ? ',' : ' ';
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(group);
        grouped.push_back(digits[i]);
    }
    std::string fraction = std::to_string(magnitude % 100);
    if (fraction.size() < 2) fraction.insert(0, "0");
    return (negative ? "-" : "") + grouped + (locale == "en" ? "." : ",") + fraction;
}

}  // namespace comptoir::identity
