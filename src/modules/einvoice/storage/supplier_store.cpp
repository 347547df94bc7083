#include "modules/einvoice/storage/supplier_store.hpp"

#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include "core/crypto.hpp"

namespace comptoir::einvoice::storage {
namespace {

std::string base64_encode(const std::string& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3), '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()),
                            static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::optional<std::string> base64_decode(const std::string& text) {
    if (text.size() % 4) return std::nullopt;
    std::string out(3 * text.size() / 4, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(text.data()),
                            static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    std::size_t pad = 0;
    for (auto it = text.rbegin(); it != text.rend() && *it == '=' && pad < 2; ++it) ++pad;
    out.resize(static_cast<std::size_t>(n) - pad);
    return out;
}

using store::Value;

Value dec(const std::optional<Decimal>& d) { return d ? Value(d->mantissa()) : Value(nullptr); }
Value dec(Decimal d) { return Value(d.mantissa()); }
std::optional<Decimal> opt_dec(const store::Row& r, std::size_t i) {
    if (r.is_null(i)) return std::nullopt;
    return Decimal::from_mantissa(r.int64(i));
}

constexpr const char* kSupplierColumns =
    "id, name, siren, siret, vat_number, address_line1, address_line2, postal_code, city, country, email, iban";

Supplier supplier_of(const store::Row& r) {
    Supplier s;
    s.id = r.int64(0);
    s.name = r.text(1);
    s.siren = r.text(2);
    s.siret = r.text(3);
    s.vat_number = r.text(4);
    s.address.line1 = r.text(5);
    s.address.line2 = r.text(6);
    s.address.postal_code = r.text(7);
    s.address.city = r.text(8);
    s.address.country = r.text(9);
    s.email = r.text(10);
    s.iban = r.text(11);
    return s;
}

constexpr const char* kInvoiceColumns =
    "i.id, i.supplier_id, s.name, i.number, i.type_code, i.issue_date, i.due_date, i.currency, i.format, i.profile, "
    "i.business_process, i.buyer_reference, i.order_reference, i.line_net_m, i.allowances_m, i.charges_m, "
    "i.tax_exclusive_m, i.tax_amount_m, i.tax_inclusive_m, i.prepaid_m, i.payable_m, i.payment_means, i.payment_iban, "
    "i.payment_bic, i.payment_terms, i.payment_reference, i.notes_json, i.checks_json, i.errors, i.original_name, "
    "i.original_sha256, i.source, i.imported_at, i.imported_by";

SupplierInvoiceRow invoice_of(const store::Row& r) {
    SupplierInvoiceRow out;
    out.id = r.int64(0);
    out.supplier_id = r.int64(1);
    out.supplier_name = r.text(2);
    Invoice& inv = out.invoice;
    inv.number = r.text(3);
    inv.type_code = r.text(4);
    inv.issue_date = r.text(5);
    inv.due_date = r.text(6);
    inv.currency = r.text(7);
    out.format = r.text(8);
    inv.profile = parse_profile(r.text(9)).value_or(Profile::En16931);
    inv.business_process = r.text(10);
    inv.buyer_reference = r.text(11);
    inv.order_reference = r.text(12);
    inv.totals.line_net = opt_dec(r, 13);
    inv.totals.allowances = opt_dec(r, 14);
    inv.totals.charges = opt_dec(r, 15);
    inv.totals.tax_exclusive = opt_dec(r, 16).value_or(Decimal{});
    inv.totals.tax_amount = opt_dec(r, 17);
    inv.totals.tax_inclusive = opt_dec(r, 18).value_or(Decimal{});
    inv.totals.prepaid = opt_dec(r, 19);
    inv.totals.payable = opt_dec(r, 20).value_or(Decimal{});
    inv.payment.means_code = r.text(21);
    inv.payment.iban = r.text(22);
    inv.payment.bic = r.text(23);
    inv.payment.terms = r.text(24);
    inv.payment.remittance = r.text(25);
    out.checks_json = r.text(27);
    out.errors = static_cast<int>(r.int64(28));
    out.original_name = r.text(29);
    out.original_sha256 = r.text(30);
    out.source = r.text(31);
    out.imported_at = r.text(32);
    out.imported_by = r.int64(33);
    // Notes as [{"subject", "text"}, …].
    auto notes = nlohmann::json::parse(r.text(26), nullptr, false);
    if (notes.is_array())
        for (const auto& n : notes)
            if (n.is_object()) inv.notes.push_back({n.value("subject", ""), n.value("text", "")});
    return out;
}

}  // namespace

std::optional<Supplier> find_supplier(store::Connection& conn, std::int64_t company_id, std::int64_t id) {
    auto r = conn.query_one(std::string("SELECT ") + kSupplierColumns + " FROM suppliers WHERE company_id = ? AND id = ?",
                            {company_id, id});
    if (!r) return std::nullopt;
    return supplier_of(*r);
}

std::optional<Supplier> match_supplier(store::Connection& conn, std::int64_t company_id, const std::string& siren,
                                       const std::string& vat_number) {
    if (!siren.empty())
        if (auto r = conn.query_one(std::string("SELECT ") + kSupplierColumns +
                                        " FROM suppliers WHERE company_id = ? AND siren = ? ORDER BY id LIMIT 1",
                                    {company_id, siren}))
            return supplier_of(*r);
    if (!vat_number.empty())
        if (auto r = conn.query_one(std::string("SELECT ") + kSupplierColumns +
                                        " FROM suppliers WHERE company_id = ? AND vat_number = ? ORDER BY id LIMIT 1",
                                    {company_id, vat_number}))
            return supplier_of(*r);
    return std::nullopt;
}

std::int64_t insert_supplier(store::Connection& conn, std::int64_t company_id, const Supplier& s, const std::string& now) {
    return conn.insert(
        "INSERT INTO suppliers (company_id, name, siren, siret, vat_number, address_line1, address_line2, postal_code, city, "
        "country, email, iban, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {company_id, s.name, s.siren, s.siret, s.vat_number, s.address.line1, s.address.line2, s.address.postal_code,
         s.address.city, s.address.country, s.email, s.iban, now});
}

std::int64_t insert_supplier_invoice(store::Connection& conn, std::int64_t company_id, const SupplierInvoiceRow& row,
                                     const std::string& original_bytes) {
    const Invoice& inv = row.invoice;
    const auto& t = inv.totals;
    auto notes_array = nlohmann::json::array();
    for (const auto& n : inv.notes) notes_array.push_back({{"subject", n.subject}, {"text", n.text}});
    const std::string notes = notes_array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const std::int64_t id = conn.insert(
        "INSERT INTO supplier_invoices (company_id, supplier_id, number, type_code, issue_date, due_date, currency, format, "
        "profile, business_process, buyer_reference, order_reference, line_net_m, allowances_m, charges_m, tax_exclusive_m, "
        "tax_amount_m, tax_inclusive_m, prepaid_m, payable_m, payment_means, payment_iban, payment_bic, payment_terms, "
        "payment_reference, notes_json, checks_json, errors, original_name, original_sha256, original_base64, source, "
        "imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?)",
        {company_id, row.supplier_id, inv.number, inv.type_code, inv.issue_date, inv.due_date, inv.currency, row.format,
         std::string(to_code(inv.profile)), inv.business_process, inv.buyer_reference, inv.order_reference, dec(t.line_net),
         dec(t.allowances), dec(t.charges), dec(t.tax_exclusive), dec(t.tax_amount), dec(t.tax_inclusive), dec(t.prepaid),
         dec(t.payable), inv.payment.means_code, inv.payment.iban, inv.payment.bic, inv.payment.terms, inv.payment.remittance,
         notes, row.checks_json, std::int64_t{row.errors}, row.original_name, sha256_hex(original_bytes),
         base64_encode(original_bytes), row.source, row.imported_at, row.imported_by});
    for (std::size_t i = 0; i < inv.lines.size(); ++i) {
        const Line& l = inv.lines[i];
        conn.execute(
            "INSERT INTO supplier_invoice_lines (company_id, invoice_id, position, line_id, name, description, seller_item_id, "
            "note, quantity_m, unit_code, net_price_m, net_amount_m, vat_category, vat_rate_m) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {company_id, id, static_cast<std::int64_t>(i), l.id, l.name, l.description, l.seller_item_id, l.note,
             dec(l.quantity), l.unit_code, dec(l.net_price), dec(l.net_amount), l.vat_category, dec(l.vat_rate)});
    }
    for (std::size_t i = 0; i < inv.vat.size(); ++i) {
        const VatRow& v = inv.vat[i];
        conn.execute(
            "INSERT INTO supplier_invoice_vat (company_id, invoice_id, position, category, rate_m, taxable_m, tax_m, "
            "exemption_reason, exemption_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {company_id, id, static_cast<std::int64_t>(i), v.category, dec(v.rate), dec(v.taxable_amount), dec(v.tax_amount),
             v.exemption_reason, v.exemption_code});
    }
    return id;
}

