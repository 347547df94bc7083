// The company's fields as one flat JSON object keyed by form field / API property name, both ways.
#pragma once

#include <nlohmann/json.hpp>

#include "modules/identity/domain/company_rules.hpp"

namespace comptoir::identity {

// Every field of CompanyForm with its name, in form order.
nlohmann::json to_json(const CompanyForm& form);
// Reads each field present in `source` with `get(name)`; absent ones keep `base`'s value.
template <typename Get>
CompanyForm read_company_form(const CompanyForm& base, Get&& get);

namespace detail {
template <typename F>
void for_each_field(CompanyForm& form, F&& f) {
    f("name", form.name);
    f("legal_form", form.legal_form);
    f("siren", form.siren);
    f("siret", form.siret);
    f("vat_number", form.vat_number);
    f("rcs_city", form.rcs_city);
    f("share_capital", form.share_capital);
    f("address_line1", form.address_line1);
    f("address_line2", form.address_line2);
    f("postal_code", form.postal_code);
    f("city", form.city);
    f("country", form.country);
    f("phone", form.phone);
    f("email", form.email);
    f("website", form.website);
    f("iban", form.iban);
    f("bic", form.bic);
    f("accounting_code_rule", form.accounting_code_rule);
}
}  // namespace detail

inline nlohmann::json to_json(const CompanyForm& form) {
    nlohmann::json out = nlohmann::json::object();
    CompanyForm copy = form;
    detail::for_each_field(copy, [&](const char* name, std::string& value) { out[name] = value; });
    return out;
}

// `get(name)` returns std::optional<std::string>: nullopt when the field was not sent.
template <typename Get>
CompanyForm read_company_form(const CompanyForm& base, Get&& get) {
    CompanyForm form = base;
    detail::for_each_field(form, [&](const char* name, std::string& value) {
        if (auto v = get(name)) value = *v;
    });
    return form;
}

}  // namespace comptoir::identity
