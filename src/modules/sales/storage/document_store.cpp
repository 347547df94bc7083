#include "modules/sales/storage/document_store.hpp"

#include <openssl/evp.h>

#include "store/bulk_insert.hpp"

namespace comptoir::sales::storage {
namespace {

using store::Value;

constexpr const char* kColumns = R"SQL(
d.id, d.type, d.status, COALESCE(d.number, ''), d.client_id, d.title, d.issue_date, d.due_date, d.validity_date,
d.payment_terms, d.payment_method, d.customer_reference, d.operation, d.notes, d.discount_m, d.retention_m,
d.source_id, d.corrects_id, d.situation_number, d.prepaid_cents, d.client_json, d.seller_json, d.validated_at,
COALESCE(d.chain_seq, 0), d.hash, d.archived, d.created_at, d.updated_at, d.created_by, d.updated_by,
d.total_excl_vat_cents, d.total_vat_cents, d.total_incl_vat_cents, d.amount_due_cents, COALESCE(c.display_name, ''),
COALESCE(d.issued_client_id, 0)
)SQL";

DocumentType type_of(const std::string& code) {
    auto t = parse_document_type(code);
    return t ? *t : DocumentType::Quote;
}

DocumentStatus status_of(const std::string& code) {
    auto s = parse_document_status(code);
    return s ? *s : DocumentStatus::Draft;
}

Document document_from_row(const store::Row& r) {
    Document d;
    std::size_t i = 0;
    d.id = r.int64(i++);
    d.type = type_of(r.text(i++));
    d.status = status_of(r.text(i++));
    d.number = r.text(i++);
    d.client_id = r.int64(i++);
    d.title = r.text(i++);
    d.issue_date = r.text(i++);
    d.due_date = r.text(i++);
    d.validity_date = r.text(i++);
    d.payment_terms = r.text(i++);
    d.payment_method = r.text(i++);
    d.customer_reference = r.text(i++);
    d.operation = parse_operation_category(r.text(i++)).value_or(OperationCategory::Services);
    d.notes = r.text(i++);
    d.discount_percent = Decimal::from_mantissa(r.int64(i++));
    d.retention_percent = Decimal::from_mantissa(r.int64(i++));
    d.source_id = r.opt_int64(i++);
    d.corrects_id = r.opt_int64(i++);
    d.situation_number = static_cast<int>(r.int64(i++));
    d.prepaid = Money::from_cents(r.int64(i++));
    d.client_json = r.text(i++);
    d.seller_json = r.text(i++);
    d.validated_at = r.text(i++);
    d.chain_seq = r.int64(i++);
    d.hash = r.text(i++);
    d.archived = r.boolean(i++);
    d.created_at = r.text(i++);
    d.updated_at = r.text(i++);
    d.created_by = r.int64(i++);
    d.updated_by = r.int64(i++);
    d.total_excl_vat = Money::from_cents(r.int64(i++));
    d.total_vat = Money::from_cents(r.int64(i++));
    d.total_incl_vat = Money::from_cents(r.int64(i++));
    d.amount_due = Money::from_cents(r.int64(i++));
    d.client_name = r.text(i++);
    d.issued_client_id = r.int64(i++);
    return d;
}

std::vector<Line> load_lines(store::Connection& conn, std::int64_t company_id, std::int64_t document_id) {
    std::vector<Line> out;
    for (const auto& r : conn.query(R"SQL(
SELECT kind, reference, catalog_item_id, description, quantity_m, unit, unit_price_m, discount_m, vat_category, vat_m,
  vat_exemption, unit_cost_m, progress_m
FROM document_lines WHERE company_id = ? AND document_id = ? ORDER BY position)SQL",
                                    {company_id, document_id})) {
        Line l;
        l.line.kind = parse_line_kind(r.text(0)).value_or(LineKind::Item);
        l.reference = r.text(1);
        l.catalog_item_id = r.opt_int64(2);
        l.line.description = r.text(3);
        l.line.quantity = Decimal::from_mantissa(r.int64(4));
        l.line.unit = r.text(5);
        l.line.unit_price = Decimal::from_mantissa(r.int64(6));
        l.line.discount_percent = Decimal::from_mantissa(r.int64(7));
        l.line.vat.category = parse_vat_category(r.text(8)).value_or(VatCategory::Standard);
        l.line.vat.percent = Decimal::from_mantissa(r.int64(9));
        l.line.vat.exemption = parse_vat_exemption(r.text(10)).value_or(VatExemption::None);
        if (!r.is_null(11)) l.line.unit_cost = Decimal::from_mantissa(r.int64(11));
        if (!r.is_null(12)) l.progress_percent = Decimal::from_mantissa(r.int64(12));
        out.push_back(std::move(l));
    }
    return out;
}

