#include "modules/crm/storage/client_store.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "core/contact/phone.hpp"
#include "core/text/search_text.hpp"
#include "modules/crm/storage/search_index.hpp"
#include "store/bulk_insert.hpp"

namespace comptoir::crm::storage {
namespace {

using store::Value;

constexpr const char* kClientColumns = R"SQL(
c.id, c.kind, c.status, c.legal_name, c.trade_name, c.civility, c.first_name, c.last_name, c.siren, c.siret,
c.vat_number, c.naf_code, c.legal_form, c.email, c.phone, c.website,
c.billing_line1, c.billing_line2, c.billing_postal_code, c.billing_city, c.billing_country,
c.has_delivery, c.delivery_line1, c.delivery_line2, c.delivery_postal_code, c.delivery_city, c.delivery_country,
c.payment_terms, c.payment_method, c.default_discount_bp, c.commercial_conditions, c.accounting_code,
c.assigned_user_id, c.notes,
c.email_consent, c.email_consent_date, c.email_consent_source, c.email_consent_basis,
c.sms_consent, c.sms_consent_date, c.sms_consent_source, c.sms_consent_basis,
c.archived, c.created_at, c.created_by, c.updated_at, c.updated_by,
COALESCE(cu.name, ''), COALESCE(uu.name, ''), COALESCE(au.name, ''), c.merged_into_id,
COALESCE((SELECT s.display_name FROM clients s WHERE s.company_id = c.company_id AND s.id = c.merged_into_id), '')
)SQL";

constexpr const char* kInsertClient = R"SQL(
INSERT INTO clients (company_id, kind, status, legal_name, trade_name, civility, first_name, last_name, display_name,
  sort_name, siren, siret, vat_number, naf_code, legal_form, email, phone, website,
  billing_line1, billing_line2, billing_postal_code, billing_city, billing_country, city_key,
  has_delivery, delivery_line1, delivery_line2, delivery_postal_code, delivery_city, delivery_country,
  payment_terms, payment_method, default_discount_bp, commercial_conditions, accounting_code, assigned_user_id, notes,
  email_consent, email_consent_date, email_consent_source, email_consent_basis,
  sms_consent, sms_consent_date, sms_consent_source, sms_consent_basis,
  archived, created_at, created_by, updated_at, updated_by)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
  ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
)SQL";

constexpr const char* kUpdateClient = R"SQL(
UPDATE clients SET kind = ?, status = ?, legal_name = ?, trade_name = ?, civility = ?, first_name = ?, last_name = ?,
  display_name = ?, sort_name = ?, siren = ?, siret = ?, vat_number = ?, naf_code = ?, legal_form = ?, email = ?,
  phone = ?, website = ?, billing_line1 = ?, billing_line2 = ?, billing_postal_code = ?, billing_city = ?,
  billing_country = ?, city_key = ?, has_delivery = ?, delivery_line1 = ?, delivery_line2 = ?, delivery_postal_code = ?,
  delivery_city = ?, delivery_country = ?, payment_terms = ?, payment_method = ?, default_discount_bp = ?,
  commercial_conditions = ?, accounting_code = ?, assigned_user_id = ?, notes = ?,
  email_consent = ?, email_consent_date = ?, email_consent_source = ?, email_consent_basis = ?,
  sms_consent = ?, sms_consent_date = ?, sms_consent_source = ?, sms_consent_basis = ?,
  updated_at = ?, updated_by = ?
WHERE company_id = ? AND id = ?
)SQL";

// The values common to INSERT and UPDATE, from kind to sms_consent_basis, in column order.
std::vector<Value> card_values(const Client& c) {
    const Address empty;
    const Address& d = c.delivery ? *c.delivery : empty;
    std::string name = c.display_name();
    return {c.kind, c.status, c.legal_name, c.trade_name, c.civility, c.first_name, c.last_name, name,
            fold(c.kind == "individual" ? c.last_name + " " + c.first_name : name), c.siren, c.siret, c.vat_number,
            c.naf_code, c.legal_form, c.email, c.phone, c.website, c.billing.line1, c.billing.line2,
            c.billing.postal_code, c.billing.city, c.billing.country, fold(c.billing.city),
            std::int64_t{c.delivery ? 1 : 0}, d.line1, d.line2, d.postal_code, d.city,
            c.delivery ? d.country : std::string("FR"), c.payment_terms, c.payment_method, c.default_discount_bp,
            c.commercial_conditions, c.accounting_code, store::opt(c.assigned_user_id), c.notes,
            std::int64_t{c.email_consent.granted}, c.email_consent.date, c.email_consent.source,
            c.email_consent.legal_basis, std::int64_t{c.sms_consent.granted}, c.sms_consent.date, c.sms_consent.source,
            c.sms_consent.legal_basis};
}

