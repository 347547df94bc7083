#include "modules/crm/model/client_json.hpp"

#include <set>

#include "core/contact/phone.hpp"
#include "modules/crm/model/client_validation.hpp"

namespace comptoir::crm {
namespace {

using nlohmann::json;

json address_json(const Address& a) {
    return {{"line1", a.line1}, {"line2", a.line2}, {"postal_code", a.postal_code}, {"city", a.city}, {"country", a.country}};
}

json consent_json(const Consent& c) {
    return {{"granted", c.granted}, {"date", c.date}, {"source", c.source}, {"legal_basis", c.legal_basis}};
}

json phones_display(const std::vector<std::string>& phones) {
    json out = json::array();
    for (const auto& p : phones) out.push_back(format_phone(p));
    return out;
}

// Collects type errors while reading fields, so one response names every wrong field.
struct Reader {
    std::vector<FieldIssue> issues;

    void type_error(const std::string& field, const char* expected_fr, const char* expected_en) {
        issues.push_back({field, "type", std::string("Ce champ doit être ") + expected_fr + ".",
                          std::string("This field must be ") + expected_en + "."});
    }
    void text(const json& body, const char* key, std::string& out, const std::string& prefix) {
        if (!body.contains(key)) return;
        const auto& v = body.at(key);
        if (v.is_null()) out.clear();
        else if (v.is_string()) out = v.get<std::string>();
        else type_error(prefix + key, "une chaîne de caractères", "a string");
    }
    void boolean(const json& v, const std::string& field, bool& out) {
        if (v.is_boolean()) out = v.get<bool>();
        else type_error(field, "vrai ou faux", "a boolean");
    }
    void strings(const json& body, const char* key, std::vector<std::string>& out, const std::string& prefix) {
        if (!body.contains(key)) return;
        const auto& v = body.at(key);
        if (v.is_null()) {
            out.clear();
            return;
        }
        if (!v.is_array()) return type_error(prefix + key, "une liste de chaînes", "an array of strings");
        out.clear();
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (v[i].is_string()) out.push_back(v[i].get<std::string>());
            else type_error(prefix + key + "[" + std::to_string(i) + "]", "une chaîne de caractères", "a string");
        }
    }
    void address(const json& body, const char* key, Address& out) {
        const auto& v = body.at(key);
        if (!v.is_object()) return type_error(key, "un objet adresse", "an address object");
        std::string prefix = std::string(key) + ".";
        unknown_keys(v, {"line1", "line2", "postal_code", "city", "country"}, prefix);
        text(v, "line1", out.line1, prefix);
        text(v, "line2", out.line2, prefix);
        text(v, "postal_code", out.postal_code, prefix);
        text(v, "city", out.city, prefix);
        text(v, "country", out.country, prefix);
    }
    void consent(const json& body, const char* key, Consent& out) {
        const auto& v = body.at(key);
        if (!v.is_object()) return type_error(key, "un objet consentement", "a consent object");
        std::string prefix = std::string(key) + ".";
        unknown_keys(v, {"granted", "date", "source", "legal_basis"}, prefix);
        if (v.contains("granted")) boolean(v.at("granted"), prefix + "granted", out.granted);
        text(v, "date", out.date, prefix);
        text(v, "source", out.source, prefix);
        text(v, "legal_basis", out.legal_basis, prefix);
    }
    void unknown_keys(const json& body, const std::set<std::string>& known, const std::string& prefix) {
        for (auto it = body.begin(); it != body.end(); ++it)
            if (!known.contains(it.key()))
                issues.push_back({prefix + it.key(), "unknown_field", "Champ inconnu.", "Unknown field."});
    }
};

const std::set<std::string> kContactKeys{"id", "civility", "first_name", "last_name", "role", "emails",
                                         "phones", "phones_display", "is_primary", "full_name"};

void read_contact(Reader& r, const json& body, Contact& c, const std::string& prefix) {
    r.unknown_keys(body, kContactKeys, prefix);
    r.text(body, "civility", c.civility, prefix);
    r.text(body, "first_name", c.first_name, prefix);
    r.text(body, "last_name", c.last_name, prefix);
    r.text(body, "role", c.role, prefix);
    r.strings(body, "emails", c.emails, prefix);
    r.strings(body, "phones", c.phones, prefix);
    if (body.contains("is_primary")) r.boolean(body.at("is_primary"), prefix + "is_primary", c.is_primary);
}

}  // namespace