std::optional<SupplierInvoiceRow> find_supplier_invoice(store::Connection& conn, std::int64_t company_id, std::int64_t id) {
    auto r = conn.query_one(std::string("SELECT ") + kInvoiceColumns +
                                " FROM supplier_invoices i JOIN suppliers s ON s.id = i.supplier_id AND s.company_id = i.company_id "
                                "WHERE i.company_id = ? AND i.id = ?",
                            {company_id, id});
    if (!r) return std::nullopt;
    SupplierInvoiceRow out = invoice_of(*r);
    for (const auto& l : conn.query("SELECT line_id, name, description, seller_item_id, note, quantity_m, unit_code, net_price_m, "
                                    "net_amount_m, vat_category, vat_rate_m FROM supplier_invoice_lines "
                                    "WHERE company_id = ? AND invoice_id = ? ORDER BY position",
                                    {company_id, id})) {
        Line line;
        line.id = l.text(0);
        line.name = l.text(1);
        line.description = l.text(2);
        line.seller_item_id = l.text(3);
        line.note = l.text(4);
        line.quantity = Decimal::from_mantissa(l.int64(5));
        line.unit_code = l.text(6);
        line.net_price = Decimal::from_mantissa(l.int64(7));
        line.net_amount = Decimal::from_mantissa(l.int64(8));
        line.vat_category = l.text(9);
        line.vat_rate = opt_dec(l, 10);
        out.invoice.lines.push_back(std::move(line));
    }
    for (const auto& v : conn.query("SELECT category, rate_m, taxable_m, tax_m, exemption_reason, exemption_code "
                                    "FROM supplier_invoice_vat WHERE company_id = ? AND invoice_id = ? ORDER BY position",
                                    {company_id, id})) {
        VatRow row;
        row.category = v.text(0);
        row.rate = opt_dec(v, 1);
        row.taxable_amount = Decimal::from_mantissa(v.int64(2));
        row.tax_amount = Decimal::from_mantissa(v.int64(3));
        row.exemption_reason = v.text(4);
        row.exemption_code = v.text(5);
        out.invoice.vat.push_back(std::move(row));
    }
    return out;
}