Client client_from_row(const store::Row& r) {
    Client c;
    std::size_t i = 0;
    c.id = r.int64(i++);
    c.kind = r.text(i++);
    c.status = r.text(i++);
    c.legal_name = r.text(i++);
    c.trade_name = r.text(i++);
    c.civility = r.text(i++);
    c.first_name = r.text(i++);
    c.last_name = r.text(i++);
    c.siren = r.text(i++);
    c.siret = r.text(i++);
    c.vat_number = r.text(i++);
    c.naf_code = r.text(i++);
    c.legal_form = r.text(i++);
    c.email = r.text(i++);
    c.phone = r.text(i++);
    c.website = r.text(i++);
    c.billing = {r.text(i), r.text(i + 1), r.text(i + 2), r.text(i + 3), r.text(i + 4)};
    i += 5;
    bool has_delivery = r.boolean(i++);
    Address d{r.text(i), r.text(i + 1), r.text(i + 2), r.text(i + 3), r.text(i + 4)};
    i += 5;
    if (has_delivery) c.delivery = d;
    c.payment_terms = r.text(i++);
    c.payment_method = r.text(i++);
    c.default_discount_bp = r.int64(i++);
    c.commercial_conditions = r.text(i++);
    c.accounting_code = r.text(i++);
    c.assigned_user_id = r.opt_int64(i++);
    c.notes = r.text(i++);
    c.email_consent = {r.boolean(i), r.text(i + 1), r.text(i + 2), r.text(i + 3)};
    i += 4;
    c.sms_consent = {r.boolean(i), r.text(i + 1), r.text(i + 2), r.text(i + 3)};
    i += 4;
    c.archived = r.boolean(i++);
    c.created_at = r.text(i++);
    c.created_by = r.int64(i++);
    c.updated_at = r.text(i++);
    c.updated_by = r.int64(i++);
    c.created_by_name = r.text(i++);
    c.updated_by_name = r.text(i++);
    c.assigned_user_name = r.text(i++);
    c.merged_into_id = r.opt_int64(i++);
    c.merged_into_name = r.text(i++);
    return c;
}

std::vector<std::string> json_strings(const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    std::vector<std::string> out;
    if (j.is_array())
        for (const auto& v : j)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

// A list of texts bound as one parameter: a JSON array for SQLite's json_each, an array literal for
// PostgreSQL (each element quoted, its quotes and backslashes escaped).
std::string text_list_value(store::Dialect dialect, const std::vector<std::string>& values) {
    if (dialect == store::Dialect::Sqlite)
        return nlohmann::json(values).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string out = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char ch : values[i]) {
            if (ch == '"' || ch == '\\') out += '\\';
            out += ch;
        }
        out += '"';
    }
    return out + "}";
}

void add_terms(std::set<std::string>& terms, const std::string& text) {
    for (auto& t : search_tokens(text)) terms.insert(std::move(t));
}

void add_email_terms(std::set<std::string>& terms, const std::string& email) {
    if (email.empty()) return;
    terms.insert(email_search_term(email));  // the whole address, so "jean.dupont@" narrows as typed
    add_terms(terms, email.substr(0, email.find('@')));
}

void add_phone_terms(std::set<std::string>& terms, const std::string& e164) {
    for (auto& t : phone_index_terms(e164)) terms.insert(std::move(t));
}

}  // namespace