void save_lines(store::Connection& conn, std::int64_t company_id, std::int64_t document_id,
                const std::vector<Line>& lines) {
    conn.execute("DELETE FROM document_lines WHERE company_id = ? AND document_id = ?", {company_id, document_id});
    std::vector<std::vector<Value>> rows;
    std::int64_t position = 0;
    for (const auto& l : lines) {
        const auto& x = l.line;
        rows.push_back({company_id, document_id, position++, std::string(to_code(x.kind)), l.reference,
                        store::opt(l.catalog_item_id), x.description, x.quantity.mantissa(), x.unit,
                        x.unit_price.mantissa(), x.discount_percent.mantissa(), std::string(to_code(x.vat.category)),
                        x.vat.percent.mantissa(), std::string(to_code(x.vat.exemption)),
                        x.unit_cost ? Value(x.unit_cost->mantissa()) : Value(nullptr),
                        l.progress_percent ? Value(l.progress_percent->mantissa()) : Value(nullptr)});
    }
    store::insert_rows(conn, "document_lines",
                       {"company_id", "document_id", "position", "kind", "reference", "catalog_item_id", "description",
                        "quantity_m", "unit", "unit_price_m", "discount_m", "vat_category", "vat_m", "vat_exemption",
                        "unit_cost_m", "progress_m"},
                       rows);
}

std::string base64(const std::string& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3), '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::optional<std::string> unbase64(const std::string& text) {
    if (text.size() % 4) return std::nullopt;
    std::string out(3 * text.size() / 4, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    // EVP_DecodeBlock counts the padding as zero bytes: drop one per '='.
    std::size_t pad = 0;
    for (auto it = text.rbegin(); it != text.rend() && *it == '=' && pad < 2; ++it) ++pad;
    out.resize(static_cast<std::size_t>(n) - pad);
    return out;
}

std::string select_sql(const std::string& where) {
    return std::string("SELECT ") + kColumns +
           " FROM documents d LEFT JOIN clients c ON c.id = d.client_id AND c.company_id = d.company_id WHERE " + where;
}

}  // namespace

std::int64_t insert_document(store::Connection& conn, std::int64_t company_id, const Document& d, std::int64_t user_id,
                             const std::string& now) {
    auto id = conn.insert(R"SQL(
INSERT INTO documents (company_id, type, status, client_id, title, issue_date, due_date, validity_date, payment_terms,
  payment_method, customer_reference, operation, notes, discount_m, retention_m, source_id, corrects_id,
  situation_number, prepaid_cents, total_excl_vat_cents, total_vat_cents, total_incl_vat_cents, amount_due_cents,
  created_at, created_by, updated_at, updated_by)
VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))SQL",
                          {company_id, std::string(to_code(d.type)), d.client_id, d.title, d.issue_date, d.due_date,
                           d.validity_date, d.payment_terms, d.payment_method, d.customer_reference,
                           std::string(to_code(d.operation)), d.notes, d.discount_percent.mantissa(),
                           d.retention_percent.mantissa(), store::opt(d.source_id), store::opt(d.corrects_id),
                           std::int64_t{d.situation_number}, d.prepaid.cents(), d.total_excl_vat.cents(),
                           d.total_vat.cents(), d.total_incl_vat.cents(), d.amount_due.cents(), now, user_id, now,
                           user_id});
    save_lines(conn, company_id, id, d.lines);
    return id;
}

void update_draft(store::Connection& conn, std::int64_t company_id, const Document& d, std::int64_t user_id,
                  const std::string& now) {
    conn.execute(R"SQL(
UPDATE documents SET client_id = ?, title = ?, issue_date = ?, due_date = ?, validity_date = ?, payment_terms = ?,
  payment_method = ?, customer_reference = ?, operation = ?, notes = ?, discount_m = ?, retention_m = ?,
  prepaid_cents = ?, total_excl_vat_cents = ?, total_vat_cents = ?, total_incl_vat_cents = ?, amount_due_cents = ?,
  updated_at = ?, updated_by = ?
WHERE company_id = ? AND id = ? AND status = 'draft')SQL",
                 {d.client_id, d.title, d.issue_date, d.due_date, d.validity_date, d.payment_terms, d.payment_method,
                  d.customer_reference, std::string(to_code(d.operation)), d.notes, d.discount_percent.mantissa(),
                  d.retention_percent.mantissa(), d.prepaid.cents(), d.total_excl_vat.cents(), d.total_vat.cents(),
                  d.total_incl_vat.cents(), d.amount_due.cents(), now, user_id, company_id, d.id});
    save_lines(conn, company_id, d.id, d.lines);
}

