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

json opt(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string tr(const http::PageContext& ctx, const std::string& key) { return ctx.t("crm." + key); }

std::optional<std::int64_t> parse_id(const std::string& s) {
    if (s.empty() || s.size() > 18) return std::nullopt;
    for (char c : s)
        if (c < '0' || c > '9') return std::nullopt;
    return std::stoll(s);
}

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

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
    std::string out;
    for (const auto& [k, v] : params) {
        if (v.empty()) continue;
        out += out.empty() ? "?" : "&";
        out += url_encode(k) + "=" + url_encode(v);
    }
    return out;
}

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

std::string when(const std::string& iso, const std::string& locale) {
    return iso.empty() ? std::string() : display_datetime(iso, locale);
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

json text_lines(const std::string& text) {
    json out = json::array();
    std::size_t start = 0;
    std::string s = text;
    s.erase(std::remove(s.begin(), s.end(), '\r'), s.end());
    while (start <= s.size()) {
        auto nl = s.find('\n', start);
        out.push_back({{"text", s.substr(start, nl == std::string::npos ? std::string::npos : nl - start)}, {"last", false}});
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    if (!out.empty()) out.back()["last"] = true;
    return out;
}

std::string field_id(const std::string& name) {
    std::string id = "f-";
    for (char c : name) id.push_back(c == '_' ? '-' : c);
    return id;
}

json FormFields::field(const std::string& name, const std::string& label, const std::string& value, FieldOpts o) {
    std::string id = o.id.empty() ? field_id(name) : o.id;
    remember(name, id, label);
    json error = error_for(name);
    std::string hint_id = id + "-hint", error_id = id + "-error";
    std::string describedby;
    if (!o.hint.empty()) describedby = hint_id;
    if (!error.is_null()) describedby += (describedby.empty() ? "" : " ") + error_id;
    bool is_select = o.type == "select", is_textarea = o.type == "textarea", is_checkbox = o.type == "checkbox";
    return {{"id", id},
            {"name", name},
            {"label", label},
            {"value", value},
            {"type", o.type},
            {"is_select", is_select},
            {"is_textarea", is_textarea},
            {"is_checkbox", is_checkbox},
            {"is_input", !is_select && !is_textarea && !is_checkbox},
            {"hint", opt(o.hint)},
            {"hint_id", hint_id},
            {"error", error},
            {"error_id", error_id},
            {"describedby", opt(describedby)},
            {"required", o.required},
            {"disabled", o.disabled},
            {"autocomplete", opt(o.autocomplete)},
            {"inputmode", opt(o.inputmode)},
            {"placeholder", opt(o.placeholder)},
            {"dup_check", o.dup_check && !o.disabled},
            {"rows", std::to_string(o.rows)},
            {"maxlength", o.maxlength > 0 ? json(std::to_string(o.maxlength)) : json(nullptr)},
            {"options", o.options},
            {"checked", o.checked}};
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

std::string FormFields::id_for(const std::string& name) const {
    for (const auto& entry : order_)
        if (entry.first == name) return entry.second.first;
    return field_id(name);
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