std::int64_t insert_client(store::Connection& conn, std::int64_t company_id, const Client& c, std::int64_t user_id,
                           const std::string& now) {
    std::vector<Value> params{company_id};
    for (auto& v : card_values(c)) params.push_back(std::move(v));
    params.insert(params.end(), {now, user_id, now, user_id});
    const std::int64_t id = conn.insert(kInsertClient, params);
    for (const auto& [channel, consent] : {std::pair{"email", &c.email_consent}, std::pair{"sms", &c.sms_consent}})
        if (consent->granted || !consent->date.empty() || !consent->source.empty() || !consent->legal_basis.empty())
            record_consent(conn, company_id, id, channel, *consent, user_id, now);
    return id;
}

void update_client(store::Connection& conn, std::int64_t company_id, const Client& c, std::int64_t user_id,
                   const std::string& now) {
    auto before = conn.query_one(
        "SELECT email_consent, email_consent_date, email_consent_source, email_consent_basis, sms_consent, "
        "sms_consent_date, sms_consent_source, sms_consent_basis FROM clients WHERE company_id = ? AND id = ?",
        {company_id, c.id});
    auto params = card_values(c);
    params.insert(params.end(), {now, user_id, company_id, c.id});
    conn.execute(kUpdateClient, params);
    if (!before) return;
    for (std::size_t at : {0u, 4u}) {
        const Consent& consent = at == 0 ? c.email_consent : c.sms_consent;
        if (before->boolean(at) != consent.granted || before->text(at + 1) != consent.date ||
            before->text(at + 2) != consent.source || before->text(at + 3) != consent.legal_basis)
            record_consent(conn, company_id, c.id, at == 0 ? "email" : "sms", consent, user_id, now);
    }
}

void record_consent(store::Connection& conn, std::int64_t company_id, std::int64_t client_id, const std::string& channel,
                    const Consent& consent, std::int64_t user_id, const std::string& now) {
    conn.execute(
        "INSERT INTO client_consent_events (company_id, client_id, channel, granted, consent_date, source, legal_basis, "
        "recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {company_id, client_id, channel, std::int64_t{consent.granted}, consent.date, consent.source, consent.legal_basis,
         now, user_id ? Value(user_id) : Value(nullptr)});
}

bool is_anonymised(store::Connection& conn, std::int64_t company_id, std::int64_t id) {
    auto row = conn.query_one("SELECT anonymised_at FROM clients WHERE company_id = ? AND id = ?", {company_id, id});
    return row && !row->text(0).empty();
}

std::optional<Client> find_client(store::Connection& conn, std::int64_t company_id, std::int64_t id) {
    std::string sql = std::string("SELECT ") + kClientColumns + R"SQL(
FROM clients c
LEFT JOIN users cu ON cu.id = c.created_by
LEFT JOIN users uu ON uu.id = c.updated_by
LEFT JOIN users au ON au.id = c.assigned_user_id
WHERE c.company_id = ? AND c.id = ?)SQL";
    auto row = conn.query_one(sql, {company_id, id});
    if (!row) return std::nullopt;
    Client c = client_from_row(*row);
    c.contacts = load_contacts(conn, company_id, id);
    for (const auto& r : conn.query(
             "SELECT category_id FROM client_categories WHERE company_id = ? AND client_id = ? ORDER BY category_id",
             {company_id, id}))
        c.category_ids.push_back(r.int64(0));
    return c;
}

void set_archived(store::Connection& conn, std::int64_t company_id, std::int64_t id, bool archived,
                  std::int64_t user_id, const std::string& now) {
    conn.execute("UPDATE clients SET archived = ?, updated_at = ?, updated_by = ? WHERE company_id = ? AND id = ?",
                 {std::int64_t{archived}, now, user_id, company_id, id});
}

std::vector<Contact> load_contacts(store::Connection& conn, std::int64_t company_id, std::int64_t client_id) {
    std::vector<Contact> out;
    for (const auto& r : conn.query(R"SQL(
SELECT id, civility, first_name, last_name, role, emails, phones, is_primary FROM contacts
WHERE company_id = ? AND client_id = ? ORDER BY is_primary DESC, position, id)SQL",
                                    {company_id, client_id})) {
        Contact c;
        c.id = r.int64(0);
        c.civility = r.text(1);
        c.first_name = r.text(2);
        c.last_name = r.text(3);
        c.role = r.text(4);
        c.emails = json_strings(r.text(5));
        c.phones = json_strings(r.text(6));
        c.is_primary = r.boolean(7);
        out.push_back(std::move(c));
    }
    return out;
}