void delete_draft(store::Connection& conn, std::int64_t company_id, std::int64_t id) {
    conn.execute("DELETE FROM document_lines WHERE company_id = ? AND document_id = ?", {company_id, id});
    conn.execute("DELETE FROM documents WHERE company_id = ? AND id = ? AND status = 'draft'", {company_id, id});
}

std::optional<Document> find_document(store::Connection& conn, std::int64_t company_id, std::int64_t id) {
    auto row = conn.query_one(select_sql("d.company_id = ? AND d.id = ?"), {company_id, id});
    if (!row) return std::nullopt;
    Document d = document_from_row(*row);
    d.lines = load_lines(conn, company_id, id);
    return d;
}

void record_issue(store::Connection& conn, std::int64_t company_id, const Document& d, const std::string& series,
                  std::int64_t user_id, const std::string& now) {
    conn.execute(R"SQL(
UPDATE documents SET status = ?, series = ?, number = ?, issue_date = ?, due_date = ?, validity_date = ?,
  payment_terms = ?, prepaid_cents = ?, total_excl_vat_cents = ?, total_vat_cents = ?, total_incl_vat_cents = ?,
  amount_due_cents = ?, client_json = ?, seller_json = ?, validated_at = ?, validated_by = ?, chain_seq = ?,
  hash = ?, updated_at = ?, updated_by = ?, issued_client_id = client_id
WHERE company_id = ? AND id = ? AND status = 'draft')SQL",
                 {std::string(to_code(d.status)), series, d.number, d.issue_date, d.due_date, d.validity_date,
                  d.payment_terms, d.prepaid.cents(), d.total_excl_vat.cents(), d.total_vat.cents(),
                  d.total_incl_vat.cents(), d.amount_due.cents(), d.client_json, d.seller_json, d.validated_at,
                  user_id, d.chain_seq, d.hash, now, user_id, company_id, d.id});
}

void set_status(store::Connection& conn, std::int64_t company_id, std::int64_t id, DocumentStatus status,
                std::int64_t user_id, const std::string& now) {
    conn.execute("UPDATE documents SET status = ?, updated_at = ?, updated_by = ? WHERE company_id = ? AND id = ?",
                 {std::string(to_code(status)), now, user_id, company_id, id});
}

void set_archived(store::Connection& conn, std::int64_t company_id, std::int64_t id, bool archived,
                  std::int64_t user_id, const std::string& now) {
    conn.execute("UPDATE documents SET archived = ?, updated_at = ?, updated_by = ? WHERE company_id = ? AND id = ?",
                 {std::int64_t{archived}, now, user_id, company_id, id});
}

std::vector<Document> list_documents(store::Connection& conn, std::int64_t company_id, const DocumentQuery& q) {
    std::vector<Value> params{company_id, std::int64_t{q.archived ? 1 : 0}};
    std::string where = "d.company_id = ? AND d.archived = ?";
    if (!q.types.empty()) {
        where += " AND d.type IN (";
        for (std::size_t i = 0; i < q.types.size(); ++i) {
            where += i ? ", ?" : "?";
            params.emplace_back(std::string(to_code(q.types[i])));
        }
        where += ")";
    }
    if (q.status) {
        where += " AND d.status = ?";
        params.emplace_back(std::string(to_code(*q.status)));
    }
    if (q.client_id) {
        where += " AND d.client_id = ?";
        params.emplace_back(*q.client_id);
    }
    // Drafts have no issue date yet: they are placed by the day they were created.
    const std::string day = "(CASE WHEN d.issue_date = '' THEN SUBSTR(d.created_at, 1, 10) ELSE d.issue_date END)";
    if (!q.from.empty()) {
        where += " AND " + day + " >= ?";
        params.emplace_back(q.from);
    }
    if (!q.to.empty()) {
        where += " AND " + day + " <= ?";
        params.emplace_back(q.to);
    }
    if (!q.number_prefix.empty()) {
        where += " AND d.number >= ? AND d.number < ?";
        params.emplace_back(q.number_prefix);
        params.emplace_back(q.number_prefix + "\xf4\x8f\xbf\xbf");
    }
    if (q.before_id) {
        where += " AND d.id < ?";
        params.emplace_back(*q.before_id);
    }
    params.emplace_back(std::int64_t{q.limit});
    std::vector<Document> out;
    for (const auto& r : conn.query(select_sql(where) + " ORDER BY d.id DESC LIMIT ?", params))
        out.push_back(document_from_row(r));
    return out;
}

