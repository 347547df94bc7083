#include "modules/identity/http/api_support.hpp"

#include "modules/identity/http/company_form.hpp"

namespace comptoir::identity {

JsonFields::JsonFields(const nlohmann::json& body, std::set<std::string> writable) : body_(body) {
    for (auto it = body.begin(); it != body.end(); ++it)
        if (!writable.contains(it.key()))
            issues_.push_back({it.key(), "field.not_writable", "Cette propriété n'existe pas ou ne peut pas être modifiée.",
                               "This property does not exist or cannot be changed."});
}

void JsonFields::type_issue(const std::string& name, const std::string& expected_fr, const std::string& expected_en) {
    issues_.push_back({name, "field.type", "Valeur de type incorrect : " + expected_fr + " attendu.",
                       "Wrong value type: " + expected_en + " expected."});
}

std::optional<std::string> JsonFields::text(const std::string& name) {
    if (!body_.contains(name)) return std::nullopt;
    const auto& v = body_.at(name);
    if (v.is_null()) return std::string();
    if (!v.is_string()) {
        type_issue(name, "texte", "string");
        return std::nullopt;
    }
    return v.get<std::string>();
}

std::optional<std::string> JsonFields::text_or_number(const std::string& name) {
    if (body_.contains(name) && body_.at(name).is_number()) return body_.at(name).dump();
    return text(name);
}

std::optional<bool> JsonFields::boolean(const std::string& name) {
    if (!body_.contains(name)) return std::nullopt;
    const auto& v = body_.at(name);
    if (!v.is_boolean()) {
        type_issue(name, "booléen (true ou false)", "boolean (true or false)");
        return std::nullopt;
    }
    return v.get<bool>();
}

nlohmann::json user_json(const User& u) {
    auto opt = [](const std::optional<std::string>& s) { return s ? nlohmann::json(*s) : nlohmann::json(); };
    return {{"id", u.id},
            {"email", u.email},
            {"name", u.name},
            {"role", std::string(to_code(u.role))},
            {"locale", u.locale},
            {"active", u.active},
            {"status", std::string(status_code(u.status()))},
            {"created_at", u.created_at},
            {"last_login_at", opt(u.last_login_at)}};
}

nlohmann::json company_json(const Company& c) {
    auto out = to_json(to_form(c.fields, "en"));
    // The amount both as a plain decimal text (the writable property) and as integer cents.
    out["share_capital"] = nlohmann::json();
    if (auto cents = c.fields.share_capital_cents) {
        auto fraction = std::to_string(*cents % 100);
        out["share_capital"] = std::to_string(*cents / 100) + "." + (fraction.size() < 2 ? "0" : "") + fraction;
    }
    out["share_capital_cents"] = c.fields.share_capital_cents ? nlohmann::json(*c.fields.share_capital_cents) : nlohmann::json();
    out["id"] = c.id;
    out["logo_url"] = c.logo_file.empty() ? nlohmann::json() : nlohmann::json("/company/logo");
    out["created_at"] = c.created_at;
    return out;
}

}  // namespace comptoir::identity