void save_contacts(store::Connection& conn, std::int64_t company_id, std::int64_t client_id,
                   std::vector<Contact>& contacts, const std::string& now) {
    std::set<std::int64_t> kept;
    for (const auto& c : contacts)
        if (c.id) kept.insert(c.id);
    for (const auto& r : conn.query("SELECT id FROM contacts WHERE company_id = ? AND client_id = ?", {company_id, client_id}))
        if (!kept.contains(r.int64(0)))
            conn.execute("DELETE FROM contacts WHERE company_id = ? AND id = ?", {company_id, r.int64(0)});
    std::int64_t position = 0;
    for (auto& c : contacts) {
        std::string emails = nlohmann::json(c.emails).dump(), phones = nlohmann::json(c.phones).dump();
        if (c.id) {
            conn.execute(R"SQL(
UPDATE contacts SET civility = ?, first_name = ?, last_name = ?, role = ?, emails = ?, phones = ?, is_primary = ?,
  position = ?, updated_at = ? WHERE company_id = ? AND client_id = ? AND id = ?)SQL",
                         {c.civility, c.first_name, c.last_name, c.role, emails, phones, std::int64_t{c.is_primary},
                          position, now, company_id, client_id, c.id});
        } else {
            c.id = conn.insert(R"SQL(
INSERT INTO contacts (company_id, client_id, civility, first_name, last_name, role, emails, phones, is_primary, position,
  created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))SQL",
                               {company_id, client_id, c.civility, c.first_name, c.last_name, c.role, emails, phones,
                                std::int64_t{c.is_primary}, position, now, now});
        }
        ++position;
    }
}

void insert_contacts(store::Connection& conn, std::int64_t company_id, std::int64_t client_id,
                     std::vector<Contact>& contacts, const std::string& now) {
    std::int64_t position = 0;
    for (auto& c : contacts) {
        c.id = conn.insert(R"SQL(
INSERT INTO contacts (company_id, client_id, civility, first_name, last_name, role, emails, phones, is_primary, position,
  created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))SQL",
                           {company_id, client_id, c.civility, c.first_name, c.last_name, c.role,
                            nlohmann::json(c.emails).dump(), nlohmann::json(c.phones).dump(), std::int64_t{c.is_primary},
                            position++, now, now});
    }
}

std::string id_in(store::Dialect dialect) {
    return dialect == store::Dialect::Sqlite ? "IN (SELECT value FROM json_each(?))" : "= ANY(CAST(? AS BIGINT[]))";
}

std::string id_list_value(store::Dialect dialect, const std::vector<std::int64_t>& ids) {
    const bool sqlite = dialect == store::Dialect::Sqlite;
    std::string list = sqlite ? "[" : "{";
    for (std::size_t i = 0; i < ids.size(); ++i) list += (i ? "," : "") + std::to_string(ids[i]);
    list += sqlite ? "]" : "}";
    return list;
}

std::vector<Client> find_clients(store::Connection& conn, std::int64_t company_id, const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return {};
    const std::string list = id_list_value(conn.dialect(), ids);
    const std::string in_list = id_in(conn.dialect());
    std::map<std::int64_t, Client> by_id;
    std::string sql = std::string("SELECT ") + kClientColumns + R"SQL(
FROM clients c
LEFT JOIN users cu ON cu.id = c.created_by
LEFT JOIN users uu ON uu.id = c.updated_by
LEFT JOIN users au ON au.id = c.assigned_user_id
WHERE c.company_id = ? AND c.id )SQL" + in_list;
    for (const auto& r : conn.query(sql, {company_id, list})) {
        Client c = client_from_row(r);
        by_id.emplace(c.id, std::move(c));
    }
    for (const auto& r : conn.query(R"SQL(
SELECT id, civility, first_name, last_name, role, emails, phones, is_primary, client_id FROM contacts
WHERE company_id = ? AND client_id )SQL" + in_list + " ORDER BY client_id, is_primary DESC, position, id",
                                    {company_id, list})) {
        auto it = by_id.find(r.int64(8));
        if (it == by_id.end()) continue;
        Contact k;
        k.id = r.int64(0);
        k.civility = r.text(1);
        k.first_name = r.text(2);
        k.last_name = r.text(3);
        k.role = r.text(4);
        k.emails = json_strings(r.text(5));
        k.phones = json_strings(r.text(6));
        k.is_primary = r.boolean(7);
        it->second.contacts.push_back(std::move(k));
    }
    for (const auto& r : conn.query("SELECT client_id, category_id FROM client_categories WHERE company_id = ? AND client_id " +
                                        in_list + " ORDER BY client_id, category_id",
                                    {company_id, list}))
        if (auto it = by_id.find(r.int64(0)); it != by_id.end()) it->second.category_ids.push_back(r.int64(1));
    std::vector<Client> out;
    out.reserve(by_id.size());
    for (auto id : ids)
        if (auto it = by_id.find(id); it != by_id.end()) out.push_back(std::move(it->second));
    return out;
}

