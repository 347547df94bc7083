// Server-side rendering: Mustache templates (HTML-escaped by default) with the translation catalog of
// the viewer's locale available as `t` (e.g. {{t.clients.title}}), and every template usable as a
// partial under its name ({{> crm/client_rows}}).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace comptoir::http {

class Renderer {
public:
    Renderer();
    // Renders "templates/<name>.mustache" with `data`; `t` and `locale` are added.
    std::string render(const std::string& name, const nlohmann::json& data, const std::string& locale) const;
    // A translated message by dotted key ("clients.saved"), or the key itself when missing.
    std::string translate(const std::string& key, const std::string& locale) const;
    const nlohmann::json& catalog(const std::string& locale) const;

private:
    nlohmann::json fr_;
    nlohmann::json en_;
};

}  // namespace comptoir::http
