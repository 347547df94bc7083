#include "modules/identity/storage/company_store.hpp"

namespace comptoir::identity::storage {
namespace {

constexpr const char* kSelectCompany = R"SQL(
SELECT id, name, legal_form, siren, siret, vat_number, rcs_city, share_capital_cents,
       address_line1, address_line2, postal_code, city, country, phone, email, website,
       iban, bic, accounting_code_rule, logo_file, created_at
FROM companies WHERE id = ?
)SQL";

constexpr const char* kFirstCompany = "SELECT MIN(id) FROM companies";

constexpr const char* kInsertCompany = R"SQL(
INSERT INTO companies (name, legal_form, siren, siret, vat_number, rcs_city, share_capital_cents,
                       address_line1, address_line2, postal_code, city, country, phone, email, website,
                       iban, bic, accounting_code_rule, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
)SQL";

constexpr const char* kUpdateCompany = R"SQL(
UPDATE companies SET name = ?, legal_form = ?, siren = ?, siret = ?, vat_number = ?, rcs_city = ?,
       share_capital_cents = ?, address_line1 = ?, address_line2 = ?, postal_code = ?, city = ?, country = ?,
       phone = ?, email = ?, website = ?, iban = ?, bic = ?, accounting_code_rule = ?
WHERE id = ?
)SQL";

constexpr const char* kSetLogo = "UPDATE companies SET logo_file = ? WHERE id = ?";

std::vector<store::Value> field_values(const CompanyFields& f) {
    return {f.name,          f.legal_form,    f.siren,       f.siret, f.vat_number,
            f.rcs_city,      store::opt(f.share_capital_cents),      f.address_line1,
            f.address_line2, f.postal_code,   f.city,        f.country, f.phone,
            f.email,         f.website,       f.iban,        f.bic,   f.accounting_code_rule};
}

}  // namespace

std::optional<Company> find_company(store::Connection& conn, std::int64_t company_id) {
    auto row = conn.query_one(kSelectCompany, {company_id});
    if (!row) return std::nullopt;
    Company c;
    c.id = row->int64(0);
    auto& f = c.fields;
    f.name = row->text(1);
    f.legal_form = row->text(2);
    f.siren = row->text(3);
    f.siret = row->text(4);
    f.vat_number = row->text(5);
    f.rcs_city = row->text(6);
    f.share_capital_cents = row->opt_int64(7);
    f.address_line1 = row->text(8);
    f.address_line2 = row->text(9);
    f.postal_code = row->text(10);
    f.city = row->text(11);
    f.country = row->text(12);
    f.phone = row->text(13);
    f.email = row->text(14);
    f.website = row->text(15);
    f.iban = row->text(16);
    f.bic = row->text(17);
    f.accounting_code_rule = row->text(18);
    c.logo_file = row->text(19);
    c.created_at = row->text(20);
    return c;
}

std::optional<std::int64_t> first_company_id(store::Connection& conn) {
    auto row = conn.query_one(kFirstCompany);
    return row ? row->opt_int64(0) : std::nullopt;
}

std::int64_t insert_company(store::Connection& conn, const CompanyFields& fields, const std::string& now) {
    auto values = field_values(fields);
    values.push_back(now);
    return conn.insert(kInsertCompany, values);
}

void update_company(store::Connection& conn, std::int64_t company_id, const CompanyFields& fields) {
    auto values = field_values(fields);
    values.push_back(company_id);
    conn.execute(kUpdateCompany, values);
}

void set_logo_file(store::Connection& conn, std::int64_t company_id, const std::string& file) {
    conn.execute(kSetLogo, {file, company_id});
}

}  // namespace comptoir::identity::storage
