#include "modules/crm/model/import_fields.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/text/search_text.hpp"

namespace comptoir::crm {
namespace {

struct FieldSpec {
    const char* key;
    const char* fr;
    const char* en;
    bool multiple;
    // Other headers meaning this field, already folded (lower case, no accents, punctuation as spaces).
    std::vector<const char*> aliases;
};

const std::vector<FieldSpec>& client_specs() {
    static const std::vector<FieldSpec> specs = {
        {"kind", "Type", "Kind", false, {"type de client", "type client", "nature", "client type", "customer type"}},
        {"status", "Statut", "Status", false, {"etat", "statut client", "client status"}},
        {"legal_name", "Raison sociale", "Legal name", false,
         {"societe", "entreprise", "denomination", "denomination sociale", "nom de la societe", "nom societe",
          "nom entreprise", "nom de l entreprise", "company", "company name", "organisation", "organization",
          "account name", "nom du client", "client", "business name", "name"}},
        {"trade_name", "Nom commercial", "Trade name", false, {"enseigne", "brand", "doing business as", "dba"}},
        {"civility", "Civilité", "Title", false, {"civ", "salutation"}},
        {"first_name", "Prénom (particulier)", "First name (individual)", false, {}},
        {"last_name", "Nom (particulier)", "Last name (individual)", false, {}},
        {"siren", "SIREN", "SIREN", false, {"n siren", "no siren", "numero siren", "siren number"}},
        {"siret", "SIRET", "SIRET", false, {"n siret", "no siret", "numero siret", "siret number", "siret du siege"}},
        {"vat_number", "N° TVA intracommunautaire", "VAT number", false,
         {"n tva", "no tva", "numero de tva", "numero tva", "tva", "tva intracommunautaire", "n tva intracom",
          "tva intracom", "vat", "vat id", "vat no", "vat number", "eu vat number", "n de tva intracommunautaire"}},
        {"naf_code", "Code NAF", "NAF code", false, {"naf", "code ape", "ape", "code naf ape", "activity code"}},
        {"legal_form", "Forme juridique", "Legal form", false, {"statut juridique", "forme", "company type"}},
        {"email", "E-mail", "Email", false,
         {"e mail", "mail", "courriel", "adresse email", "adresse e mail", "adresse mail", "email address",
          "e mail address"}},
        {"phone", "Téléphone", "Phone", false,
         {"tel", "telephone", "telephone fixe", "tel fixe", "standard", "phone number", "numero de telephone",
          "telephone 1", "tel 1", "portable", "mobile", "gsm", "cell", "cell phone", "mobile phone", "landline"}},
        {"website", "Site web", "Website", false, {"site", "site internet", "web", "url", "site web"}},
        {"billing_address.line1", "Adresse", "Address", false,
         {"adresse 1", "adresse ligne 1", "rue", "voie", "address 1", "address line 1", "street", "adresse de facturation",
          "billing address", "adresse postale", "street address"}},
        {"billing_address.line2", "Complément d'adresse", "Address line 2", false,
         {"complement d adresse", "complement", "adresse 2", "adresse ligne 2", "address 2", "address line 2", "lieu dit",
          "bp", "boite postale"}},
        {"billing_address.postal_code", "Code postal", "Postcode", false,
         {"cp", "zip", "zip code", "zipcode", "postal code", "code postal facturation"}},
        {"billing_address.city", "Ville", "City", false, {"commune", "localite", "town", "ville facturation"}},
        {"billing_address.country", "Pays", "Country", false, {"code pays", "country code"}},
        {"delivery_address.line1", "Livraison - Adresse", "Delivery - Address", false,
         {"adresse de livraison", "delivery address", "shipping address"}},
        {"delivery_address.line2", "Livraison - Complément d'adresse", "Delivery - Address line 2", false,
         {"complement d adresse de livraison", "shipping address 2"}},
        {"delivery_address.postal_code", "Livraison - Code postal", "Delivery - Postcode", false,
         {"code postal de livraison", "cp livraison", "shipping postcode", "shipping zip"}},
        {"delivery_address.city", "Livraison - Ville", "Delivery - City", false,
         {"ville de livraison", "shipping city"}},
        {"delivery_address.country", "Livraison - Pays", "Delivery - Country", false,
         {"pays de livraison", "shipping country"}},
        {"payment_terms", "Conditions de paiement", "Payment terms", false,
         {"delai de paiement", "conditions de reglement", "delai de reglement", "echeance", "terms"}},
        {"payment_method", "Mode de paiement", "Payment method", false,
         {"mode de reglement", "moyen de paiement", "reglement", "moyen de reglement"}},
        {"default_discount", "Remise (%)", "Discount (%)", false, {"remise", "taux de remise", "discount", "remise %"}},
        {"commercial_conditions", "Conditions commerciales", "Commercial conditions", false,
         {"conditions particulieres", "conditions commerciales particulieres"}},
        {"accounting_code", "Code comptable", "Accounting code", false,
         {"compte comptable", "compte auxiliaire", "compte client", "compte tiers", "code client comptable",
          "account code", "code tiers"}},
        {"assigned_user", "Commercial", "Sales rep", false,
         {"responsable", "suivi par", "assigned to", "owner", "account manager", "membre", "commercial attitre"}},
        {"categories", "Catégories", "Categories", true,
         {"categorie", "category", "tags", "tag", "etiquettes", "etiquette", "segment", "segments", "groupe", "groupes"}},
        {"notes", "Notes", "Notes", true,
         {"note", "commentaire", "commentaires", "remarque", "remarques", "observations", "comments", "comment", "memo",
          "description"}},
        {"email_consent.granted", "Consentement e-mail", "Email consent", false,
         {"consentement email", "opt in email", "optin email", "newsletter", "accepte les emails"}},
        {"email_consent.date", "Consentement e-mail - date", "Email consent - date", false, {}},
        {"email_consent.source", "Consentement e-mail - source", "Email consent - source", false, {}},
        {"email_consent.legal_basis", "Consentement e-mail - base légale", "Email consent - legal basis", false, {}},
        {"sms_consent.granted", "Consentement SMS", "SMS consent", false, {"opt in sms", "optin sms", "accepte les sms"}},
        {"sms_consent.date", "Consentement SMS - date", "SMS consent - date", false, {}},
        {"sms_consent.source", "Consentement SMS - source", "SMS consent - source", false, {}},
        {"sms_consent.legal_basis", "Consentement SMS - base légale", "SMS consent - legal basis", false, {}},
    };
    return specs;
}

struct ContactPart {
    const char* part;
    const char* fr;
    const char* en;
    bool multiple;
    std::vector<const char*> aliases;  // folded, after "contact N"
};

const std::vector<ContactPart>& contact_parts() {
    static const std::vector<ContactPart> parts = {
        {"civility", "Civilité", "Title", false, {"civ", "salutation"}},
        {"first_name", "Prénom", "First name", false, {"prenom", "first name", "firstname", "given name"}},
        {"last_name", "Nom", "Last name", false, {"nom", "last name", "lastname", "surname", "nom de famille", "family name"}},
        {"full_name", "Nom complet", "Full name", false, {"nom complet", "full name", "name", "prenom nom", "nom prenom"}},
        {"role", "Fonction", "Role", false, {"fonction", "poste", "role", "job title", "job", "position"}},
        {"emails", "E-mails", "Emails", true, {"email", "e mail", "emails", "e mails", "courriel", "mail"}},
        {"phones", "Téléphones", "Phones", true,
         {"telephone", "telephones", "tel", "phone", "phones", "mobile", "portable", "gsm", "ligne directe", "direct line"}},
    };
    return parts;
}

std::string folded(const std::string& s) {
    std::string f = fold(s);
    // "N°", "No." and "Nº" all read as "n".
    for (const char* from : {"n ", "no ", "nr "})
        if (f.starts_with(from)) f = "n " + f.substr(std::string(from).size());
    return f;
}

// The contact part a (folded) header names after its "contact N" prefix, or "".
std::string contact_part_of(const std::string& rest) {
    for (const auto& p : contact_parts()) {
        if (rest == folded(p.fr) || rest == folded(p.en)) return p.part;
        for (const char* a : p.aliases)
            if (rest == a) return p.part;
    }
    return "";
}

bool is_multiple(const std::string& key) {
    if (auto c = contact_key(key)) {
        for (const auto& p : contact_parts())
            if (c->second == p.part) return p.multiple;
        return false;
    }
    for (const auto& s : client_specs())
        if (key == s.key) return s.multiple;
    return false;
}

}  // namespace

std::vector<ImportField> import_fields(int contact_groups) {
    std::vector<ImportField> out;
    for (const auto& s : client_specs()) out.push_back({s.key, s.fr, s.en, s.multiple});
    for (int n = 1; n <= std::clamp(contact_groups, 1, kMaxContactGroups); ++n)
        for (const auto& p : contact_parts())
            out.push_back({"contact" + std::to_string(n) + "." + p.part,
                           "Contact " + std::to_string(n) + " - " + p.fr, "Contact " + std::to_string(n) + " - " + p.en,
                           p.multiple});
    return out;
}

std::optional<std::pair<int, std::string>> contact_key(const std::string& key) {
    if (!key.starts_with("contact")) return std::nullopt;
    auto dot = key.find('.');
    if (dot == std::string::npos || dot == 7) return std::nullopt;
    std::string number = key.substr(7, dot - 7);
    if (!std::all_of(number.begin(), number.end(), ::isdigit) || number.size() > 2) return std::nullopt;
    int n = std::stoi(number);
    if (n < 1 || n > kMaxContactGroups) return std::nullopt;
    return std::pair{n, key.substr(dot + 1)};
}

std::optional<ImportField> find_import_field(const std::string& key) {
    if (auto c = contact_key(key)) {
        for (const auto& p : contact_parts())
            if (c->second == p.part)
                return ImportField{key, "Contact " + std::to_string(c->first) + " - " + p.fr,
                                   "Contact " + std::to_string(c->first) + " - " + p.en, p.multiple};
        return std::nullopt;
    }
    for (const auto& s : client_specs())
        if (key == s.key) return ImportField{s.key, s.fr, s.en, s.multiple};
    return std::nullopt;
}

std::string field_label(const std::string& key, const std::string& locale) {
    auto f = find_import_field(key);
    if (!f) return key;
    return locale == "en" ? f->label_en : f->label_fr;
}

std::vector<std::string> guess_mapping(const std::vector<std::string>& headers) {
    std::vector<std::string> keys(headers.size());
    std::vector<std::string> f(headers.size());
    for (std::size_t i = 0; i < headers.size(); ++i) f[i] = folded(headers[i]);

    // 1. Canonical labels (what our export writes), in either language; "contact N - part".
    std::map<std::string, std::string> canonical;
    for (const auto& s : client_specs()) {
        canonical.emplace(folded(s.fr), s.key);
        canonical.emplace(folded(s.en), s.key);
    }
    for (std::size_t i = 0; i < headers.size(); ++i) {
        if (auto it = canonical.find(f[i]); it != canonical.end()) {
            keys[i] = it->second;
            continue;
        }
        // "contact 2 prenom", "contact 2 - e-mails"
        if (f[i].starts_with("contact ")) {
            std::size_t p = 8, start = p;
            while (p < f[i].size() && std::isdigit(static_cast<unsigned char>(f[i][p]))) ++p;
            if (p > start && p - start <= 2 && p < f[i].size() && f[i][p] == ' ') {
                int n = std::stoi(f[i].substr(start, p - start));
                std::string part = contact_part_of(f[i].substr(p + 1));
                if (n >= 1 && n <= kMaxContactGroups && !part.empty())
                    keys[i] = "contact" + std::to_string(n) + "." + part;
            }
        }
    }

    // 2. Other software's headers. Whether the file names companies decides what "Nom" means: the
    // contact's last name beside a company column, the individual's own otherwise.
    auto alias_of = [&](const std::string& h) -> std::string {
        for (const auto& s : client_specs())
            for (const char* a : s.aliases)
                if (h == a) return s.key;
        return "";
    };
    auto first_name_header = [](const std::string& h) {
        return h == "prenom" || h == "first name" || h == "firstname" || h == "given name";
    };
    bool has_company = false, has_first_name = false;
    for (std::size_t i = 0; i < headers.size(); ++i) {
        if (keys[i] == "legal_name" || keys[i] == "trade_name" || (keys[i].empty() && alias_of(f[i]) == "legal_name"))
            has_company = true;
        if (keys[i] == "first_name" || (keys[i].empty() && first_name_header(f[i]))) has_first_name = true;
    }
    bool contact_columns = false;
    for (std::size_t i = 0; i < headers.size(); ++i) {
        if (!keys[i].empty()) continue;
        const std::string& h = f[i];
        std::string key = alias_of(h);
        if (h == "nom" || h == "last name" || h == "lastname" || h == "surname" || h == "nom de famille") {
            // A lone "Nom" (no first name beside it) names the client, company or person.
            key = has_company ? "contact1.last_name" : has_first_name ? "last_name" : "legal_name";
            if (key == "legal_name") has_company = true;
        } else if (first_name_header(h)) {
            key = has_company ? "contact1.first_name" : "first_name";
        } else if (key == "civility") {
            key = has_company ? "contact1.civility" : "civility";
        } else if (key.empty()) {
            // "Contact", "Interlocuteur", "Email du contact", "Fonction"...
            static const std::vector<std::pair<const char*, const char*>> contact_aliases = {
                {"contact", "contact1.full_name"}, {"interlocuteur", "contact1.full_name"},
                {"nom du contact", "contact1.full_name"}, {"contact name", "contact1.full_name"},
                {"nom contact", "contact1.full_name"}, {"prenom du contact", "contact1.first_name"},
                {"prenom contact", "contact1.first_name"}, {"contact first name", "contact1.first_name"},
                {"contact last name", "contact1.last_name"}, {"nom de famille du contact", "contact1.last_name"},
                {"fonction", "contact1.role"}, {"poste", "contact1.role"}, {"job title", "contact1.role"},
                {"fonction du contact", "contact1.role"}, {"email du contact", "contact1.emails"},
                {"e mail du contact", "contact1.emails"}, {"mail du contact", "contact1.emails"},
                {"contact email", "contact1.emails"}, {"telephone du contact", "contact1.phones"},
                {"tel du contact", "contact1.phones"}, {"contact phone", "contact1.phones"},
                {"mobile du contact", "contact1.phones"}, {"portable du contact", "contact1.phones"},
                {"ligne directe", "contact1.phones"}};
            for (const auto& [alias, k] : contact_aliases)
                if (h == alias) key = k;
        }
        keys[i] = key;
        if (key.starts_with("contact")) contact_columns = true;
    }
    for (const auto& k : keys)
        if (k.starts_with("contact")) contact_columns = true;

    // 3. A single-valued field keeps its first column. A second e-mail or phone column goes to the
    // first contact when the file has contacts ("Téléphone" then "Mobile du contact"), else stays out.
    std::set<std::string> used;
    for (auto& key : keys) {
        if (key.empty() || is_multiple(key)) continue;
        if (used.insert(key).second) continue;
        if (key == "email" && contact_columns) key = "contact1.emails";
        else if (key == "phone" && contact_columns) key = "contact1.phones";
        else if (key == "legal_name" && !used.contains("trade_name")) key = "trade_name", used.insert(key);
        else key.clear();
    }
    return keys;
}

}  // namespace comptoir::crm
