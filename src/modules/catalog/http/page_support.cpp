#include "modules/catalog/http/page_support.hpp"

#include <algorithm>

#include "core/clock.hpp"

namespace comptoir::catalog::pages {
namespace {

constexpr std::string_view kNarrowNoBreakSpace = "\xE2\x80\xAF";
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";

std::string url_encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
}

}  // namespace

json opt(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string tr(const http::PageContext& ctx, const std::string& key) { return ctx.t("catalog." + key); }

std::optional<std::int64_t> parse_id(const std::string& s) {
    if (s.empty() || s.size() > 18) return std::nullopt;
    for (char c : s)
        if (c < '0' || c > '9') return std::nullopt;
    return std::stoll(s);
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
    std::string out;
    for (const auto& [k, v] : params) {
        if (v.empty()) continue;
        out += out.empty() ? "?" : "&";
        out += url_encode(k) + "=" + url_encode(v);
    }
    return out;
}

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

std::string when(const std::string& iso, const std::string& locale) {
    return iso.empty() ? std::string() : display_datetime(iso, locale);
}

json text_lines(const std::string& text) {
    json out = json::array();
    std::size_t start = 0;
    while (start <= text.size()) {
        auto nl = text.find('\n', start);
        out.push_back({{"text", text.substr(start, nl == std::string::npos ? std::string::npos : nl - start)}, {"last", false}});
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    if (!out.empty()) out.back()["last"] = true;
    return out;
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

std::string field_id(const std::string& name) {
    std::string id = "f-";
    for (char c : name) id.push_back(c == '_' ? '-' : c);
    return id;
}

json FormFields::field(const std::string& name, const std::string& label, const std::string& value, FieldOpts o) {
    std::string id = field_id(name);
    remember(name, id, label);
    json error = error_for(name);
    std::string hint_id = id + "-hint", error_id = id + "-error";
    std::string describedby;
    if (!o.hint.empty()) describedby = hint_id;
    if (!error.is_null()) describedby += (describedby.empty() ? "" : " ") + error_id;
    bool is_select = o.type == "select", is_textarea = o.type == "textarea";
    return {{"id", id},
            {"name", name},
            {"label", label},
            {"value", value},
            {"type", o.type},
            {"is_select", is_select},
            {"is_textarea", is_textarea},
            {"is_input", !is_select && !is_textarea},
            {"hint", opt(o.hint)},
            {"hint_id", hint_id},
            {"error", error},
            {"error_id", error_id},
            {"describedby", opt(describedby)},
            {"required", o.required},
            {"autocomplete", opt(o.autocomplete)},
            {"inputmode", opt(o.inputmode)},
            {"placeholder", opt(o.placeholder)},
            {"list", opt(o.list)},
            {"mono", o.mono},
            {"rows", std::to_string(o.rows)},
            {"maxlength", o.maxlength > 0 ? json(std::to_string(o.maxlength)) : json(nullptr)},
            {"options", o.options}};
}

void FormFields::remember(const std::string& name, const std::string& id, const std::string& label) {
    for (const auto& entry : order_)
        if (entry.first == name) return;
    order_.push_back({name, {id, label}});
}

json FormFields::error_for(const std::string& name) const {
    if (errors_.contains(name) && errors_[name].is_string()) return errors_[name];
    return nullptr;
}

json FormFields::summary(const std::string& locale) const {
    json out = json::array();
    std::vector<std::string> done;
    const char* sep = locale == "en" ? ": " : " : ";
    for (const auto& [name, idl] : order_) {
        if (!errors_.contains(name) || !errors_[name].is_string()) continue;
        out.push_back({{"href", "#" + idl.first}, {"text", idl.second + sep + errors_[name].get<std::string>()}});
        done.push_back(name);
    }
    for (auto it = errors_.begin(); it != errors_.end(); ++it) {
        if (std::find(done.begin(), done.end(), it.key()) != done.end() || !it.value().is_string()) continue;
        out.push_back({{"href", nullptr}, {"text", it.value()}});
    }
    return out;
}

}  // namespace comptoir::catalog::pages