std::optional<std::pair<std::int64_t, std::string>> existing_invoice(store::Connection& conn, std::int64_t company_id,
                                                                     std::int64_t supplier_id, const std::string& number) {
    auto r = conn.query_one("SELECT id, imported_at FROM supplier_invoices WHERE company_id = ? AND supplier_id = ? AND number = ?",
                            {company_id, supplier_id, number});
    if (!r) return std::nullopt;
    return std::pair{r->int64(0), r->text(1)};
}

std::vector<SupplierInvoiceRow> list_supplier_invoices(store::Connection& conn, std::int64_t company_id, int limit,
                                                       std::optional<std::int64_t> before_id) {
    std::vector<SupplierInvoiceRow> out;
    std::string sql = std::string("SELECT ") + kInvoiceColumns +
                      " FROM supplier_invoices i JOIN suppliers s ON s.id = i.supplier_id AND s.company_id = i.company_id "
                      "WHERE i.company_id = ?";
    std::vector<Value> params{company_id};
    if (before_id) {
        sql += " AND i.id < ?";
        params.push_back(*before_id);
    }
    sql += " ORDER BY i.id DESC LIMIT ?";
    params.push_back(static_cast<std::int64_t>(limit));
    for (const auto& r : conn.query(sql, params)) out.push_back(invoice_of(r));
    return out;
}

std::optional<Original> load_original(store::Connection& conn, std::int64_t company_id, std::int64_t id) {
    auto r = conn.query_one("SELECT original_name, original_base64 FROM supplier_invoices WHERE company_id = ? AND id = ?",
                            {company_id, id});
    if (!r) return std::nullopt;
    auto bytes = base64_decode(r->text(1));
    return Original{r->text(0), bytes ? *bytes : std::string()};
}

}  // namespace comptoir::einvoice::storage
