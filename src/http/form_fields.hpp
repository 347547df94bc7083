// What server-rendered forms of every module share: the view model of one field (label, value,
// hint, error and the ids that tie them together for screen readers), the error summary linking to
// each wrong field, and the small value helpers templates need (null for "absent", text lines,
// ids from URLs, query strings). Each module's `_field` partial renders the same keys.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace comptoir::http {

using nlohmann::json;

// Absent values are JSON null in template data, never "": `{{#x}}` then means "present".
json opt(const std::string& s);
// A positive id from a path or query parameter (digits only, at most 18).
std::optional<std::int64_t> parse_id(const std::string& s);
std::string url_encode(const std::string& s);
// "?a=1&b=x" from the non-empty pairs ("" when none).
std::string query_string(const std::vector<std::pair<std::string, std::string>>& params);
// Lines of a multi-line text, each escaped by the template: [{text, last}].
json text_lines(const std::string& text);
// A UTC timestamp shown in Paris time ("" for "").
std::string when(const std::string& iso, const std::string& locale);

struct FieldOpts {
    std::string type = "text";  // text, email, tel, url, date, search, select, textarea, checkbox
    std::string hint;
    bool required = false;
    bool disabled = false;
    std::string autocomplete;
    std::string inputmode;
    std::string placeholder;
    std::string list;        // id of a <datalist> of suggestions
    bool dup_check = false;  // crm: live duplicate warning (hx-post /clients/check-duplicates)
    int rows = 3;
    int maxlength = 0;
    bool mono = false;       // codes and references in a monospace font
    json options = json::array();  // for selects: [{value, label, selected}]
    bool checked = false;          // for checkboxes
    std::string id;                // default: field_id(name)
};

// "unit_price" -> "f-unit-price".
std::string field_id(const std::string& name);

class FormFields {
public:
    // `errors`: messages keyed by form field name.
    explicit FormFields(json errors) : errors_(std::move(errors)) {}
    json field(const std::string& name, const std::string& label, const std::string& value, FieldOpts opts = {});
    // Records a field rendered by hand (radios, checkbox groups) so the summary can link to it.
    void remember(const std::string& name, const std::string& id, const std::string& label);
    json error_for(const std::string& name) const;  // message or null
    std::string id_for(const std::string& name) const;
    // [{href, text}] in the order fields were built, then errors about no known field.
    json summary(const std::string& locale) const;
    bool has_errors() const { return !errors_.empty(); }
    const json& errors() const { return errors_; }

private:
    json errors_;
    std::vector<std::pair<std::string, std::pair<std::string, std::string>>> order_;  // name -> (id, label)
};

}  // namespace comptoir::http