json contact_json(const Contact& c) {
    return {{"id", c.id}, {"civility", c.civility}, {"first_name", c.first_name}, {"last_name", c.last_name},
            {"full_name", c.full_name()}, {"role", c.role}, {"emails", c.emails}, {"phones", c.phones},
            {"phones_display", phones_display(c.phones)}, {"is_primary", c.is_primary}};
}

json to_json(const Client& c) {
    json contacts = json::array();
    for (const auto& k : c.contacts) contacts.push_back(contact_json(k));
    return {{"id", c.id},
            {"kind", c.kind},
            {"status", c.status},
            {"display_name", c.display_name()},
            {"legal_name", c.legal_name},
            {"trade_name", c.trade_name},
            {"civility", c.civility},
            {"first_name", c.first_name},
            {"last_name", c.last_name},
            {"siren", c.siren},
            {"siret", c.siret},
            {"vat_number", c.vat_number},
            {"naf_code", c.naf_code},
            {"legal_form", c.legal_form},
            {"email", c.email},
            {"phone", c.phone},
            {"phone_display", c.phone.empty() ? "" : format_phone(c.phone)},
            {"website", c.website},
            {"billing_address", address_json(c.billing)},
            {"delivery_address", c.delivery ? address_json(*c.delivery) : json(nullptr)},
            {"payment_terms", c.payment_terms},
            {"payment_method", c.payment_method},
            {"default_discount", money_percent(c.default_discount_bp)},
            {"commercial_conditions", c.commercial_conditions},
            {"accounting_code", c.accounting_code},
            {"assigned_user_id", c.assigned_user_id ? json(*c.assigned_user_id) : json(nullptr)},
            {"category_ids", c.category_ids},
            {"notes", c.notes},
            {"email_consent", consent_json(c.email_consent)},
            {"sms_consent", consent_json(c.sms_consent)},
            {"contacts", contacts},
            {"archived", c.archived},
            {"created_at", c.created_at},
            {"created_by", c.created_by},
            {"updated_at", c.updated_at},
            {"updated_by", c.updated_by}};
}

json matches_json(const std::vector<DuplicateMatch>& matches) {
    json out = json::array();
    for (const auto& m : matches)
        out.push_back({{"client_id", m.client_id}, {"client_name", m.client_name}, {"field", m.field},
                       {"value", m.value}, {"contact_name", m.contact_name}, {"archived", m.archived},
                       {"url", "/clients/" + std::to_string(m.client_id)}});
    return out;
}

json audit_snapshot(const Client& c) {
    json j = to_json(c);
    for (const char* k : {"id", "contacts", "created_at", "created_by", "updated_at", "updated_by", "archived", "phone_display",
                          "display_name"})
        j.erase(k);
    // Flatten nested objects so the diff names "billing_address.city" rather than the whole address.
    json flat = json::object();
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.value().is_object())
            for (auto sub = it.value().begin(); sub != it.value().end(); ++sub) flat[it.key() + "." + sub.key()] = sub.value();
        else flat[it.key()] = it.value();
    }
    return flat;
}

Result<Contact> contact_from_json(const json& body, Contact base, const std::string& prefix) {
    if (!body.is_object())
        return fail(Error::invalid_field(prefix, "type", "Un contact doit être un objet.", "A contact must be an object."));
    Reader r;
    read_contact(r, body, base, prefix);
    if (!r.issues.empty()) return fail(Error::invalid(r.issues));
    return base;
}

