#include "modules/crm/model/client_validation.hpp"

#include <algorithm>
#include <set>

#include "core/clock.hpp"
#include "core/contact/email.hpp"
#include "core/contact/phone.hpp"
#include "core/legal/naf.hpp"
#include "core/legal/siren.hpp"
#include "core/legal/vat_number.hpp"
#include "core/text/trim.hpp"
#include "core/text/utf8.hpp"
#include "modules/crm/domain/accounting_code.hpp"
#include "modules/crm/domain/payment_terms.hpp"

namespace comptoir::crm {
namespace {

struct Issues {
    std::vector<FieldIssue> list;
    void add(const std::string& field, std::string code, std::string fr, std::string en) {
        list.push_back({field, std::move(code), std::move(fr), std::move(en)});
    }
    void add(const std::string& field, const FieldIssue& issue) { list.push_back(with_field(issue, field)); }
    void too_long(const std::string& field, std::size_t max) {
        add(field, "too_long", "Ce champ ne peut pas dépasser " + std::to_string(max) + " caractères.",
            "This field cannot exceed " + std::to_string(max) + " characters.");
    }
};

void check_text(Issues& issues, std::string& value, const std::string& field, std::size_t max) {
    value = trim(value);
    if (!is_valid_utf8(value))
        issues.add(field, "encoding", "Ce texte contient des caractères illisibles (encodage non UTF-8).",
                   "This text contains unreadable characters (not UTF-8).");
    else if (value.size() > max)
        issues.too_long(field, max);
}

void check_address(Issues& issues, Address& a, const std::string& prefix) {
    check_text(issues, a.line1, prefix + ".line1", 200);
    check_text(issues, a.line2, prefix + ".line2", 200);
    check_text(issues, a.postal_code, prefix + ".postal_code", 20);
    check_text(issues, a.city, prefix + ".city", 100);
    a.country = trim(a.country);
    std::transform(a.country.begin(), a.country.end(), a.country.begin(), ::toupper);
    if (a.country.empty()) a.country = "FR";
    if (!is_known_country(a.country)) {
        issues.add(prefix + ".country", "country.unknown",
                   "Pays inconnu : indiquez un code ISO à deux lettres (FR, BE, CH...).",
                   "Unknown country: use a two-letter ISO code (FR, BE, CH...).");
    } else if (a.country == "FR" && !a.postal_code.empty()) {
        bool five_digits = a.postal_code.size() == 5 && std::all_of(a.postal_code.begin(), a.postal_code.end(), ::isdigit);
        if (!five_digits)
            issues.add(prefix + ".postal_code", "postal_code.invalid",
                       "Un code postal français comporte 5 chiffres (ex. 75011).",
                       "A French postal code has 5 digits (e.g. 75011).");
    }
}

void check_consent(Issues& issues, Consent& c, const std::string& prefix, const std::string& today) {
    check_text(issues, c.source, prefix + ".source", 200);
    c.legal_basis = trim(c.legal_basis);
    static const std::set<std::string> bases{"", "consent", "contract", "legitimate_interest"};
    if (!bases.contains(c.legal_basis))
        issues.add(prefix + ".legal_basis", "legal_basis.invalid",
                   "Base légale inconnue : consentement, contrat ou intérêt légitime.",
                   "Unknown legal basis: consent, contract or legitimate_interest.");
    c.date = trim(c.date);
    if (!c.date.empty() && !valid_iso_date(c.date))
        issues.add(prefix + ".date", "date.invalid", "Date invalide : utilisez le format AAAA-MM-JJ.",
                   "Invalid date: use YYYY-MM-DD.");
    else if (!c.date.empty() && c.date > today)
        issues.add(prefix + ".date", "date.future", "La date du consentement ne peut pas être dans le futur.",
                   "The consent date cannot be in the future.");
    if (c.granted && c.date.empty()) c.date = today;
    if (c.granted && c.legal_basis.empty()) c.legal_basis = "consent";
}

void check_choice(Issues& issues, std::string& value, const std::string& field, const std::set<std::string>& allowed,
                  const std::string& fr, const std::string& en) {
    value = trim(value);
    if (!allowed.contains(value)) issues.add(field, field + ".invalid", fr, en);
}

}  // namespace

std::vector<FieldIssue> normalise_contact(Contact& c, const std::string& p) {
    Issues issues;
    check_choice(issues, c.civility, p + "civility", {"", "mr", "mrs"}, "Civilité inconnue : M. ou Mme.",
                 "Unknown civility: mr or mrs.");
    check_text(issues, c.first_name, p + "first_name", 100);
    check_text(issues, c.last_name, p + "last_name", 100);
    check_text(issues, c.role, p + "role", 100);
    if (c.first_name.empty() && c.last_name.empty())
        issues.add(p + "last_name", "required", "Indiquez au moins le nom ou le prénom du contact.",
                   "Give at least the contact's last or first name.");
    std::vector<std::string> emails;
    for (std::size_t i = 0; i < c.emails.size(); ++i) {
        if (trim(c.emails[i]).empty()) continue;
        auto e = normalise_email(c.emails[i]);
        if (!e) issues.add(p + "emails[" + std::to_string(i) + "]", e.error());
        else if (std::find(emails.begin(), emails.end(), *e) == emails.end()) emails.push_back(*e);
    }
    c.emails = std::move(emails);
    std::vector<std::string> phones;
    for (std::size_t i = 0; i < c.phones.size(); ++i) {
        if (trim(c.phones[i]).empty()) continue;
        auto ph = parse_phone(c.phones[i], "FR");
        if (!ph) issues.add(p + "phones[" + std::to_string(i) + "]", ph.error());
        else if (std::find(phones.begin(), phones.end(), ph->e164) == phones.end()) phones.push_back(ph->e164);
    }
    c.phones = std::move(phones);
    if (c.emails.size() > 10) issues.add(p + "emails", "too_many", "10 adresses e-mail au plus.", "At most 10 emails.");
    if (c.phones.size() > 10) issues.add(p + "phones", "too_many", "10 numéros au plus.", "At most 10 phone numbers.");
    return issues.list;
}

std::vector<FieldIssue> normalise_client(Client& c, const std::string& today) {
    Issues issues;
    check_choice(issues, c.kind, "kind", {"company", "individual"},
                 "Type inconnu : entreprise (company) ou particulier (individual).",
                 "Unknown kind: company or individual.");
    check_choice(issues, c.status, "status", {"prospect", "client", "former_client"},
                 "Statut inconnu : prospect, client ou ancien client.", "Unknown status: prospect, client or former_client.");
    check_text(issues, c.legal_name, "legal_name", 200);
    check_text(issues, c.trade_name, "trade_name", 200);
    check_choice(issues, c.civility, "civility", {"", "mr", "mrs"}, "Civilité inconnue : M. ou Mme.",
                 "Unknown civility: mr or mrs.");
    check_text(issues, c.first_name, "first_name", 100);
    check_text(issues, c.last_name, "last_name", 100);
    if (c.kind == "individual") {
        if (c.last_name.empty())
            issues.add("last_name", "required", "Le nom du particulier est obligatoire.", "The individual's last name is required.");
    } else if (c.legal_name.empty()) {
        if (!c.trade_name.empty()) {
            c.legal_name = c.trade_name;  // a trade name alone is how many artisans are known
        } else {
            issues.add("legal_name", "required", "La raison sociale est obligatoire.", "The legal name is required.");
        }
    }
    check_text(issues, c.legal_form, "legal_form", 50);

    c.siren = trim(c.siren);
    c.siret = trim(c.siret);
    if (!c.siret.empty()) {
        if (auto s = normalise_siret(c.siret)) c.siret = *s;
        else issues.add("siret", s.error());
    }
    if (!c.siren.empty()) {
        if (auto s = normalise_siren(c.siren)) c.siren = *s;
        else issues.add("siren", s.error());
    }
    bool siret_ok = c.siret.size() == 14, siren_ok = c.siren.size() == 9;
    if (siret_ok && c.siren.empty()) c.siren = c.siret.substr(0, 9);
    else if (siret_ok && siren_ok && c.siret.substr(0, 9) != c.siren)
        issues.add("siret", "siret.siren_mismatch", "Le SIRET ne commence pas par le SIREN indiqué.",
                   "The SIRET does not start with the given SIREN.");

    c.vat_number = trim(c.vat_number);
    if (!c.vat_number.empty()) {
        if (auto v = normalise_vat_number(c.vat_number)) {
            c.vat_number = *v;
            if (c.siren.size() == 9 && c.vat_number.starts_with("FR") && c.vat_number.substr(4) != c.siren)
                issues.add("vat_number", "vat_number.siren_mismatch",
                           "Ce numéro de TVA ne correspond pas au SIREN de la fiche.",
                           "This VAT number does not match the client's SIREN.");
        } else {
            issues.add("vat_number", v.error());
        }
    }
    c.naf_code = trim(c.naf_code);
    if (!c.naf_code.empty()) {
        if (auto n = normalise_naf(c.naf_code)) c.naf_code = *n;
        else issues.add("naf_code", n.error());
    }
    c.email = trim(c.email);
    if (!c.email.empty()) {
        if (auto e = normalise_email(c.email)) c.email = *e;
        else issues.add("email", e.error());
    }
    c.phone = trim(c.phone);
    if (!c.phone.empty()) {
        if (auto ph = parse_phone(c.phone, "FR")) c.phone = ph->e164;
        else issues.add("phone", ph.error());
    }
    check_text(issues, c.website, "website", 200);
    if (!c.website.empty()) {
        bool has_scheme = c.website.starts_with("http://") || c.website.starts_with("https://");
        std::string host = has_scheme ? c.website.substr(c.website.find("//") + 2) : c.website;
        if (host.find('.') == std::string::npos || host.find(' ') != std::string::npos || host.find('<') != std::string::npos ||
            host.find('"') != std::string::npos)
            issues.add("website", "website.invalid", "Adresse de site web invalide (ex. www.exemple.fr).",
                       "Invalid website address (e.g. www.example.com).");
        else if (!has_scheme)
            c.website = "https://" + c.website;
    }
    check_address(issues, c.billing, "billing_address");
    if (c.delivery) {
        if (c.delivery->empty()) c.delivery.reset();
        else check_address(issues, *c.delivery, "delivery_address");
    }
    if (auto terms = parse_payment_terms(trim(c.payment_terms))) c.payment_terms = to_code(*terms);
    else issues.add("payment_terms", terms.error());
    check_choice(issues, c.payment_method, "payment_method", {"transfer", "card", "cheque", "cash", "direct_debit", "other"},
                 "Mode de paiement inconnu.", "Unknown payment method.");
    if (c.default_discount_bp < 0 || c.default_discount_bp > 10000)
        issues.add("default_discount", "default_discount.range", "La remise doit être comprise entre 0 et 100 %.",
                   "The discount must be between 0 and 100%.");
    check_text(issues, c.commercial_conditions, "commercial_conditions", 5000);
    check_text(issues, c.notes, "notes", 20000);
    c.accounting_code = trim(c.accounting_code);
    if (!c.accounting_code.empty()) {
        if (auto code = normalise_accounting_code(c.accounting_code)) c.accounting_code = *code;
        else issues.add("accounting_code", code.error());
    }
    check_consent(issues, c.email_consent, "email_consent", today);
    check_consent(issues, c.sms_consent, "sms_consent", today);
    if (c.contacts.size() > 100)
        issues.add("contacts", "too_many", "100 contacts au plus par client.", "At most 100 contacts per client.");
    int primaries = 0;
    for (std::size_t i = 0; i < c.contacts.size(); ++i) {
        for (auto& issue : normalise_contact(c.contacts[i], "contacts[" + std::to_string(i) + "].")) issues.list.push_back(issue);
        primaries += c.contacts[i].is_primary ? 1 : 0;
    }
    if (primaries > 1)
        issues.add("contacts", "contacts.primary", "Un seul contact peut être le contact principal.",
                   "Only one contact can be the primary contact.");
    if (primaries == 0 && !c.contacts.empty()) c.contacts.front().is_primary = true;
    std::sort(c.category_ids.begin(), c.category_ids.end());
    c.category_ids.erase(std::unique(c.category_ids.begin(), c.category_ids.end()), c.category_ids.end());
    return issues.list;
}

bool is_known_country(const std::string& iso2) {
    // ISO 3166-1 alpha-2 codes (officially assigned).
    static const std::set<std::string> codes = [] {
        const char* all =
            "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
            "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR "
            "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO "
            "JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR "
            "MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO "
            "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV "
            "TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";
        std::set<std::string> out;
        for (const char* p = all; *p; p += (p[2] ? 3 : 2)) out.emplace(p, 2);
        return out;
    }();
    return codes.contains(iso2);
}

std::string money_percent(std::int64_t bp) {
    std::string frac = std::to_string(bp % 100);
    if (frac.size() < 2) frac = "0" + frac;
    return std::to_string(bp / 100) + "." + frac;
}

std::optional<std::int64_t> parse_percent(const std::string& text) {
    std::string s;
    for (char ch : text)
        if (ch != ' ' && ch != '%') s.push_back(ch == ',' ? '.' : ch);
    if (s.empty()) return 0;
    auto dot = s.find('.');
    std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot + 1);
    if (whole.empty() || whole.size() > 3 || frac.size() > 2) return std::nullopt;
    if (!std::all_of(whole.begin(), whole.end(), ::isdigit) || !std::all_of(frac.begin(), frac.end(), ::isdigit))
        return std::nullopt;
    while (frac.size() < 2) frac += '0';
    return std::stoll(whole) * 100 + std::stoll(frac);
}

}  // namespace comptoir::crm
