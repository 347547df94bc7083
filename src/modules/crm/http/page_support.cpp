#include "modules/crm/http/page_support.hpp"

#include <algorithm>
#include <climits>
#include <cstdlib>

#include "core/clock.hpp"
#include "core/contact/phone.hpp"
#include "core/legal/siren.hpp"
#include "modules/crm/domain/payment_method.hpp"
#include "modules/crm/domain/payment_terms.hpp"

namespace comptoir::crm::pages {

std::string tr(const http::PageContext& ctx, const std::string& key) { return ctx.t("crm." + key); }

std::string status_label(const http::PageContext& ctx, const std::string& status) {
    if (status == "prospect" || status == "client" || status == "former_client") return tr(ctx, "status." + status);
    return status;
}

std::string status_badge_class(const std::string& status) {
    if (status == "client") return "badge-client";
    if (status == "former_client") return "badge-former";
    return "badge-prospect";
}

std::string kind_label(const http::PageContext& ctx, const std::string& kind) {
    return kind == "individual" ? tr(ctx, "kind.individual") : tr(ctx, "kind.company");
}

std::string civility_label(const http::PageContext& ctx, const std::string& civility) {
    if (civility == "mr" || civility == "mrs") return tr(ctx, "civility." + civility);
    return "";
}

std::string legal_basis_label(const http::PageContext& ctx, const std::string& basis) {
    if (basis == "consent" || basis == "contract" || basis == "legitimate_interest") return tr(ctx, "legal_basis." + basis);
    if (basis.empty()) return tr(ctx, "legal_basis.none");
    return basis;
}

namespace {
const std::vector<std::string>& common_countries() {
    static const std::vector<std::string> codes{"FR", "BE", "CH", "LU", "MC", "DE", "ES", "IT", "PT", "NL",
                                                "GB", "IE", "AT", "US", "CA", "MA", "TN", "DZ", "SN"};
    return codes;
}
}  // namespace

std::string country_label(const http::PageContext& ctx, const std::string& code) {
    if (std::find(common_countries().begin(), common_countries().end(), code) != common_countries().end())
        return tr(ctx, "countries." + code);
    return code;
}

std::string payment_terms_label(const std::string& code, const std::string& locale) {
    auto terms = parse_payment_terms(code);
    if (!terms) return code;
    return locale == "en" ? label_en(*terms) : label_fr(*terms);
}

std::string payment_method_label(const std::string& code, const std::string& locale) {
    auto method = parse_payment_method(code);
    if (!method) return code;
    return std::string(locale == "en" ? label_en(*method) : label_fr(*method));
}

std::string display_percent(std::int64_t bp, const std::string& locale) {
    std::string whole = std::to_string(bp / 100);
    std::int64_t frac = bp % 100;
    if (frac == 0) return whole;
    std::string f = frac < 10 ? "0" + std::to_string(frac) : std::to_string(frac);
    if (f.back() == '0') f.pop_back();
    return whole + (locale == "en" ? "." : ",") + f;
}

json options(const std::vector<std::pair<std::string, std::string>>& values, const std::string& selected) {
    json out = json::array();
    for (const auto& [value, label] : values) out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
    return out;
}

json status_options(const http::PageContext& ctx, const std::string& selected) {
    return options({{"prospect", tr(ctx, "status.prospect")},
                    {"client", tr(ctx, "status.client")},
                    {"former_client", tr(ctx, "status.former_client")}},
                   selected);
}

json civility_options(const http::PageContext& ctx, const std::string& selected) {
    return options({{"", tr(ctx, "civility.none")}, {"mr", tr(ctx, "civility.mr")}, {"mrs", tr(ctx, "civility.mrs")}},
                   selected);
}

json country_options(const http::PageContext& ctx, const std::string& selected) {
    std::vector<std::pair<std::string, std::string>> values;
    std::string sel = selected.empty() ? "FR" : selected;
    for (const auto& code : common_countries()) values.emplace_back(code, tr(ctx, "countries." + code));
    // A country outside the usual list (typed through the API or an import) stays selectable.
    if (std::find(common_countries().begin(), common_countries().end(), sel) == common_countries().end())
        values.emplace_back(sel, sel);
    return options(values, sel);
}

json payment_terms_options(const http::PageContext& ctx, const std::string& selected) {
    std::vector<std::pair<std::string, std::string>> values;
    bool found = false;
    for (const auto& terms : common_payment_terms()) {
        auto code = to_code(terms);
        found = found || code == selected;
        values.emplace_back(code, ctx.locale() == "en" ? label_en(terms) : label_fr(terms));
    }
    if (!found && !selected.empty()) values.emplace_back(selected, payment_terms_label(selected, ctx.locale()));
    return options(values, selected.empty() ? "30d" : selected);
}

json payment_method_options(const http::PageContext& ctx, const std::string& selected) {
    std::vector<std::pair<std::string, std::string>> values;
    bool found = false;
    for (auto m : kAllPaymentMethods) {
        std::string code(to_code(m));
        found = found || code == selected;
        values.emplace_back(code, std::string(ctx.locale() == "en" ? label_en(m) : label_fr(m)));
    }
    if (!found && !selected.empty()) values.emplace_back(selected, selected);
    return options(values, selected.empty() ? "transfer" : selected);
}

json legal_basis_options(const http::PageContext& ctx, const std::string& selected) {
    return options({{"", tr(ctx, "legal_basis.none")},
                    {"consent", tr(ctx, "legal_basis.consent")},
                    {"contract", tr(ctx, "legal_basis.contract")},
                    {"legitimate_interest", tr(ctx, "legal_basis.legitimate_interest")}},
                   selected);
}

const std::vector<NamedColor>& palette() {
    // The same colours as the stylesheet's .chip-dot-<name> rules.
    static const std::vector<NamedColor> colors{
        {"indigo", "#3b4bc8"}, {"blue", "#2f7be0"}, {"teal", "#12958a"},   {"green", "#2e9e5b"}, {"amber", "#e0a019"},
        {"orange", "#e5702a"}, {"red", "#d6423a"},  {"pink", "#d4478f"},   {"violet", "#7a55d8"}, {"grey", "#8c94a7"}};
    return colors;
}

namespace {
bool rgb_of(const std::string& hex, int& r, int& g, int& b) {
    if (hex.size() != 7 || hex[0] != '#') return false;
    for (std::size_t i = 1; i < 7; ++i)
        if (!std::isxdigit(static_cast<unsigned char>(hex[i]))) return false;
    r = std::stoi(hex.substr(1, 2), nullptr, 16);
    g = std::stoi(hex.substr(3, 2), nullptr, 16);
    b = std::stoi(hex.substr(5, 2), nullptr, 16);
    return true;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
}  // namespace

std::string color_name(const std::string& hex_in) {
    int r, g, b;
    std::string hex = lower(hex_in);
    if (!rgb_of(hex, r, g, b)) return "indigo";
    std::string best = "indigo";
    long best_d = LONG_MAX;
    for (const auto& c : palette()) {
        int pr, pg, pb;
        rgb_of(c.hex, pr, pg, pb);
        long d = long(pr - r) * (pr - r) * 3 + long(pg - g) * (pg - g) * 4 + long(pb - b) * (pb - b) * 2;
        if (d < best_d) {
            best_d = d;
            best = c.name;
        }
    }
    return best;
}

json color_options(const http::PageContext& ctx, const std::string& selected_hex) {
    std::string sel = lower(selected_hex);
    json out = json::array();
    bool found = false;
    for (const auto& c : palette()) {
        bool selected = sel == c.hex;
        found = found || selected;
        out.push_back({{"value", c.hex}, {"label", tr(ctx, std::string("colors.") + c.name)}, {"selected", selected}});
    }
    if (!found && !sel.empty())
        out.push_back({{"value", sel}, {"label", tr(ctx, "colors.custom") + " (" + sel + ")"}, {"selected", true}});
    return out;
}

json category_json(const Category& c) {
    return {{"id", c.id}, {"name", c.name}, {"color", color_name(c.color)}, {"hex", c.color}, {"count", c.client_count}};
}

json duplicates_from_error(const Error& error) {
    auto ext = json::parse(error.extension_json.empty() ? "{}" : error.extension_json, nullptr, false);
    if (ext.is_object() && ext.contains("matches") && ext["matches"].is_array()) return ext["matches"];
    return json::array();
}

json duplicates_view(const http::PageContext& ctx, const json& matches, bool show_force, const std::string& force_label) {
    json items = json::array();
    for (const auto& m : matches) {
        std::string field = m.value("field", "");
        std::string value = m.value("value", "");
        std::string shown = value;
        if (field == "phone") shown = format_phone(value);
        else if (field == "siret") shown = format_siret(value);
        std::string field_label = (field == "phone" || field == "email" || field == "siret") ? tr(ctx, "duplicates.field." + field) : field;
        items.push_back({{"url", m.value("url", "")},
                         {"client_name", m.value("client_name", "")},
                         {"field_label", field_label},
                         {"match_label", tr(ctx, "duplicates.matched_on") + " " + field_label + (ctx.locale() == "en" ? ":" : " :")},
                         {"value", shown},
                         {"contact_name", opt(m.value("contact_name", ""))},
                         {"archived", m.value("archived", false)}});
    }
    return {{"has_matches", !items.empty()},
            {"matches", items},
            {"show_force", show_force && !items.empty()},
            {"force_label", force_label}};
}

json flash_for(const http::PageContext& ctx, const std::string& saved) {
    if (saved.empty()) return nullptr;
    std::string key = "flash.saved";
    if (saved == "archived") key = "flash.archived";
    else if (saved == "restored") key = "flash.restored";
    else if (saved == "contact") key = "flash.contact_saved";
    else if (saved == "contact_deleted") key = "flash.contact_deleted";
    return {{"message", tr(ctx, key)}};
}

}  // namespace comptoir::crm::pages
