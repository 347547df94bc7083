#include "modules/crm/model/import_row.hpp"

#include <algorithm>
#include <map>

#include "core/clock.hpp"
#include "core/contact/phone.hpp"
#include "core/text/search_text.hpp"
#include "core/text/trim.hpp"
#include "modules/crm/domain/payment_method.hpp"
#include "modules/crm/domain/payment_terms.hpp"
#include "modules/crm/model/client_validation.hpp"
#include "modules/crm/model/import_fields.hpp"

namespace comptoir::crm {
namespace {

bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string read_kind(const std::string& text) {
    std::string f = fold(text);
    static const std::map<std::string, std::string> kinds = {
        {"company", "company"}, {"entreprise", "company"}, {"societe", "company"}, {"professionnel", "company"},
        {"pro", "company"}, {"business", "company"}, {"b2b", "company"}, {"personne morale", "company"},
        {"morale", "company"}, {"organisation", "company"}, {"individual", "individual"},
        {"particulier", "individual"}, {"person", "individual"}, {"personne physique", "individual"},
        {"physique", "individual"}, {"b2c", "individual"}, {"private", "individual"}, {"prive", "individual"}};
    auto it = kinds.find(f);
    return it == kinds.end() ? text : it->second;
}

std::string read_status(const std::string& text) {
    std::string f = fold(text);
    static const std::map<std::string, std::string> statuses = {
        {"prospect", "prospect"}, {"lead", "prospect"}, {"piste", "prospect"}, {"client", "client"},
        {"customer", "client"}, {"actif", "client"}, {"active", "client"}, {"former client", "former_client"},
        {"former", "former_client"}, {"ancien client", "former_client"}, {"ancien", "former_client"},
        {"inactif", "former_client"}, {"inactive", "former_client"}};
    auto it = statuses.find(f);
    return it == statuses.end() ? text : it->second;
}

// Civilities that are not M./Mme (Dr, Me...) are left out rather than refused: the card has no field
// for them, and a whole row should not fail for a courtesy title.
std::string read_civility(const std::string& text) {
    std::string f = fold(text);
    static const std::map<std::string, std::string> civilities = {
        {"m", "mr"}, {"mr", "mr"}, {"monsieur", "mr"}, {"mister", "mr"}, {"sir", "mr"}, {"mme", "mrs"},
        {"mrs", "mrs"}, {"madame", "mrs"}, {"ms", "mrs"}, {"mlle", "mrs"}, {"mademoiselle", "mrs"}, {"miss", "mrs"}};
    auto it = civilities.find(f);
    return it == civilities.end() ? "" : it->second;
}

std::string read_legal_basis(const std::string& text) {
    std::string f = fold(text);
    if (f == "consent" || f == "consentement") return "consent";
    if (f == "contract" || f == "contrat") return "contract";
    if (f == "legitimate interest" || f == "interet legitime") return "legitimate_interest";
    return text;
}

// The cell's phones: the whole cell when it is one number ("06/12/34/56/78" is), else its parts.
std::vector<std::string> read_phones(const std::string& text) {
    if (parse_phone(text, "FR")) return {text};
    std::vector<std::string> out;
    std::string part;
    for (char c : text + ",") {
        if (c == ',' || c == ';' || c == '/' || c == '\n' || c == '|') {
            if (!trim(part).empty()) out.push_back(trim(part));
            part.clear();
        } else {
            part.push_back(c);
        }
    }
    return out;
}

std::vector<std::string> read_emails(const std::string& text) {
    std::vector<std::string> out;
    std::string part;
    for (char c : text + ",") {
        if (c == ',' || c == ';' || c == ' ' || c == '\n' || c == '\t' || c == '|') {
            if (!trim(part).empty()) out.push_back(trim(part));
            part.clear();
        } else {
            part.push_back(c);
        }
    }
    return out;
}

Address& delivery(Client& c) {
    if (!c.delivery) c.delivery = Address{};
    return *c.delivery;
}

void set_address(Address& a, const std::string& part, const std::string& value) {
    if (part == "line1") a.line1 = value;
    else if (part == "line2") a.line2 = value;
    else if (part == "postal_code") a.postal_code = value;
    else if (part == "city") a.city = value;
    else if (part == "country") a.country = read_country(value);
}

// The existing contact a row's contact is: the same name (accents and case aside), or a shared e-mail.
std::optional<std::size_t> same_contact(const std::vector<Contact>& existing, const Contact& k) {
    std::string name = fold(k.first_name + " " + k.last_name);
    for (std::size_t i = 0; i < existing.size(); ++i) {
        const Contact& e = existing[i];
        if (!name.empty() && fold(e.first_name + " " + e.last_name) == name) return i;
        for (const auto& mail : k.emails)
            for (const auto& known : e.emails)
                if (fold(mail) == fold(known)) return i;
    }
    return std::nullopt;
}

void merge_contact(Contact& into, const Contact& from) {
    if (!from.civility.empty()) into.civility = from.civility;
    if (!from.first_name.empty()) into.first_name = from.first_name;
    if (!from.last_name.empty()) into.last_name = from.last_name;
    if (!from.role.empty()) into.role = from.role;
    // Kept in their typed form; normalisation then drops those already there.
    for (const auto& e : from.emails) into.emails.push_back(e);
    for (const auto& p : from.phones) into.phones.push_back(p);
}

void append_note(std::string& notes, const std::string& header, const std::string& value, bool labelled) {
    if (!notes.empty()) notes += "\n";
    notes += labelled ? header + " : " + value : value;
}

}  // namespace

std::optional<bool> read_yes_no(const std::string& text) {
    std::string f = fold(text);
    if (f.empty() || f == "non" || f == "no" || f == "n" || f == "0" || f == "false" || f == "faux") return false;
    if (f == "oui" || f == "yes" || f == "y" || f == "o" || f == "1" || f == "true" || f == "vrai" || f == "x" ||
        f == "ok")
        return true;
    return std::nullopt;
}

std::string read_date(const std::string& text) {
    std::string t = trim(text);
    if (auto space = t.find_first_of(" T"); space != std::string::npos && space >= 8) t = t.substr(0, space);  // time
    if (valid_iso_date(t)) return t;
    // DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY (and two-digit years, 20xx), YYYY/MM/DD.
    std::vector<std::string> parts;
    std::string part;
    for (char c : t + "/") {
        if (c == '/' || c == '-' || c == '.') {
            parts.push_back(part);
            part.clear();
        } else {
            part.push_back(c);
        }
    }
    if (parts.size() != 3 || !std::all_of(parts.begin(), parts.end(), all_digits)) return text;
    std::string y, m, d;
    if (parts[0].size() == 4) y = parts[0], m = parts[1], d = parts[2];
    else y = parts[2], m = parts[1], d = parts[0];
    if (y.size() == 2) y = "20" + y;
    if (y.size() != 4 || m.size() > 2 || d.size() > 2) return text;
    std::string iso = y + "-" + (m.size() == 1 ? "0" : "") + m + "-" + (d.size() == 1 ? "0" : "") + d;
    return valid_iso_date(iso) ? iso : text;
}

std::string read_country(const std::string& text) {
    std::string t = trim(text);
    if (t.size() == 2) {
        std::string up = t;
        std::transform(up.begin(), up.end(), up.begin(), ::toupper);
        return up;
    }
    static const std::map<std::string, std::string> names = {
        {"france", "FR"}, {"belgique", "BE"}, {"belgium", "BE"}, {"suisse", "CH"}, {"switzerland", "CH"},
        {"luxembourg", "LU"}, {"allemagne", "DE"}, {"germany", "DE"}, {"espagne", "ES"}, {"spain", "ES"},
        {"italie", "IT"}, {"italy", "IT"}, {"portugal", "PT"}, {"pays bas", "NL"}, {"netherlands", "NL"},
        {"royaume uni", "GB"}, {"united kingdom", "GB"}, {"uk", "GB"}, {"angleterre", "GB"}, {"irlande", "IE"},
        {"ireland", "IE"}, {"autriche", "AT"}, {"austria", "AT"}, {"monaco", "MC"}, {"andorre", "AD"},
        {"andorra", "AD"}, {"canada", "CA"}, {"etats unis", "US"}, {"usa", "US"}, {"united states", "US"},
        {"maroc", "MA"}, {"morocco", "MA"}, {"tunisie", "TN"}, {"algerie", "DZ"}, {"senegal", "SN"},
        {"pologne", "PL"}, {"poland", "PL"}, {"suede", "SE"}, {"sweden", "SE"}, {"danemark", "DK"},
        {"denmark", "DK"}, {"norvege", "NO"}, {"norway", "NO"}, {"finlande", "FI"}, {"grece", "GR"},
        {"greece", "GR"}, {"reunion", "RE"}, {"la reunion", "RE"}, {"guadeloupe", "GP"}, {"martinique", "MQ"},
        {"guyane", "GF"}, {"mayotte", "YT"}, {"nouvelle caledonie", "NC"}, {"polynesie francaise", "PF"}};
    auto it = names.find(fold(t));
    return it == names.end() ? t : it->second;
}

std::string read_payment_terms(const std::string& text) {
    std::string t = trim(text);
    if (parse_payment_terms(t)) return t;
    std::string f = fold(t);
    if (f == "a reception" || f == "reception" || f == "on receipt" || f == "comptant" || f == "immediat" ||
        f == "a reception de facture" || f == "upon receipt")
        return "on_receipt";
    if (f == "fin de mois" || f == "end of month" || f == "fdm") return "0d_eom";
    // "fin de mois + 10 jours", "end of month + 10 days", "fdm 10"
    std::vector<std::string> words = search_tokens(f);
    auto number = std::find_if(words.begin(), words.end(), all_digits);
    if (number == words.end() || number->size() > 3) return text;
    std::string n = *number;
    bool eom = f.find("fin de mois") != std::string::npos || f.find("end of month") != std::string::npos ||
               std::find(words.begin(), words.end(), "fdm") != words.end() ||
               std::find(words.begin(), words.end(), "eom") != words.end();
    if (!eom) return n + "d";
    bool after = f.starts_with("fin de mois") || f.starts_with("end of month") || f.starts_with("fdm") ||
                 f.starts_with("eom");
    return after ? "eom_" + n + "d" : n + "d_eom";
}

std::string read_payment_method(const std::string& text) {
    std::string t = trim(text);
    if (parse_payment_method(t)) return t;
    std::string f = fold(t);
    for (auto m : kAllPaymentMethods)
        if (f == fold(label_fr(m)) || f == fold(label_en(m))) return std::string(to_code(m));
    static const std::map<std::string, std::string> aliases = {
        {"vir", "transfer"}, {"virement bancaire", "transfer"}, {"virement sepa", "transfer"}, {"wire", "transfer"},
        {"cb", "card"}, {"carte", "card"}, {"carte bleue", "card"}, {"credit card", "card"}, {"chq", "cheque"},
        {"check", "cheque"}, {"liquide", "cash"}, {"especes", "cash"}, {"prelevement sepa", "direct_debit"},
        {"prlv", "direct_debit"}, {"sepa", "direct_debit"}, {"direct debit", "direct_debit"}};
    auto it = aliases.find(f);
    return it == aliases.end() ? t : it->second;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    bool lines = text.find('\n') != std::string::npos;
    std::string part;
    for (char c : text + "\n") {
        bool separator = c == '\n' || (!lines && (c == ',' || c == ';'));
        if (separator) {
            std::string t = trim(part);
            if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
            part.clear();
        } else {
            part.push_back(c);
        }
    }
    return out;
}

Contact split_full_name(const std::string& text) {
    Contact c;
    std::vector<std::string> words;
    std::string w;
    for (char ch : trim(text) + " ") {
        if (ch == ' ') {
            if (!w.empty()) words.push_back(w);
            w.clear();
        } else {
            w.push_back(ch);
        }
    }
    if (!words.empty() && !read_civility(words.front()).empty() && words.size() > 1) {
        c.civility = read_civility(words.front());
        words.erase(words.begin());
    }
    if (words.empty()) return c;
    if (words.size() == 1) {
        c.last_name = words[0];
        return c;
    }
    // "DUPONT Jean" and "Jean DUPONT": words in capitals are the last name.
    auto upper = [](const std::string& s) {
        bool letters = false;
        for (unsigned char ch : s) {
            if (std::islower(ch)) return false;
            if (std::isupper(ch)) letters = true;
        }
        return letters && s.size() > 1;
    };
    std::string first, last;
    bool any_upper = std::any_of(words.begin(), words.end(), upper);
    bool all_upper = std::all_of(words.begin(), words.end(), upper);
    for (std::size_t i = 0; i < words.size(); ++i) {
        bool is_last = any_upper && !all_upper ? upper(words[i]) : i > 0;
        std::string& target = is_last ? last : first;
        target += (target.empty() ? "" : " ") + words[i];
    }
    c.first_name = first;
    c.last_name = last;
    return c;
}

ImportedRow convert_row(const std::vector<std::string>& keys, const std::vector<std::string>& headers,
                        const std::vector<std::string>& cells, const Client* base) {
    ImportedRow out;
    if (base) out.client = *base;
    Client& c = out.client;
    bool notes_replaced = false;
    std::map<int, Contact> contacts;
    bool kind_given = false;
    int note_columns = static_cast<int>(std::count(keys.begin(), keys.end(), std::string("notes")));
    auto issue = [&](const std::string& field, const std::string& fr, const std::string& en) {
        out.issues.push_back({field, field + ".invalid", fr, en});
    };
    std::vector<std::string> extra_phones, extra_emails;
    for (std::size_t i = 0; i < keys.size() && i < cells.size(); ++i) {
        const std::string& key = keys[i];
        std::string value = trim(cells[i]);
        if (key.empty() || value.empty()) continue;
        if (auto ck = contact_key(key)) {
            Contact& k = contacts[ck->first];
            const std::string& part = ck->second;
            if (part == "civility") k.civility = read_civility(value);
            else if (part == "first_name") k.first_name = value;
            else if (part == "last_name") k.last_name = value;
            else if (part == "role") k.role = value;
            else if (part == "emails") for (auto& e : read_emails(value)) k.emails.push_back(e);
            else if (part == "phones") for (auto& p : read_phones(value)) k.phones.push_back(p);
            else if (part == "full_name") {
                Contact named = split_full_name(value);
                if (k.civility.empty()) k.civility = named.civility;
                if (k.first_name.empty()) k.first_name = named.first_name;
                if (k.last_name.empty()) k.last_name = named.last_name;
            }
            continue;
        }
        if (key == "kind") {
            c.kind = read_kind(value);
            kind_given = true;
        } else if (key == "status") c.status = read_status(value);
        else if (key == "legal_name") c.legal_name = value;
        else if (key == "trade_name") c.trade_name = value;
        else if (key == "civility") c.civility = read_civility(value);
        else if (key == "first_name") c.first_name = value;
        else if (key == "last_name") c.last_name = value;
        else if (key == "siren") c.siren = value;
        else if (key == "siret") c.siret = value;
        else if (key == "vat_number") c.vat_number = value;
        else if (key == "naf_code") c.naf_code = value;
        else if (key == "legal_form") c.legal_form = value;
        else if (key == "email") {
            auto emails = read_emails(value);
            c.email = emails.empty() ? value : emails.front();
            for (std::size_t e = 1; e < emails.size(); ++e) extra_emails.push_back(emails[e]);
        } else if (key == "phone") {
            auto phones = read_phones(value);
            c.phone = phones.empty() ? value : phones.front();
            for (std::size_t p = 1; p < phones.size(); ++p) extra_phones.push_back(phones[p]);
        } else if (key == "website") c.website = value;
        else if (key.starts_with("billing_address.")) set_address(c.billing, key.substr(16), value);
        else if (key.starts_with("delivery_address.")) set_address(delivery(c), key.substr(17), value);
        else if (key == "payment_terms") c.payment_terms = read_payment_terms(value);
        else if (key == "payment_method") c.payment_method = read_payment_method(value);
        else if (key == "default_discount") {
            if (auto bp = parse_percent(value)) c.default_discount_bp = *bp;
            else
                out.issues.push_back({"default_discount", "default_discount.invalid",
                                      "Remise invalide : un pourcentage comme 5 ou 7,5.",
                                      "Invalid discount: a percentage like 5 or 7.5."});
        } else if (key == "commercial_conditions") c.commercial_conditions = value;
        else if (key == "accounting_code") c.accounting_code = value;
        else if (key == "assigned_user") out.assigned_user = value;
        else if (key == "categories") for (auto& name : split_list(cells[i])) out.category_names.push_back(name);
        else if (key == "notes") {
            if (base && !notes_replaced) c.notes.clear();
            notes_replaced = true;
            append_note(c.notes, i < headers.size() ? headers[i] : "", value, note_columns > 1);
        }
        else if (key.starts_with("email_consent.") || key.starts_with("sms_consent.")) {
            bool email = key.starts_with("email_");
            Consent& consent = email ? c.email_consent : c.sms_consent;
            std::string part = key.substr(key.find('.') + 1);
            if (part == "granted") {
                if (auto yes = read_yes_no(value)) consent.granted = *yes;
                else issue(key, "Valeur attendue : oui ou non.", "Expected yes or no.");
            } else if (part == "date") consent.date = read_date(value);
            else if (part == "source") consent.source = value;
            else if (part == "legal_basis") consent.legal_basis = read_legal_basis(value);
        }
    }
    // A French postal code that a spreadsheet read as a number lost its leading zero: 1000 is 01000.
    for (Address* a : {&c.billing, c.delivery ? &*c.delivery : nullptr}) {
        if (!a) continue;
        std::string country = a->country.empty() ? "FR" : a->country;
        if ((country == "FR" || country == "fr") && a->postal_code.size() == 4 && all_digits(a->postal_code))
            a->postal_code = "0" + a->postal_code;
        if (a->country.empty()) a->country = "FR";
    }
    // Without a kind column: a row with a person's name and no company name is an individual.
    if (!base && !kind_given && c.legal_name.empty() && c.trade_name.empty() && !c.last_name.empty()) c.kind = "individual";
    for (const auto& phone : extra_phones) append_note(c.notes, "Autre téléphone", phone, true);
    for (const auto& email : extra_emails) append_note(c.notes, "Autre e-mail", email, true);
    if (base) out.contact_groups.assign(c.contacts.size(), 0);
    for (auto& [group, contact] : contacts) {
        bool empty = contact.first_name.empty() && contact.last_name.empty() && contact.role.empty() &&
                     contact.emails.empty() && contact.phones.empty();
        if (empty) continue;
        if (base) {
            if (auto index = same_contact(c.contacts, contact)) {
                merge_contact(c.contacts[*index], contact);
                out.contact_groups[*index] = group;
                continue;
            }
        }
        c.contacts.push_back(std::move(contact));
        out.contact_groups.push_back(group);
    }
    return out;
}

std::optional<std::size_t> column_of_issue(const std::string& field, const std::vector<std::string>& keys,
                                           const std::vector<int>& contact_groups) {
    std::string key = field;
    if (field.starts_with("contacts[")) {
        auto close = field.find(']');
        std::size_t index = std::stoul(field.substr(9, close - 9));
        if (index >= contact_groups.size()) return std::nullopt;
        std::string part = close + 2 <= field.size() ? field.substr(close + 2) : "";
        if (auto bracket = part.find('['); bracket != std::string::npos) part.erase(bracket);
        key = "contact" + std::to_string(contact_groups[index]) + "." + part;
        // A contact without a name is reported on its name columns.
        if (part == "last_name") {
            for (const char* alt : {".last_name", ".full_name", ".first_name"}) {
                std::string k = "contact" + std::to_string(contact_groups[index]) + alt;
                for (std::size_t i = 0; i < keys.size(); ++i)
                    if (keys[i] == k) return i;
            }
        }
    } else if (field == "legal_name") {
        for (const char* alt : {"legal_name", "trade_name", "last_name"})
            for (std::size_t i = 0; i < keys.size(); ++i)
                if (keys[i] == alt) return i;
        return std::nullopt;
    } else if (field == "category_ids") {
        key = "categories";
    } else if (field == "assigned_user_id") {
        key = "assigned_user";
    }
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == key) return i;
    return std::nullopt;
}

}  // namespace comptoir::crm