Result<Client> client_from_json(const json& body, Client c) {
    static const std::set<std::string> known{
        "kind", "status", "legal_name", "trade_name", "civility", "first_name", "last_name", "siren", "siret",
        "vat_number", "naf_code", "legal_form", "email", "phone", "website", "billing_address", "delivery_address",
        "payment_terms", "payment_method", "default_discount", "commercial_conditions", "accounting_code",
        "assigned_user_id", "category_ids", "notes", "email_consent", "sms_consent", "contacts",
        // read-only fields a client may send back unchanged
        "id", "display_name", "phone_display", "archived", "created_at", "created_by", "updated_at", "updated_by"};
    Reader r;
    r.unknown_keys(body, known, "");
    const std::pair<const char*, std::string Client::*> text_fields[] = {
        {"kind", &Client::kind}, {"status", &Client::status}, {"legal_name", &Client::legal_name},
        {"trade_name", &Client::trade_name}, {"civility", &Client::civility}, {"first_name", &Client::first_name},
        {"last_name", &Client::last_name}, {"siren", &Client::siren}, {"siret", &Client::siret},
        {"vat_number", &Client::vat_number}, {"naf_code", &Client::naf_code}, {"legal_form", &Client::legal_form},
        {"email", &Client::email}, {"phone", &Client::phone}, {"website", &Client::website},
        {"payment_terms", &Client::payment_terms}, {"payment_method", &Client::payment_method},
        {"commercial_conditions", &Client::commercial_conditions}, {"accounting_code", &Client::accounting_code},
        {"notes", &Client::notes}};
    for (const auto& [key, member] : text_fields) r.text(body, key, c.*member, "");
    if (body.contains("billing_address")) r.address(body, "billing_address", c.billing);
    if (body.contains("delivery_address")) {
        if (body.at("delivery_address").is_null()) c.delivery.reset();
        else {
            if (!c.delivery) c.delivery = Address{};
            r.address(body, "delivery_address", *c.delivery);
        }
    }
    if (body.contains("default_discount")) {
        const auto& v = body.at("default_discount");
        std::optional<std::int64_t> bp;
        if (v.is_string()) bp = parse_percent(v.get<std::string>());
        else if (v.is_number()) bp = parse_percent(v.dump());
        else if (v.is_null()) bp = 0;
        if (bp) c.default_discount_bp = *bp;
        else
            r.issues.push_back({"default_discount", "default_discount.invalid",
                                "Remise invalide : un pourcentage comme 5 ou 7,5.", "Invalid discount: a percentage like 5 or 7.5."});
    }
    if (body.contains("assigned_user_id")) {
        const auto& v = body.at("assigned_user_id");
        if (v.is_null()) c.assigned_user_id.reset();
        else if (v.is_number_integer()) c.assigned_user_id = v.get<std::int64_t>();
        else r.type_error("assigned_user_id", "un identifiant numérique ou null", "an integer id or null");
    }
    if (body.contains("category_ids")) {
        const auto& v = body.at("category_ids");
        c.category_ids.clear();
        if (v.is_array()) {
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (v[i].is_number_integer()) c.category_ids.push_back(v[i].get<std::int64_t>());
                else r.type_error("category_ids[" + std::to_string(i) + "]", "un identifiant numérique", "an integer id");
            }
        } else if (!v.is_null()) {
            r.type_error("category_ids", "une liste d'identifiants", "an array of ids");
        }
    }
    if (body.contains("email_consent")) r.consent(body, "email_consent", c.email_consent);
    if (body.contains("sms_consent")) r.consent(body, "sms_consent", c.sms_consent);
    if (body.contains("contacts")) {
        const auto& v = body.at("contacts");
        if (!v.is_array()) {
            r.type_error("contacts", "une liste de contacts", "an array of contacts");
        } else {
            std::vector<Contact> contacts;
            for (std::size_t i = 0; i < v.size(); ++i) {
                std::string prefix = "contacts[" + std::to_string(i) + "].";
                if (!v[i].is_object()) {
                    r.type_error("contacts[" + std::to_string(i) + "]", "un objet contact", "a contact object");
                    continue;
                }
                Contact k;
                // A contact sent with its id updates that contact; without, it is a new one.
                if (v[i].contains("id") && v[i]["id"].is_number_integer()) {
                    auto id = v[i]["id"].get<std::int64_t>();
                    for (const auto& existing : c.contacts)
                        if (existing.id == id) k = existing;
                    if (k.id == 0)
                        r.issues.push_back({prefix + "id", "contact.unknown", "Ce contact n'appartient pas à ce client.",
                                            "This contact does not belong to this client."});
                }
                read_contact(r, v[i], k, prefix);
                contacts.push_back(std::move(k));
            }
            c.contacts = std::move(contacts);
        }
    }
    if (!r.issues.empty()) return fail(Error::invalid(r.issues));
    return c;
}

}  // namespace comptoir::crm