std::vector<DocumentLink> links(store::Connection& conn, std::int64_t company_id, const Document& d) {
    std::vector<DocumentLink> out;
    auto add = [&](const std::string& where, std::vector<Value> params, const std::string& relation) {
        for (const auto& r : conn.query(
                 "SELECT id, type, status, COALESCE(number, ''), total_incl_vat_cents FROM documents WHERE company_id = ? AND " +
                     where + " ORDER BY id",
                 params))
            out.push_back({r.int64(0), type_of(r.text(1)), status_of(r.text(2)), r.text(3), relation,
                           Money::from_cents(r.int64(4))});
    };
    if (d.source_id) add("id = ?", {company_id, *d.source_id}, "source");
    if (d.corrects_id) add("id = ?", {company_id, *d.corrects_id}, "corrects");
    add("source_id = ?", {company_id, d.id}, "derived");
    add("corrects_id = ?", {company_id, d.id}, "corrected_by");
    return out;
}

Money deposits_invoiced(store::Connection& conn, std::int64_t company_id, std::int64_t source_id) {
    auto row = conn.query_one(R"SQL(
SELECT COALESCE(SUM(total_incl_vat_cents), 0) FROM documents
WHERE company_id = ? AND source_id = ? AND type = 'deposit_invoice' AND status <> 'draft')SQL",
                              {company_id, source_id});
    return Money::from_cents(row ? row->int64(0) : 0);
}

std::vector<Document> situations_of(store::Connection& conn, std::int64_t company_id, std::int64_t source_id) {
    std::vector<Document> out;
    for (const auto& r : conn.query(select_sql("d.company_id = ? AND d.source_id = ? AND d.type = 'situation_invoice' "
                                               "AND d.status <> 'draft'") +
                                        " ORDER BY d.situation_number",
                                    {company_id, source_id})) {
        out.push_back(document_from_row(r));
        out.back().lines = load_lines(conn, company_id, out.back().id);
    }
    return out;
}

std::int64_t next_number(store::Connection& conn, std::int64_t company_id, const std::string& series,
                         const std::string& period) {
    return conn
        .query_one("INSERT INTO document_counters (company_id, series, period, value) VALUES (?, ?, ?, 1) "
                   "ON CONFLICT (company_id, series, period) DO UPDATE SET value = document_counters.value + 1 "
                   "RETURNING value",
                   {company_id, series, period})
        ->int64(0);
}

std::optional<std::string> series_pattern(store::Connection& conn, std::int64_t company_id, const std::string& series) {
    auto row = conn.query_one("SELECT pattern FROM number_series WHERE company_id = ? AND series = ?", {company_id, series});
    if (!row) return std::nullopt;
    return row->text(0);
}

void set_series_pattern(store::Connection& conn, std::int64_t company_id, const std::string& series,
                        const std::string& pattern) {
    conn.execute("INSERT INTO number_series (company_id, series, pattern) VALUES (?, ?, ?) "
                 "ON CONFLICT (company_id, series) DO UPDATE SET pattern = excluded.pattern",
                 {company_id, series, pattern});
}

StoredSettings settings(store::Connection& conn, std::int64_t company_id) {
    auto row = conn.query_one(
        "SELECT vat_on_debits, credit_notes_shared, margin_threshold_bp FROM sales_settings WHERE company_id = ?",
        {company_id});
    if (!row) return {};
    return {row->boolean(0), row->boolean(1), row->int64(2)};
}

void save_settings(store::Connection& conn, std::int64_t company_id, const StoredSettings& s) {
    conn.execute("INSERT INTO sales_settings (company_id, vat_on_debits, credit_notes_shared, margin_threshold_bp) "
                 "VALUES (?, ?, ?, ?) ON CONFLICT (company_id) DO UPDATE SET vat_on_debits = excluded.vat_on_debits, "
                 "credit_notes_shared = excluded.credit_notes_shared, margin_threshold_bp = excluded.margin_threshold_bp",
                 {company_id, std::int64_t{s.vat_on_debits}, std::int64_t{s.credit_notes_shared}, s.margin_threshold_bp});
}

std::int64_t last_number(store::Connection& conn, std::int64_t company_id, const std::string& series,
                         const std::string& period) {
    auto row = conn.query_one("SELECT value FROM document_counters WHERE company_id = ? AND series = ? AND period = ?",
                              {company_id, series, period});
    return row ? row->int64(0) : 0;
}