void save_categories(store::Connection& conn, std::int64_t company_id, std::int64_t client_id,
                     const std::vector<std::int64_t>& category_ids, bool fresh) {
    if (!fresh)
        conn.execute("DELETE FROM client_categories WHERE company_id = ? AND client_id = ?", {company_id, client_id});
    for (auto id : category_ids)
        conn.execute("INSERT INTO client_categories (company_id, client_id, category_id) VALUES (?, ?, ?)",
                     {company_id, client_id, id});
}

std::vector<Channel> channels_of(const Client& c) {
    std::set<Channel> channels;
    if (!c.email.empty()) channels.insert({"email", c.email, 0});
    if (!c.phone.empty()) channels.insert({"phone", c.phone, 0});
    for (const auto& contact : c.contacts) {
        for (const auto& e : contact.emails) channels.insert({"email", e, contact.id});
        for (const auto& p : contact.phones) channels.insert({"phone", p, contact.id});
    }
    return {channels.begin(), channels.end()};
}

std::vector<std::string> search_terms_of(const Client& c) {
    std::set<std::string> terms;
    add_terms(terms, c.legal_name);
    add_terms(terms, c.trade_name);
    add_terms(terms, c.first_name);
    add_terms(terms, c.last_name);
    add_terms(terms, c.billing.city);
    add_terms(terms, c.billing.postal_code);
    if (c.delivery) add_terms(terms, c.delivery->city);
    if (!c.siren.empty()) terms.insert(c.siren);
    if (!c.siret.empty()) terms.insert(c.siret);
    if (!c.accounting_code.empty()) terms.insert(fold(c.accounting_code));
    add_email_terms(terms, c.email);
    add_phone_terms(terms, c.phone);
    for (const auto& contact : c.contacts) {
        add_terms(terms, contact.first_name);
        add_terms(terms, contact.last_name);
        for (const auto& e : contact.emails) add_email_terms(terms, e);
        for (const auto& p : contact.phones) add_phone_terms(terms, p);
    }
    std::vector<std::string> out;
    for (const auto& term : terms)
        if (!term.empty() && term.size() <= 200) out.push_back(term);
    return out;
}

void add_accounting_code_term(std::vector<std::string>& terms, const std::string& code) {
    std::string term = fold(code);
    if (term.empty() || term.size() > 200 || std::find(terms.begin(), terms.end(), term) != terms.end()) return;
    terms.push_back(std::move(term));
}

void insert_channels(store::Connection& conn, std::int64_t company_id, std::int64_t client_id,
                     const std::vector<Channel>& channels) {
    std::vector<std::vector<Value>> rows;
    for (const auto& ch : channels) rows.push_back({company_id, ch.kind, ch.value, client_id, ch.contact_id});
    store::insert_rows(conn, "client_channels", {"company_id", "kind", "value", "client_id", "contact_id"}, rows);
}

void reindex_client(store::Connection& conn, std::int64_t company_id, const Client& c) {
    conn.execute("DELETE FROM client_channels WHERE company_id = ? AND client_id = ?", {company_id, c.id});
    delete_search_terms(conn, company_id, {c.id});
    insert_channels(conn, company_id, c.id, channels_of(c));
    std::vector<std::pair<std::string, std::int64_t>> terms;
    for (auto& t : search_terms_of(c)) terms.emplace_back(std::move(t), c.id);
    insert_search_terms(conn, company_id, std::move(terms));
}

