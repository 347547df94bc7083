#include "modules/catalog/http/page_support.hpp"

#include <algorithm>

#include "core/clock.hpp"

namespace comptoir::catalog::pages {
namespace {

constexpr std::string_view kNarrowNoBreakSpace = "\xE2\x80\xAF";
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
}

}  // namespace

std::string tr(const http::PageContext& ctx, const std::string& key) { return ctx.t("catalog." + key); }

std::string display_decimal(const Decimal& d, const std::string& locale, int min_fraction) {
    std::string fr = d.to_string_fr(min_fraction);
    if (locale != "en") return fr;
    replace_all(fr, ",", ".");
    replace_all(fr, kNarrowNoBreakSpace, ",");
    return fr;
}

std::string display_price(const Decimal& d, const std::string& locale) {
    if (locale == "en") {
        std::string s = display_decimal(d, locale, 2);
        return d.is_negative() ? "-€" + s.substr(1) : "€" + s;
    }
    return display_decimal(d, locale, 2) + std::string(kNoBreakSpace) + "€";
}

std::string display_percent(const Decimal& d, const std::string& locale, int min_fraction) {
    if (locale == "en") return display_decimal(d, locale, min_fraction) + "%";
    return display_decimal(d, locale, min_fraction) + std::string(kNoBreakSpace) + "%";
}

std::string input_decimal(const std::optional<Decimal>& d, const std::string& locale) {
    if (!d) return "";
    // Without grouping, so what is shown is exactly what parses back.
    std::string s = d->to_string();
    if (locale != "en") std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

std::string kind_label(const http::PageContext& ctx, ItemKind kind) {
    return tr(ctx, std::string("kind.") + std::string(to_code(kind)));
}

std::string exemption_label(const http::PageContext& ctx, sales::VatExemption exemption) {
    return tr(ctx, "vat.exemption." + std::string(sales::to_code(exemption)));
}

std::string vat_label(const http::PageContext& ctx, const sales::VatRate& vat) {
    std::string rate = display_percent(vat.percent, ctx.locale());
    if (vat.exemption != sales::VatExemption::None) return rate + " · " + exemption_label(ctx, vat.exemption);
    if (vat.category == sales::VatCategory::ZeroRated) return rate + " · " + tr(ctx, "vat.zero_rated");
    return rate;
}

json vat_cell(const http::PageContext& ctx, const sales::VatRate& vat) {
    json note = nullptr;
    if (vat.category != sales::VatCategory::Standard)
        note = std::string(ctx.locale() == "en" ? sales::label_en(vat.category) : sales::label_fr(vat.category));
    return {{"rate", display_percent(vat.percent, ctx.locale())}, {"note", note}};
}

std::optional<UnitMargin> unit_margin(const Decimal& price, const Decimal& cost) {
    auto amount = checked_sub(price, cost);
    if (!amount) return std::nullopt;
    UnitMargin m{*amount, std::nullopt};
    if (!price.is_zero())
        if (auto ratio = checked_div(*amount, price))
            if (auto percent = checked_mul(*ratio, Decimal::from_int(100))) m.markup_rate = percent->rounded(2);
    return m;
}

}  // namespace comptoir::catalog::pages