std::pair<std::int64_t, std::string> advance_chain(store::Connection& conn, std::int64_t company_id) {
    // The UPDATE takes the row lock first (PostgreSQL), so two validations cannot read the same head.
    auto row = conn.query_one("UPDATE document_chain SET seq = seq + 1 WHERE company_id = ? RETURNING seq, last_hash",
                              {company_id});
    if (row) return {row->int64(0), row->text(1)};
    conn.execute("INSERT INTO document_chain (company_id, seq, last_hash) VALUES (?, 1, '')", {company_id});
    return {1, ""};
}

void set_chain_head(store::Connection& conn, std::int64_t company_id, const std::string& hash) {
    conn.execute("UPDATE document_chain SET last_hash = ? WHERE company_id = ?", {hash, company_id});
}

std::vector<Document> chain(store::Connection& conn, std::int64_t company_id) {
    std::vector<Document> out;
    for (const auto& r : conn.query(select_sql("d.company_id = ? AND d.chain_seq IS NOT NULL") + " ORDER BY d.chain_seq",
                                    {company_id})) {
        out.push_back(document_from_row(r));
        out.back().lines = load_lines(conn, company_id, out.back().id);
    }
    return out;
}

std::vector<std::pair<std::int64_t, std::string>> stored_pdfs_missing(store::Connection& conn, std::int64_t company_id) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (const auto& r : conn.query(R"SQL(
SELECT d.id, COALESCE(d.number, '') FROM documents d
WHERE d.company_id = ? AND d.pdf_stored = 1
  AND NOT EXISTS (SELECT 1 FROM document_files f WHERE f.company_id = d.company_id AND f.document_id = d.id
                  AND f.kind = 'pdf')
ORDER BY d.id)SQL",
                                    {company_id}))
        out.emplace_back(r.int64(0), r.text(1));
    return out;
}

std::vector<std::int64_t> companies_with_documents(store::Connection& conn) {
    return conn.query_int64s("SELECT DISTINCT company_id FROM documents ORDER BY company_id");
}

void store_file(store::Connection& conn, std::int64_t company_id, std::int64_t document_id, const std::string& kind,
                const StoredFile& file, const std::string& now) {
    conn.execute("INSERT INTO document_files (company_id, document_id, kind, sha256, content_base64, created_at, "
                 "chain_seq, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 {company_id, document_id, kind, file.sha256, base64(file.bytes), now, file.chain_seq, file.hash});
    if (kind == "pdf")
        conn.execute("UPDATE documents SET pdf_stored = 1 WHERE company_id = ? AND id = ?", {company_id, document_id});
}

std::optional<StoredFile> load_file(store::Connection& conn, std::int64_t company_id, std::int64_t document_id,
                                    const std::string& kind) {
    auto row = conn.query_one("SELECT content_base64, sha256, chain_seq, hash FROM document_files "
                              "WHERE company_id = ? AND document_id = ? AND kind = ?",
                              {company_id, document_id, kind});
    if (!row) return std::nullopt;
    // Unreadable base64 reads as empty bytes: verification then reports the file as changed.
    return StoredFile{unbase64(row->text(0)).value_or(std::string()), row->text(1), row->int64(2), row->text(3)};
}

std::vector<std::pair<std::int64_t, std::int64_t>> issued_without_pdf(store::Connection& conn, std::size_t limit) {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    for (const auto& r : conn.query(R"SQL(
SELECT d.company_id, d.id FROM documents d
WHERE d.pdf_stored = 0 AND d.chain_seq IS NOT NULL
ORDER BY d.pdf_stored, d.company_id, d.chain_seq LIMIT ?)SQL",
                                    {static_cast<std::int64_t>(limit)}))
        out.emplace_back(r.int64(0), r.int64(1));
    return out;
}

std::vector<FileEntry> file_chain(store::Connection& conn, std::int64_t company_id) {
    std::vector<FileEntry> out;
    for (const auto& r : conn.query(R"SQL(
SELECT f.document_id, COALESCE(d.number, ''), f.content_base64, f.sha256, f.chain_seq, f.hash
FROM document_files f JOIN documents d ON d.company_id = f.company_id AND d.id = f.document_id
WHERE f.company_id = ? AND f.kind = 'pdf' ORDER BY f.chain_seq)SQL",
                                    {company_id}))
        out.push_back({r.int64(0), r.text(1),
                       StoredFile{unbase64(r.text(2)).value_or(std::string()), r.text(3), r.int64(4), r.text(5)}});
    return out;
}

}  // namespace comptoir::sales::storage
