#include "http/form_fields.hpp"

#include <algorithm>
#include <cctype>

#include "core/clock.hpp"

namespace comptoir::http {

json opt(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

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

std::string when(const std::string& iso, const std::string& locale) {
    return iso.empty() ? std::string() : display_datetime(iso, locale);
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
            {"list", opt(o.list)},
            {"mono", o.mono},
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

}  // namespace comptoir::http
