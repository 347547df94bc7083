// SQL of received e-invoices: suppliers, supplier invoices with their lines and VAT breakdown, and
// the original files. Every statement is scoped by company.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/einvoice/model/invoice.hpp"
#include "store/database.hpp"

namespace comptoir::einvoice::storage {

struct Supplier {
    std::int64_t id = 0;
    std::string name, siren, siret, vat_number;
    Address address;
    std::string email, iban;
};

std::optional<Supplier> find_supplier(store::Connection& conn, std::int64_t company_id, std::int64_t id);
// By SIREN when given, else by VAT number; nullopt when neither matches.
std::optional<Supplier> match_supplier(store::Connection& conn, std::int64_t company_id, const std::string& siren,
                                       const std::string& vat_number);
std::int64_t insert_supplier(store::Connection& conn, std::int64_t company_id, const Supplier& s, const std::string& now);

struct SupplierInvoiceRow {
    std::int64_t id = 0;
    std::int64_t supplier_id = 0;
    std::string supplier_name;
    std::string format;  // "facturx", "cii", "ubl"
    std::string checks_json = "[]";
    int errors = 0;
    std::string original_name, original_sha256;
    std::string source;  // "upload", "api", "folder", "cli"
    std::string imported_at;
    std::int64_t imported_by = 0;
    Invoice invoice;  // header, totals, payment, notes, lines and VAT rows
};

struct Original {
    std::string name;
    std::string bytes;
};

// Inserts the invoice, its lines and VAT rows. Throws store::UniqueViolation on a duplicate number.
std::int64_t insert_supplier_invoice(store::Connection& conn, std::int64_t company_id, const SupplierInvoiceRow& row,
                                     const std::string& original_bytes);
std::optional<SupplierInvoiceRow> find_supplier_invoice(store::Connection& conn, std::int64_t company_id, std::int64_t id);
// The id of the supplier's invoice with this number, if imported already.
std::optional<std::pair<std::int64_t, std::string>> existing_invoice(store::Connection& conn, std::int64_t company_id,
                                                                     std::int64_t supplier_id, const std::string& number);
// Newest first, without lines; `before_id` for the next page.
std::vector<SupplierInvoiceRow> list_supplier_invoices(store::Connection& conn, std::int64_t company_id, int limit,
                                                       std::optional<std::int64_t> before_id);
std::optional<Original> load_original(store::Connection& conn, std::int64_t company_id, std::int64_t id);

}  // namespace comptoir::einvoice::storage