std::vector<DuplicateMatch> find_duplicates(store::Connection& conn, std::int64_t company_id, const Client& c) {
    return load_duplicate_index(conn, company_id, {&c}).matches_of(c);
}

namespace {

std::vector<ValueMatch> channel_matches(store::Connection& conn, std::int64_t company_id, const std::string& kind,
                                        const std::vector<std::string>& values) {
    std::vector<ValueMatch> out;
    if (values.empty()) return out;
    const bool sqlite = conn.dialect() == store::Dialect::Sqlite;
    const std::string in = sqlite ? "IN (SELECT value FROM json_each(?))" : "= ANY(CAST(? AS TEXT[]))";
    const std::string sql = R"SQL(
SELECT ch.value, c.id, ch.contact_id, c.display_name, COALESCE(TRIM(k.first_name || ' ' || k.last_name), ''), c.archived
FROM client_channels ch
JOIN clients c ON c.id = ch.client_id AND c.company_id = ch.company_id
LEFT JOIN contacts k ON k.id = ch.contact_id AND k.company_id = ch.company_id
WHERE ch.company_id = ? AND ch.kind = ? AND ch.value )SQL" + in + " ORDER BY ch.value, c.id, ch.contact_id";
    for (std::size_t start = 0; start < values.size(); start += 1000) {
        std::vector<std::string> chunk(values.begin() + static_cast<std::ptrdiff_t>(start),
                                       values.begin() + static_cast<std::ptrdiff_t>(std::min(values.size(), start + 1000)));
        for (const auto& r : conn.query(sql, {company_id, kind, text_list_value(conn.dialect(), chunk)}))
            out.push_back({r.text(0), r.int64(1), r.int64(2), r.text(3), r.text(4), r.boolean(5)});
    }
    return out;
}

std::vector<ValueMatch> siret_matches(store::Connection& conn, std::int64_t company_id,
                                      const std::vector<std::string>& sirets) {
    std::vector<ValueMatch> out;
    if (sirets.empty()) return out;
    const bool sqlite = conn.dialect() == store::Dialect::Sqlite;
    const std::string in = sqlite ? "IN (SELECT value FROM json_each(?))" : "= ANY(CAST(? AS TEXT[]))";
    const std::string sql = "SELECT siret, id, display_name, archived FROM clients WHERE company_id = ? AND siret " + in +
                            " AND merged_into_id IS NULL ORDER BY siret, id";
    for (std::size_t start = 0; start < sirets.size(); start += 1000) {
        std::vector<std::string> chunk(sirets.begin() + static_cast<std::ptrdiff_t>(start),
                                       sirets.begin() + static_cast<std::ptrdiff_t>(std::min(sirets.size(), start + 1000)));
        for (const auto& r : conn.query(sql, {company_id, text_list_value(conn.dialect(), chunk)}))
            out.push_back({r.text(0), r.int64(1), 0, r.text(2), "", r.boolean(3)});
    }
    return out;
}

}  // namespace

DuplicateIndex load_duplicate_index(store::Connection& conn, std::int64_t company_id,
                                    const std::vector<const Client*>& clients) {
    std::set<std::string> emails, phones, sirets;
    for (const Client* c : clients) {
        for (const auto& ch : channels_of(*c)) (ch.kind == "email" ? emails : phones).insert(ch.value);
        if (!c->siret.empty()) sirets.insert(c->siret);
    }
    DuplicateIndex index;
    for (const auto& [kind, values] : {std::pair{"email", &emails}, std::pair{"phone", &phones}})
        for (auto& m : channel_matches(conn, company_id, kind, {values->begin(), values->end()}))
            index.channels[{kind, m.value}].push_back(std::move(m));
    for (auto& m : siret_matches(conn, company_id, {sirets.begin(), sirets.end()}))
        index.sirets[m.value].push_back(std::move(m));
    return index;
}

