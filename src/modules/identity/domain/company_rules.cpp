#include "modules/identity/domain/company_rules.hpp"

#include <algorithm>
#include <vector>

#include "core/legal/iban.hpp"
#include "core/legal/siren.hpp"
#include "core/legal/vat_number.hpp"
#include "modules/identity/domain/euro_amount.hpp"
#include "modules/identity/domain/user_rules.hpp"

namespace comptoir::identity {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Checker {
public:
    std::vector<FieldIssue> issues;

    void add(const std::string& field, std::string code, std::string fr, std::string en) {
        issues.push_back(FieldIssue{field, std::move(code), std::move(fr), std::move(en)});
    }
    // A free text of at most `max` bytes without control characters; "" when absent.
    std::string text(const std::string& field, const std::string& value, std::size_t max, bool required = false) {
        std::string out = trim(value);
        if (required && out.empty())
            add(field, field + ".empty", "Ce champ est obligatoire.", "This field is required.");
        else if (out.size() > max)
            add(field, field + ".too_long", "Ce champ est trop long (" + std::to_string(max) + " caractères au plus).",
                "This field is too long (" + std::to_string(max) + " characters at most).");
        else if (std::any_of(out.begin(), out.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; }))
            add(field, field + ".format", "Ce champ contient des caractères non autorisés.",
                "This field contains characters that are not allowed.");
        return out;
    }
    // An optional value checked by a core validator; "" when absent or wrong.
    template <typename F>
    std::string checked(const std::string& field, const std::string& value, F&& check) {
        std::string raw = trim(value);
        if (raw.empty()) return {};
        auto result = check(raw);
        if (!result) {
            issues.push_back(with_field(result.error(), field));
            return {};
        }
        return *result;
    }
};

bool valid_accounting_code_rule(const std::string& rule) {
    // Literal characters (uppercase letters and digits) and placeholders {NAME:n} / {SEQ:n}, 1 ≤ n ≤ 10.
    for (std::size_t i = 0; i < rule.size();) {
        char c = rule[i];
        if (c == '{') {
            auto close = rule.find('}', i);
            if (close == std::string::npos) return false;
            std::string token = rule.substr(i + 1, close - i - 1);
            auto colon = token.find(':');
            if (colon == std::string::npos) return false;
            std::string kind = token.substr(0, colon), width = token.substr(colon + 1);
            if ((kind != "NAME" && kind != "SEQ") || width.empty() || width.size() > 2 ||
                !std::all_of(width.begin(), width.end(), is_digit))
                return false;
            int n = std::stoi(width);
            if (n < 1 || n > 10) return false;
            i = close + 1;
        } else if ((c >= 'A' && c <= 'Z') || is_digit(c)) {
            ++i;
        } else {
            return false;
        }
    }
    return rule.find("{SEQ:") != std::string::npos;
}

}  // namespace

