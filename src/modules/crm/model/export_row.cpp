#include "modules/crm/model/export_row.hpp"

#include "core/contact/phone.hpp"
#include "core/legal/siren.hpp"
#include "modules/crm/domain/payment_method.hpp"
#include "modules/crm/domain/payment_terms.hpp"
#include "modules/crm/model/client_validation.hpp"
#include "modules/crm/model/import_fields.hpp"

namespace comptoir::crm {
namespace {

std::string join(const std::vector<std::string>& values, const std::string& separator) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : separator) + v;
    return out;
}

std::string phones_text(const std::vector<std::string>& phones) {
    std::vector<std::string> shown;
    for (const auto& p : phones) shown.push_back(format_phone(p));
    return join(shown, ", ");
}

std::string kind_text(const std::string& kind, bool fr) {
    if (kind == "individual") return fr ? "Particulier" : "Individual";
    return fr ? "Entreprise" : "Company";
}

std::string status_text(const std::string& status, bool fr) {
    if (status == "client") return "Client";
    if (status == "former_client") return fr ? "Ancien client" : "Former client";
    return "Prospect";
}

std::string civility_text(const std::string& civility, bool fr) {
    if (civility == "mr") return fr ? "M." : "Mr";
    if (civility == "mrs") return fr ? "Mme" : "Mrs";
    return "";
}

std::string basis_text(const std::string& basis, bool fr) {
    if (basis == "consent") return fr ? "Consentement" : "Consent";
    if (basis == "contract") return fr ? "Contrat" : "Contract";
    if (basis == "legitimate_interest") return fr ? "Intérêt légitime" : "Legitimate interest";
    return basis;
}

std::string terms_text(const std::string& code, bool fr) {
    auto terms = parse_payment_terms(code);
    if (!terms) return code;
    return fr ? label_fr(*terms) : label_en(*terms);
}

std::string method_text(const std::string& code, bool fr) {
    auto method = parse_payment_method(code);
    if (!method) return code;
    return std::string(fr ? label_fr(*method) : label_en(*method));
}

// Categories one per line, so that a name holding a comma survives; a single such name gets a
// trailing line break to say the same.
std::string categories_text(const Client& c, const ExportLookups& lookups) {
    std::vector<std::string> names;
    for (auto id : c.category_ids)
        if (auto it = lookups.category_names.find(id); it != lookups.category_names.end()) names.push_back(it->second);
    std::string out = join(names, "\n");
    if (names.size() == 1 && out.find_first_of(",;") != std::string::npos) out += "\n";
    return out;
}

std::string address_part(const Address& a, const std::string& part) {
    if (part == "line1") return a.line1;
    if (part == "line2") return a.line2;
    if (part == "postal_code") return a.postal_code;
    if (part == "city") return a.city;
    if (part == "country") return a.country;
    return "";
}

std::string consent_part(const Consent& consent, const std::string& part, bool fr) {
    if (part == "granted") return consent.granted ? (fr ? "Oui" : "Yes") : (fr ? "Non" : "No");
    if (part == "date") return consent.date;
    if (part == "source") return consent.source;
    if (part == "legal_basis") return basis_text(consent.legal_basis, fr);
    return "";
}

std::string contact_part(const Contact& k, const std::string& part, bool fr) {
    if (part == "civility") return civility_text(k.civility, fr);
    if (part == "first_name") return k.first_name;
    if (part == "last_name") return k.last_name;
    if (part == "role") return k.role;
    if (part == "emails") return join(k.emails, ", ");
    if (part == "phones") return phones_text(k.phones);
    return "";
}

}  // namespace

std::vector<std::string> export_keys(int contact_groups) {
    std::vector<std::string> keys;
    for (const auto& f : import_fields(1))
        if (!contact_key(f.key)) keys.push_back(f.key);
    for (int n = 1; n <= contact_groups; ++n)
        for (const char* part : {"civility", "first_name", "last_name", "role", "emails", "phones"})
            keys.push_back("contact" + std::to_string(n) + "." + part);
    keys.push_back("created_at");
    keys.push_back("updated_at");
    return keys;
}

std::vector<std::string> export_header(const std::vector<std::string>& keys, const std::string& locale) {
    bool fr = locale != "en";
    std::vector<std::string> out;
    for (const auto& key : keys) {
        if (key == "created_at") out.push_back(fr ? "Créé le" : "Created");
        else if (key == "updated_at") out.push_back(fr ? "Modifié le" : "Updated");
        else out.push_back(field_label(key, locale));
    }
    return out;
}

std::vector<std::string> export_row(const std::vector<std::string>& keys, const Client& c, const ExportLookups& lookups,
                                    const std::string& locale) {
    bool fr = locale != "en";
    std::vector<std::string> out;
    out.reserve(keys.size());
    for (const auto& key : keys) {
        std::string v;
        if (auto ck = contact_key(key)) {
            std::size_t index = static_cast<std::size_t>(ck->first - 1);
            if (index < c.contacts.size()) v = contact_part(c.contacts[index], ck->second, fr);
        } else if (key == "kind") v = kind_text(c.kind, fr);
        else if (key == "status") v = status_text(c.status, fr);
        else if (key == "legal_name") v = c.kind == "individual" ? "" : c.legal_name;
        else if (key == "trade_name") v = c.trade_name;
        else if (key == "civility") v = civility_text(c.civility, fr);
        else if (key == "first_name") v = c.first_name;
        else if (key == "last_name") v = c.last_name;
        else if (key == "siren") v = format_siren(c.siren);
        else if (key == "siret") v = format_siret(c.siret);
        else if (key == "vat_number") v = c.vat_number;
        else if (key == "naf_code") v = c.naf_code;
        else if (key == "legal_form") v = c.legal_form;
        else if (key == "email") v = c.email;
        else if (key == "phone") v = c.phone.empty() ? "" : format_phone(c.phone);
        else if (key == "website") v = c.website;
        else if (key.starts_with("billing_address.")) v = address_part(c.billing, key.substr(16));
        else if (key.starts_with("delivery_address.")) v = c.delivery ? address_part(*c.delivery, key.substr(17)) : "";
        else if (key == "payment_terms") v = terms_text(c.payment_terms, fr);
        else if (key == "payment_method") v = method_text(c.payment_method, fr);
        else if (key == "default_discount") {
            v = c.default_discount_bp ? money_percent(c.default_discount_bp) : "";
            if (fr) std::replace(v.begin(), v.end(), '.', ',');
        } else if (key == "commercial_conditions") v = c.commercial_conditions;
        else if (key == "accounting_code") v = c.accounting_code;
        else if (key == "assigned_user") {
            if (c.assigned_user_id)
                if (auto it = lookups.user_emails.find(*c.assigned_user_id); it != lookups.user_emails.end()) v = it->second;
        } else if (key == "categories") v = categories_text(c, lookups);
        else if (key == "notes") v = c.notes;
        else if (key.starts_with("email_consent.")) v = consent_part(c.email_consent, key.substr(14), fr);
        else if (key.starts_with("sms_consent.")) v = consent_part(c.sms_consent, key.substr(12), fr);
        else if (key == "created_at") v = c.created_at;
        else if (key == "updated_at") v = c.updated_at;
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace comptoir::crm
