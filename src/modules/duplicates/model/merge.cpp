#include "modules/duplicates/model/merge.hpp"

#include <algorithm>
#include <set>

namespace comptoir::duplicates {
namespace {

using nlohmann::json;

std::string address_text(const crm::Address& a) {
    std::string out;
    for (const auto* part : {&a.line1, &a.line2}) {
        if (part->empty()) continue;
        if (!out.empty()) out += ", ";
        out += *part;
    }
    std::string town = a.postal_code + (a.postal_code.empty() || a.city.empty() ? "" : " ") + a.city;
    if (!town.empty()) out += (out.empty() ? "" : ", ") + town;
    if (!out.empty() && !a.country.empty() && a.country != "FR") out += " (" + a.country + ")";
    return out;
}

std::string consent_text(const crm::Consent& c) {
    if (!c.granted && c.date.empty() && c.source.empty()) return "";
    std::string out = c.granted ? "✓" : "✗";
    for (const auto* part : {&c.date, &c.source, &c.legal_basis})
        if (!part->empty()) out += " · " + *part;
    return out;
}

json address_json(const crm::Address& a) {
    return {{"line1", a.line1}, {"line2", a.line2}, {"postal_code", a.postal_code}, {"city", a.city}, {"country", a.country}};
}
crm::Address address_from(const json& j) {
    crm::Address a;
    a.line1 = j.value("line1", "");
    a.line2 = j.value("line2", "");
    a.postal_code = j.value("postal_code", "");
    a.city = j.value("city", "");
    a.country = j.value("country", "FR");
    return a;
}
json consent_json(const crm::Consent& c) {
    return {{"granted", c.granted}, {"date", c.date}, {"source", c.source}, {"legal_basis", c.legal_basis}};
}
crm::Consent consent_from(const json& j) {
    return {j.value("granted", false), j.value("date", ""), j.value("source", ""), j.value("legal_basis", "")};
}

}  // namespace

const std::vector<MergeField>& merge_fields() {
    static const std::vector<MergeField> fields = {
        {"kind", "Type", "Type"},
        {"legal_name", "Raison sociale", "Legal name"},
        {"trade_name", "Nom commercial", "Trade name"},
        {"person_name", "Civilité, prénom et nom", "Title, first and last name"},
        {"status", "Statut", "Status"},
        {"siret", "SIREN / SIRET", "SIREN / SIRET"},
        {"vat_number", "N° de TVA", "VAT number"},
        {"naf_code", "Code NAF", "NAF code"},
        {"legal_form", "Forme juridique", "Legal form"},
        {"email", "E-mail", "Email"},
        {"phone", "Téléphone", "Phone"},
        {"website", "Site web", "Website"},
        {"billing_address", "Adresse de facturation", "Billing address"},
        {"delivery_address", "Adresse de livraison", "Delivery address"},
        {"payment_terms", "Conditions de paiement", "Payment terms"},
        {"payment_method", "Mode de paiement", "Payment method"},
        {"default_discount", "Remise par défaut", "Default discount"},
        {"commercial_conditions", "Conditions commerciales", "Commercial conditions"},
        {"accounting_code", "Compte client", "Accounting code"},
        {"assigned_user", "Commercial attitré", "Assigned to"},
        {"notes", "Notes", "Notes"},
        {"email_consent", "Consentement e-mail", "Email consent"},
        {"sms_consent", "Consentement SMS", "SMS consent"},
        {"categories", "Catégories", "Categories"},
    };
    return fields;
}

bool is_merge_field(const std::string& code) {
    const auto& f = merge_fields();
    return std::any_of(f.begin(), f.end(), [&](const MergeField& m) { return code == m.code; });
}

void take_field(const std::string& code, crm::Client& to, const crm::Client& from) {
    if (code == "kind") to.kind = from.kind;
    else if (code == "legal_name") to.legal_name = from.legal_name;
    else if (code == "trade_name") to.trade_name = from.trade_name;
    else if (code == "person_name") {
        to.civility = from.civility;
        to.first_name = from.first_name;
        to.last_name = from.last_name;
    } else if (code == "status") to.status = from.status;
    else if (code == "siret") {
        to.siren = from.siren;
        to.siret = from.siret;
    } else if (code == "vat_number") to.vat_number = from.vat_number;
    else if (code == "naf_code") to.naf_code = from.naf_code;
    else if (code == "legal_form") to.legal_form = from.legal_form;
    else if (code == "email") to.email = from.email;
    else if (code == "phone") to.phone = from.phone;
    else if (code == "website") to.website = from.website;
    else if (code == "billing_address") to.billing = from.billing;
    else if (code == "delivery_address") to.delivery = from.delivery;
    else if (code == "payment_terms") to.payment_terms = from.payment_terms;
    else if (code == "payment_method") to.payment_method = from.payment_method;
    else if (code == "default_discount") to.default_discount_bp = from.default_discount_bp;
    else if (code == "commercial_conditions") to.commercial_conditions = from.commercial_conditions;
    else if (code == "accounting_code") to.accounting_code = from.accounting_code;
    else if (code == "assigned_user") {
        to.assigned_user_id = from.assigned_user_id;
        to.assigned_user_name = from.assigned_user_name;
    } else if (code == "notes") to.notes = from.notes;
    else if (code == "email_consent") to.email_consent = from.email_consent;
    else if (code == "sms_consent") to.sms_consent = from.sms_consent;
    else if (code == "categories") to.category_ids = from.category_ids;
}

std::string field_text(const std::string& code, const crm::Client& c) {
    if (code == "kind") return c.kind;
    if (code == "legal_name") return c.legal_name;
    if (code == "trade_name") return c.trade_name;
    if (code == "person_name") {
        std::string out;
        for (const auto* p : {&c.first_name, &c.last_name})
            if (!p->empty()) out += (out.empty() ? "" : " ") + *p;
        return out;
    }
    if (code == "status") return c.status;
    if (code == "siret") return !c.siret.empty() ? c.siret : c.siren;
    if (code == "vat_number") return c.vat_number;
    if (code == "naf_code") return c.naf_code;
    if (code == "legal_form") return c.legal_form;
    if (code == "email") return c.email;
    if (code == "phone") return c.phone;
    if (code == "website") return c.website;
    if (code == "billing_address") return address_text(c.billing);
    if (code == "delivery_address") return c.delivery ? address_text(*c.delivery) : "";
    if (code == "payment_terms") return c.payment_terms;
    if (code == "payment_method") return c.payment_method;
    if (code == "default_discount") {
        if (c.default_discount_bp == 0) return "";
        const auto bp = c.default_discount_bp;
        std::string cents = std::to_string(bp % 100);
        return std::to_string(bp / 100) + "," + (cents.size() < 2 ? "0" : "") + cents + " %";
    }
    if (code == "commercial_conditions") return c.commercial_conditions;
    if (code == "accounting_code") return c.accounting_code;
    if (code == "assigned_user") return c.assigned_user_id ? c.assigned_user_name : "";
    if (code == "notes") return c.notes;
    if (code == "email_consent") return consent_text(c.email_consent);
    if (code == "sms_consent") return consent_text(c.sms_consent);
    if (code == "categories") {
        std::string out;
        for (auto id : c.category_ids) out += (out.empty() ? "" : ",") + std::to_string(id);
        return out;
    }
    return "";
}

std::string merge_field_of(const std::string& crm_field) {
    const std::string head = crm_field.substr(0, crm_field.find_first_of(".["));
    if (head == "billing") return "billing_address";
    if (head == "delivery") return "delivery_address";
    if (head == "civility" || head == "first_name" || head == "last_name") return "person_name";
    if (head == "siren") return "siret";
    if (head == "default_discount_bp" || head == "default_discount") return "default_discount";
    if (head == "assigned_user_id") return "assigned_user";
    if (head == "category_ids") return "categories";
    if (head == "contacts") return "contacts";
    return is_merge_field(head) ? head : "survivor_id";
}

std::int64_t default_choice(const std::string& code, const std::vector<crm::Client>& members, std::int64_t survivor_id) {
    // A person's name is not taken from a company's card, nor a company's legal name from a person's.
    auto suits = [&](const crm::Client& m) {
        if (code == "person_name") return m.kind == "individual";
        if (code == "legal_name" || code == "legal_form" || code == "naf_code") return m.kind == "company";
        return true;
    };
    for (const auto& m : members)
        if (m.id == survivor_id && suits(m) && !field_text(code, m).empty()) return survivor_id;
    for (const auto& m : members)
        if (suits(m) && !field_text(code, m).empty()) return m.id;
    return survivor_id;
}

crm::Client merged_card(const std::vector<crm::Client>& members, std::int64_t survivor_id,
                        const std::map<std::string, std::int64_t>& choices) {
    auto find = [&](std::int64_t id) -> const crm::Client& {
        for (const auto& m : members)
            if (m.id == id) return m;
        return members.front();
    };
    crm::Client out = find(survivor_id);
    for (const auto& f : merge_fields()) {
        const std::string code = f.code;
        if (code == "categories" && !choices.contains(code)) {
            std::set<std::int64_t> all;
            for (const auto& m : members) all.insert(m.category_ids.begin(), m.category_ids.end());
            out.category_ids.assign(all.begin(), all.end());
            continue;
        }
        auto it = choices.find(code);
        take_field(code, out, find(it != choices.end() ? it->second : default_choice(code, members, survivor_id)));
    }
    return out;
}

json card_image(const crm::Client& c) {
    json contacts = json::array();
    for (const auto& k : c.contacts) contacts.push_back(k.id);
    return {{"id", c.id},
            {"kind", c.kind},
            {"status", c.status},
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
            {"website", c.website},
            {"billing", address_json(c.billing)},
            {"delivery", c.delivery ? address_json(*c.delivery) : json(nullptr)},
            {"payment_terms", c.payment_terms},
            {"payment_method", c.payment_method},
            {"default_discount_bp", c.default_discount_bp},
            {"commercial_conditions", c.commercial_conditions},
            {"accounting_code", c.accounting_code},
            {"assigned_user_id", c.assigned_user_id ? json(*c.assigned_user_id) : json(nullptr)},
            {"category_ids", c.category_ids},
            {"notes", c.notes},
            {"email_consent", consent_json(c.email_consent)},
            {"sms_consent", consent_json(c.sms_consent)},
            {"archived", c.archived},
            {"contact_ids", contacts}};
}

crm::Client card_from_image(const json& j) {
    crm::Client c;
    c.id = j.value("id", std::int64_t{0});
    c.kind = j.value("kind", "company");
    c.status = j.value("status", "prospect");
    c.legal_name = j.value("legal_name", "");
    c.trade_name = j.value("trade_name", "");
    c.civility = j.value("civility", "");
    c.first_name = j.value("first_name", "");
    c.last_name = j.value("last_name", "");
    c.siren = j.value("siren", "");
    c.siret = j.value("siret", "");
    c.vat_number = j.value("vat_number", "");
    c.naf_code = j.value("naf_code", "");
    c.legal_form = j.value("legal_form", "");
    c.email = j.value("email", "");
    c.phone = j.value("phone", "");
    c.website = j.value("website", "");
    if (j.contains("billing") && j["billing"].is_object()) c.billing = address_from(j["billing"]);
    if (j.contains("delivery") && j["delivery"].is_object()) c.delivery = address_from(j["delivery"]);
    c.payment_terms = j.value("payment_terms", "30d");
    c.payment_method = j.value("payment_method", "transfer");
    c.default_discount_bp = j.value("default_discount_bp", std::int64_t{0});
    c.commercial_conditions = j.value("commercial_conditions", "");
    c.accounting_code = j.value("accounting_code", "");
    if (j.contains("assigned_user_id") && j["assigned_user_id"].is_number_integer())
        c.assigned_user_id = j["assigned_user_id"].get<std::int64_t>();
    if (j.contains("category_ids") && j["category_ids"].is_array())
        for (const auto& id : j["category_ids"])
            if (id.is_number_integer()) c.category_ids.push_back(id.get<std::int64_t>());
    c.notes = j.value("notes", "");
    if (j.contains("email_consent")) c.email_consent = consent_from(j["email_consent"]);
    if (j.contains("sms_consent")) c.sms_consent = consent_from(j["sms_consent"]);
    c.archived = j.value("archived", false);
    if (j.contains("contact_ids") && j["contact_ids"].is_array())
        for (const auto& id : j["contact_ids"])
            if (id.is_number_integer()) {
                crm::Contact k;
                k.id = id.get<std::int64_t>();
                c.contacts.push_back(k);
            }
    return c;
}

}  // namespace comptoir::duplicates
