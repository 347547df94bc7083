#include "modules/gdpr/storage/crm_source.hpp"

#include <algorithm>

#include "modules/crm/storage/client_store.hpp"
#include "modules/crm/storage/fulltext_index.hpp"
#include "modules/crm/storage/search_index.hpp"
#include "modules/gdpr/storage/table_source.hpp"

namespace comptoir::gdpr {
namespace {

using nlohmann::json;
namespace crm_storage = crm::storage;

const std::vector<std::string> kClientColumns{
    "id", "kind", "status", "legal_name", "trade_name", "civility", "first_name", "last_name", "display_name", "siren",
    "siret", "vat_number", "naf_code", "legal_form", "email", "phone", "website", "billing_line1", "billing_line2",
    "billing_postal_code", "billing_city", "billing_country", "has_delivery", "delivery_line1", "delivery_line2",
    "delivery_postal_code", "delivery_city", "delivery_country", "payment_terms", "payment_method",
    "commercial_conditions", "accounting_code", "notes", "email_consent", "email_consent_date", "email_consent_source",
    "email_consent_basis", "sms_consent", "sms_consent_date", "sms_consent_source", "sms_consent_basis", "archived",
    "anonymised_at", "created_at", "updated_at"};
const std::vector<std::string> kContactColumns{"id", "civility", "first_name", "last_name", "role", "emails", "phones",
                                               "is_primary", "created_at", "updated_at"};
const std::vector<std::string> kConsentColumns{"id", "channel", "granted", "consent_date", "source", "legal_basis",
                                               "recorded_at", "recorded_by"};
const std::vector<std::string> kImportColumns{"import_id", "row_no", "line", "cells", "outcome"};
const std::vector<std::string> kAuditColumns{"id", "at", "user_id", "entity", "entity_id", "action", "changes"};

std::string columns(const std::vector<std::string>& names, const std::string& prefix = "") {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + prefix + n;
    return out;
}

void add_unique(std::vector<std::string>& list, const std::string& value) {
    if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

void add_contact(Person& p, const crm::Contact& k) {
    add_unique(p.names, k.full_name());
    for (const auto& e : k.emails) add_unique(p.emails, e);
    for (const auto& ph : k.phones) add_unique(p.phones, ph);
}

// The audit entries about the client or its contacts (or, for a contact, about it alone).
std::string about_person(store::Connection& conn, const Person& p, std::vector<store::Value>& params) {
    params = {p.company_id};
    if (p.contact_id != 0) {
        params.push_back(p.contact_id);
        return "company_id = ? AND entity = 'contact' AND entity_id = ?";
    }
    params.push_back(p.client_id);
    std::string sql = "company_id = ? AND ((entity = 'client' AND entity_id = ?)";
    if (!p.contact_ids.empty()) {
        sql += " OR (entity = 'contact' AND entity_id " + crm_storage::id_in(conn.dialect()) + ")";
        params.push_back(crm_storage::id_list_value(conn.dialect(), p.contact_ids));
    }
    return sql + ")";
}

}  // namespace

std::optional<Person> load_person(store::Connection& conn, std::int64_t company_id, std::int64_t client_id,
                                  std::int64_t contact_id) {
    auto c = crm_storage::find_client(conn, company_id, client_id);
    if (!c) return std::nullopt;
    Person p;
    p.company_id = company_id;
    p.client_id = client_id;
    p.contact_id = contact_id;
    p.neutral_name = "Client anonymisé #" + std::to_string(client_id);
    if (contact_id != 0) {
        auto it = std::find_if(c->contacts.begin(), c->contacts.end(),
                               [&](const crm::Contact& k) { return k.id == contact_id; });
        if (it == c->contacts.end()) return std::nullopt;
        p.neutral_name = "Contact anonymisé #" + std::to_string(contact_id);
        add_contact(p, *it);
        p.contact_ids = {contact_id};
        return p;
    }
    for (const auto& n : {c->display_name(), c->legal_name, c->trade_name,
                          crm::Contact{0, c->civility, c->first_name, c->last_name, "", {}, {}, false}.full_name()})
        add_unique(p.names, n);
    add_unique(p.emails, c->email);
    add_unique(p.phones, c->phone);
    for (const auto& id : {c->siret, c->siren, c->vat_number}) add_unique(p.legal_ids, id);
    for (const auto& line : {c->billing.line1, c->billing.line2}) add_unique(p.names, line);
    if (c->delivery)
        for (const auto& line : {c->delivery->line1, c->delivery->line2}) add_unique(p.names, line);
    for (const auto& k : c->contacts) {
        add_contact(p, k);
        p.contact_ids.push_back(k.id);
    }
    return p;
}

std::vector<Section> CrmSource::collect(store::Connection& conn, const Person& p) {
    std::vector<Section> out;
    const std::vector<store::Value> ids{p.company_id, p.client_id};
    if (p.contact_id == 0) {
        out.push_back({"crm.client", "Fiche client", "Client card",
                       rows_json(conn, "SELECT " + columns(kClientColumns) + " FROM clients WHERE company_id = ? AND id = ?",
                                 ids, kClientColumns)});
        out.push_back({"crm.contacts", "Contacts", "Contacts",
                       rows_json(conn, "SELECT " + columns(kContactColumns) +
                                           " FROM contacts WHERE company_id = ? AND client_id = ? ORDER BY position, id",
                                 ids, kContactColumns)});
        out.push_back({"crm.categories", "Catégories", "Categories",
                       rows_json(conn,
                                 "SELECT k.name FROM client_categories cc JOIN categories k ON k.id = cc.category_id AND "
                                 "k.company_id = cc.company_id WHERE cc.company_id = ? AND cc.client_id = ? ORDER BY k.name",
                                 ids, {"name"})});
        out.push_back({"crm.consents", "Historique des consentements", "Consent history",
                       rows_json(conn, "SELECT " + columns(kConsentColumns) +
                                           " FROM client_consent_events WHERE company_id = ? AND client_id = ? ORDER BY id",
                                 ids, kConsentColumns)});
        out.push_back({"crm.imports", "Lignes importées", "Imported rows",
                       rows_json(conn, "SELECT " + columns(kImportColumns) +
                                           " FROM client_import_rows WHERE company_id = ? AND client_id = ? "
                                           "ORDER BY import_id, row_no",
                                 ids, kImportColumns)});
    } else {
        out.push_back({"crm.contact", "Contact", "Contact",
                       rows_json(conn, "SELECT " + columns(kContactColumns) +
                                           " FROM contacts WHERE company_id = ? AND client_id = ? AND id = ?",
                                 {p.company_id, p.client_id, p.contact_id}, kContactColumns)});
        out.push_back({"crm.contact_client", "Client du contact", "The contact's client",
                       rows_json(conn, "SELECT id, display_name FROM clients WHERE company_id = ? AND id = ?", ids,
                                 {"id", "display_name"})});
    }
    return out;
}

void CrmSource::after_anonymised() {
    if (fulltext_) fulltext_->purge_removed_terms();
}

void CrmSource::anonymise(store::Connection& conn, const Person& p) {
    auto c = crm_storage::find_client(conn, p.company_id, p.client_id);
    if (!c) return;
    if (p.contact_id != 0) {
        std::erase_if(c->contacts, [&](const crm::Contact& k) { return k.id == p.contact_id; });
        crm_storage::save_contacts(conn, p.company_id, p.client_id, c->contacts, now_);
        crm_storage::reindex_client(conn, p.company_id, *c);
        replace_text(conn, "client_import_rows", "cells", "company_id = ? AND client_id = ?", {p.company_id, p.client_id},
                     p.identifiers(), "");
        return;
    }
    crm::Client n;
    n.id = c->id;
    n.kind = c->kind;
    n.status = c->status;
    if (c->kind == "individual") n.last_name = p.neutral_name;
    else n.legal_name = p.neutral_name;
    n.billing.country = c->billing.country;
    n.payment_terms = c->payment_terms;
    n.payment_method = c->payment_method;
    n.default_discount_bp = c->default_discount_bp;
    n.accounting_code = c->accounting_code;
    n.assigned_user_id = c->assigned_user_id;
    crm_storage::update_client(conn, p.company_id, n, user_id_, now_);
    crm_storage::save_contacts(conn, p.company_id, p.client_id, n.contacts, now_);
    crm_storage::save_categories(conn, p.company_id, p.client_id, {});
    crm_storage::reindex_client(conn, p.company_id, n);
    conn.execute("DELETE FROM client_consent_events WHERE company_id = ? AND client_id = ?", {p.company_id, p.client_id});
    conn.execute("UPDATE clients SET anonymised_at = ? WHERE company_id = ? AND id = ?", {now_, p.company_id, p.client_id});

    // Imported rows: the client's are blanked (as many empty cells, so reports still read them); rows
    // of any import that quote the person (a skipped duplicate) lose those values.
    for (const auto& r : conn.query("SELECT import_id, row_no, cells FROM client_import_rows WHERE company_id = ? AND "
                                    "client_id = ?",
                                    {p.company_id, p.client_id})) {
        json cells = json::parse(r.text(2), nullptr, false);
        json blank = json::array();
        if (cells.is_array())
            for (std::size_t i = 0; i < cells.size(); ++i) blank.push_back("");
        conn.execute("UPDATE client_import_rows SET cells = ?, check_detail = '', detail = '{}', before_image = '' "
                     "WHERE company_id = ? AND import_id = ? AND row_no = ?",
                     {blank.dump(), p.company_id, r.int64(0), r.int64(1)});
    }
    for (const std::string column : {"cells", "check_detail", "detail", "before_image"})
        replace_text(conn, "client_import_rows", column, "company_id = ?", {p.company_id}, p.identifiers(),
                     p.neutral_name);
}

std::map<std::int64_t, std::string> CrmSource::last_activity(store::Connection& conn, std::int64_t company_id) {
    std::map<std::int64_t, std::string> out;
    for (const auto& r : conn.query("SELECT id, updated_at FROM clients WHERE company_id = ? AND status = 'prospect'",
                                    {company_id}))
        out[r.int64(0)] = r.text(1);
    return out;
}

std::vector<Section> AuditSource::collect(store::Connection& conn, const Person& p) {
    std::vector<store::Value> params;
    const std::string where = about_person(conn, p, params);
    return {{"audit.entries", "Journal d'audit", "Audit log",
             rows_json(conn, "SELECT " + columns(kAuditColumns) + " FROM audit_log WHERE " + where + " ORDER BY id",
                       params, kAuditColumns)}};
}

void AuditSource::anonymise(store::Connection& conn, const Person& p) {
    std::vector<store::Value> params;
    const std::string where = about_person(conn, p, params);
    params.insert(params.begin(), store::Value(std::string(R"({"anonymised":true})")));
    conn.execute("UPDATE audit_log SET changes = ? WHERE " + where + " AND action NOT LIKE 'gdpr!_%' ESCAPE '!'",
                 params);
    if (p.contact_id != 0) {
        // crm records a contact's changes on its client, the contact as JSON (with its id once it has
        // one, always with its full name): those entries (first and last name apart, role, formatted
        // phones) are the contact's alone.
        std::vector<std::string> patterns{"%\"id\":" + std::to_string(p.contact_id) + ",%"};
        for (const auto& name : p.names) patterns.push_back("%\"full_name\":" + nlohmann::json(name).dump() + "%");
        for (const auto& pattern : patterns)
            conn.execute("UPDATE audit_log SET changes = ? WHERE company_id = ? AND entity = 'client' AND entity_id = ? "
                         "AND action LIKE 'contact!_%' ESCAPE '!' AND changes LIKE ?",
                         {std::string(R"({"anonymised":true})"), p.company_id, p.client_id, pattern});
    }
    replace_text(conn, "audit_log", "changes", "company_id = ?", {p.company_id}, p.identifiers(), p.neutral_name);
}

}  // namespace comptoir::gdpr