std::vector<DuplicateMatch> DuplicateIndex::matches_of(const Client& c) const {
    constexpr std::size_t kPerValue = 20;
    std::vector<DuplicateMatch> out;
    std::set<std::tuple<std::int64_t, std::string, std::string>> seen;
    auto add = [&](const std::vector<ValueMatch>& rows, const std::string& field, const std::string& value) {
        std::size_t taken = 0;
        for (const auto& r : rows) {
            if (r.client_id == c.id) continue;
            if (taken++ == kPerValue) break;
            if (seen.insert({r.client_id, field, value}).second)
                out.push_back({r.client_id, r.client_name, field, value, r.contact_name, r.archived});
        }
    };
    std::set<std::pair<std::string, std::string>> keys;
    for (const auto& ch : channels_of(c)) keys.insert({ch.kind, ch.value});
    for (const auto& key : keys)
        if (auto it = channels.find(key); it != channels.end()) add(it->second, key.first, key.second);
    if (!c.siret.empty())
        if (auto it = sirets.find(c.siret); it != sirets.end()) add(it->second, "siret", c.siret);
    return out;
}

void insert_channel_rows(store::Connection& conn, std::int64_t company_id,
                         std::vector<std::pair<std::int64_t, Channel>> rows) {
    // In key order, so that neighbouring rows land on the same index pages.
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return std::tie(a.second.kind, a.second.value, a.first, a.second.contact_id) <
               std::tie(b.second.kind, b.second.value, b.first, b.second.contact_id);
    });
    std::vector<std::vector<Value>> values;
    values.reserve(rows.size());
    for (auto& [client_id, ch] : rows)
        values.push_back({company_id, std::move(ch.kind), std::move(ch.value), client_id, ch.contact_id});
    store::insert_rows(conn, "client_channels", {"company_id", "kind", "value", "client_id", "contact_id"}, values);
}

namespace {
// Adds `step` to a counter (created at `step` if missing) and returns its value; the update takes the
// row lock until commit, even with a step of 0, which a plain SELECT would not.
std::int64_t advance_counter(store::Connection& conn, std::int64_t company_id, const std::string& name,
                             std::int64_t step) {
    return conn
        .query_one("INSERT INTO crm_counters (company_id, name, value) VALUES (?, ?, ?) ON CONFLICT (company_id, name) "
                   "DO UPDATE SET value = crm_counters.value + ? RETURNING value",
                   {company_id, name, step, step})
        ->int64(0);
}
}  // namespace

std::int64_t next_counter(store::Connection& conn, std::int64_t company_id, const std::string& name) {
    return advance_counter(conn, company_id, name, 1);
}

std::int64_t hold_counter(store::Connection& conn, std::int64_t company_id, const std::string& name) {
    return advance_counter(conn, company_id, name, 0);
}

void set_counter(store::Connection& conn, std::int64_t company_id, const std::string& name, std::int64_t value) {
    conn.execute("UPDATE crm_counters SET value = ? WHERE company_id = ? AND name = ?", {value, company_id, name});
}

std::string accounting_code_rule(store::Connection& conn, std::int64_t company_id) {
    auto row = conn.query_one("SELECT accounting_code_rule FROM companies WHERE id = ?", {company_id});
    return row ? row->text(0) : std::string();
}

bool accounting_code_taken(store::Connection& conn, std::int64_t company_id, const std::string& code,
                           std::int64_t except_client_id) {
    return conn
        .query_one("SELECT 1 FROM clients WHERE company_id = ? AND accounting_code = ? AND id <> ? LIMIT 1",
                   {company_id, code, except_client_id})
        .has_value();
}

bool user_in_company(store::Connection& conn, std::int64_t company_id, std::int64_t user_id) {
    return conn.query_one("SELECT 1 FROM users WHERE company_id = ? AND id = ?", {company_id, user_id}).has_value();
}

std::vector<std::int64_t> existing_categories(store::Connection& conn, std::int64_t company_id,
                                              const std::vector<std::int64_t>& ids) {
    std::vector<std::int64_t> out;
    for (auto id : ids)
        if (conn.query_one("SELECT 1 FROM categories WHERE company_id = ? AND id = ?", {company_id, id})) out.push_back(id);
    return out;
}

}  // namespace comptoir::crm::storage
