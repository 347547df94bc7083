// The legal identity of a company (the tenant) as typed in the company form or sent to the API,
// and the rules that turn it into stored values: SIREN/SIRET/VAT/IBAN/BIC checks, consistency
// between SIREN, SIRET and the French VAT number, the share capital in cents.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace comptoir::identity {

// Raw text, field by field; the names are the form fields and the API properties.
struct CompanyForm {
    std::string name, legal_form, siren, siret, vat_number, rcs_city, share_capital;
    std::string address_line1, address_line2, postal_code, city, country, phone, email, website;
    std::string iban, bic, accounting_code_rule;
};

// Normalised values, ready to store ("" for an absent optional text).
struct CompanyFields {
    std::string name, legal_form, siren, siret, vat_number, rcs_city;
    std::optional<std::int64_t> share_capital_cents;
    std::string address_line1, address_line2, postal_code, city, country, phone, email, website;
    std::string iban, bic, accounting_code_rule;
};

inline constexpr const char* kDefaultAccountingCodeRule = "411{NAME:5}{SEQ:3}";

// Every wrong field is reported, not only the first (Error::invalid with one FieldIssue each).
Result<CompanyFields> validate_company(const CompanyForm& form);

// The form values that display `fields` (share capital formatted for `locale`).
CompanyForm to_form(const CompanyFields& fields, const std::string& locale);

}  // namespace comptoir::identity
