// Helpers shared by the client base's pages: labels from the catalog, select options, the form-field
// view model used by the crm/_field partial, colours without inline styles, query strings.
//
// Template data convention: an absent or empty value is JSON null, never "" (in kainjow mustache an
// empty string is truthy, so {{#hint}} would render for ""), and every key a partial reads is always
// present, so that a missing key never resolves to a same-named key of an outer context.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/form_fields.hpp"
#include "http/web_server.hpp"
#include "modules/crm/service/client_service.hpp"

namespace comptoir::crm::pages {

using nlohmann::json;
// Shared by every module's forms (http/form_fields.hpp).
using http::FieldOpts;
using http::field_id;
using http::FormFields;
using http::opt;
using http::parse_id;
using http::query_string;
using http::text_lines;
using http::url_encode;
using http::when;

// Translation under "crm.": tr(ctx, "list.title").
std::string tr(const http::PageContext& ctx, const std::string& key);
// "12" or "" for a JSON-less id.
inline std::string id_str(std::int64_t id) { return std::to_string(id); }

// Labels.
std::string status_label(const http::PageContext& ctx, const std::string& status);
std::string status_badge_class(const std::string& status);  // "badge-prospect", "badge-client", "badge-former"
std::string kind_label(const http::PageContext& ctx, const std::string& kind);
std::string civility_label(const http::PageContext& ctx, const std::string& civility);  // "" for none
std::string legal_basis_label(const http::PageContext& ctx, const std::string& basis);
std::string country_label(const http::PageContext& ctx, const std::string& code);
std::string payment_terms_label(const std::string& code, const std::string& locale);
std::string payment_method_label(const std::string& code, const std::string& locale);
std::string display_percent(std::int64_t basis_points, const std::string& locale);  // 550 -> "5,5" (fr), "5.5" (en)

// Options for <select>: [{value, label, selected}].
json options(const std::vector<std::pair<std::string, std::string>>& values, const std::string& selected);
json status_options(const http::PageContext& ctx, const std::string& selected);
json civility_options(const http::PageContext& ctx, const std::string& selected);
json country_options(const http::PageContext& ctx, const std::string& selected);
json payment_terms_options(const http::PageContext& ctx, const std::string& selected);
json payment_method_options(const http::PageContext& ctx, const std::string& selected);
json legal_basis_options(const http::PageContext& ctx, const std::string& selected);

// Category colours: the stylesheet offers named colours (.chip-dot-<name>, data-color="<name>") since
// the CSP forbids inline styles; stored colours are #RRGGBB, shown with the nearest named colour.
struct NamedColor {
    const char* name;
    const char* hex;
};
const std::vector<NamedColor>& palette();
std::string color_name(const std::string& hex);
json color_options(const http::PageContext& ctx, const std::string& selected_hex);
// [{id, name, color, count}] for chips.
json category_json(const Category& c);



// Merges service field errors (ctx.field_errors) into form-name keyed errors, through `map_name`.
template <typename F>
json map_errors(const json& service_errors, F map_name) {
    json out = json::object();
    for (auto it = service_errors.begin(); it != service_errors.end(); ++it) {
        std::string name = map_name(it.key());
        std::string msg = it.value().get<std::string>();
        if (out.contains(name)) out[name] = out[name].get<std::string>() + " " + msg;
        else out[name] = msg;
    }
    return out;
}

// Duplicate matches (as from matches_json) with readable labels, for crm/_duplicates_panel.
json duplicates_view(const http::PageContext& ctx, const json& matches, bool show_force, const std::string& force_label);
json duplicates_from_error(const Error& error);  // the "matches" array of a Duplicate error

// A flash message for ?saved=… (null when none).
json flash_for(const http::PageContext& ctx, const std::string& saved);

}  // namespace comptoir::crm::pages