Result<CompanyFields> validate_company(const CompanyForm& form) {
    Checker check;
    CompanyFields out;
    out.name = check.text("name", form.name, 200, true);
    out.legal_form = check.text("legal_form", form.legal_form, 50);
    out.siren = check.checked("siren", form.siren, [](const std::string& s) { return normalise_siren(s); });
    out.siret = check.checked("siret", form.siret, [](const std::string& s) { return normalise_siret(s); });
    if (!out.siret.empty()) {
        // The SIRET of the head office begins with the company's SIREN; fill the SIREN in when missing.
        if (out.siren.empty() && trim(form.siren).empty()) out.siren = out.siret.substr(0, 9);
        else if (!out.siren.empty() && !out.siret.starts_with(out.siren))
            check.add("siret", "siret.siren_mismatch", "Le SIRET doit commencer par le SIREN de l'entreprise.",
                      "The SIRET must begin with the company's SIREN.");
    }
    out.vat_number =
        check.checked("vat_number", form.vat_number, [](const std::string& s) { return normalise_vat_number(s); });
    if (out.vat_number.starts_with("FR") && !out.siren.empty() && out.vat_number.substr(4) != out.siren)
        check.add("vat_number", "vat.siren_mismatch",
                  "Le numéro de TVA ne correspond pas au SIREN (attendu : " + vat_number_for_siren(out.siren) + ").",
                  "The VAT number does not match the SIREN (expected: " + vat_number_for_siren(out.siren) + ").");
    out.rcs_city = check.text("rcs_city", form.rcs_city, 100);
    if (auto capital = trim(form.share_capital); !capital.empty()) {
        if (auto cents = parse_euro_amount(capital)) out.share_capital_cents = *cents;
        else check.issues.push_back(with_field(cents.error(), "share_capital"));
    }
    out.address_line1 = check.text("address_line1", form.address_line1, 200);
    out.address_line2 = check.text("address_line2", form.address_line2, 200);
    out.city = check.text("city", form.city, 100);

    std::string country = trim(form.country);
    std::transform(country.begin(), country.end(), country.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
    if (country.empty()) country = "FR";
    if (country.size() != 2 || !std::all_of(country.begin(), country.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        check.add("country", "country.format", "Le pays est un code à deux lettres (FR, BE, DE…).",
                  "The country is a two-letter code (FR, BE, DE…).");
    out.country = country;

    out.postal_code = check.text("postal_code", form.postal_code, 20);
    if (country == "FR" && !out.postal_code.empty() &&
        (out.postal_code.size() != 5 || !std::all_of(out.postal_code.begin(), out.postal_code.end(), is_digit)))
        check.add("postal_code", "postal_code.format", "Le code postal français comporte 5 chiffres.",
                  "A French postal code has 5 digits.");

    out.phone = check.text("phone", form.phone, 30);
    if (!out.phone.empty()) {
        auto digits = std::count_if(out.phone.begin(), out.phone.end(), is_digit);
        bool allowed = std::all_of(out.phone.begin(), out.phone.end(), [](char c) {
            return is_digit(c) || c == ' ' || c == '+' || c == '.' || c == '-' || c == '(' || c == ')';
        });
        if (!allowed || digits < 6)
            check.add("phone", "phone.format", "Le numéro de téléphone n'est pas valide (exemple : 01 23 45 67 89).",
                      "The phone number is not valid (example: +33 1 23 45 67 89).");
    }
    out.email = check.checked("email", form.email, [](const std::string& s) { return normalise_email(s); });

    out.website = check.text("website", form.website, 200);
    if (!out.website.empty()) {
        if (!out.website.starts_with("http://") && !out.website.starts_with("https://")) out.website = "https://" + out.website;
        std::string host = out.website.substr(out.website.find("//") + 2);
        host = host.substr(0, host.find('/'));
        bool ok = host.find('.') != std::string::npos && !host.starts_with('.') && !host.ends_with('.') &&
                  std::none_of(out.website.begin(), out.website.end(),
                               [](unsigned char c) { return c <= ' ' || c == '"' || c == '<' || c == '>'; });
        if (!ok)
            check.add("website", "website.format", "L'adresse du site n'est pas valide (exemple : www.exemple.fr).",
                      "The website address is not valid (example: www.example.com).");
    }
    out.iban = check.checked("iban", form.iban, [](const std::string& s) { return normalise_iban(s); });
    out.bic = check.checked("bic", form.bic, [](const std::string& s) { return normalise_bic(s); });

    out.accounting_code_rule = trim(form.accounting_code_rule);
    if (out.accounting_code_rule.empty()) out.accounting_code_rule = kDefaultAccountingCodeRule;
    if (out.accounting_code_rule.size() > 50 || !valid_accounting_code_rule(out.accounting_code_rule))
        check.add("accounting_code_rule", "accounting_code_rule.format",
                  "La règle de compte client comprend des lettres majuscules, des chiffres, {NAME:n} et {SEQ:n} "
                  "(exemple : 411{NAME:5}{SEQ:3}).",
                  "The client account rule is made of capital letters, digits, {NAME:n} and {SEQ:n} "
                  "(example: 411{NAME:5}{SEQ:3}).");

    if (!check.issues.empty()) return fail(Error::invalid(std::move(check.issues)));
    return out;
}

CompanyForm to_form(const CompanyFields& f, const std::string& locale) {
    CompanyForm form{f.name, f.legal_form, f.siren, f.siret, f.vat_number, f.rcs_city, "",
                     f.address_line1, f.address_line2, f.postal_code, f.city, f.country, f.phone, f.email, f.website,
                     f.iban, f.bic, f.accounting_code_rule};
    if (f.share_capital_cents) form.share_capital = format_euro_amount(*f.share_capital_cents, locale);
    return form;
}

}  // namespace comptoir::identity
