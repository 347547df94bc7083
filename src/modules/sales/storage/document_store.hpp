// SQL for commercial documents, their lines, number counters, the hash chain and issued files.
// Every function takes the company id and every statement is scoped by it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/sales/model/document.hpp"
#include "store/database.hpp"

namespace comptoir::sales::storage {

std::int64_t insert_document(store::Connection& conn, std::int64_t company_id, const Document& d, std::int64_t user_id,
                             const std::string& now);
// Writes the editable header, the lines and the recomputed totals of a draft.
void update_draft(store::Connection& conn, std::int64_t company_id, const Document& d, std::int64_t user_id,
                  const std::string& now);
void delete_draft(store::Connection& conn, std::int64_t company_id, std::int64_t id);
std::optional<Document> find_document(store::Connection& conn, std::int64_t company_id, std::int64_t id);

// Freezes a document at validation: number, series, dates, parties, totals, chain position and hash.
void record_issue(store::Connection& conn, std::int64_t company_id, const Document& d, const std::string& series,
                  std::int64_t user_id, const std::string& now);
void set_status(store::Connection& conn, std::int64_t company_id, std::int64_t id, DocumentStatus status,
                std::int64_t user_id, const std::string& now);
void set_archived(store::Connection& conn, std::int64_t company_id, std::int64_t id, bool archived,
                  std::int64_t user_id, const std::string& now);

struct DocumentQuery {
    std::vector<DocumentType> types;  // empty: all
    std::optional<DocumentStatus> status;
    std::optional<std::int64_t> client_id;
    std::string from, to;  // ISO dates on the issue date (drafts: creation date)
    std::string number_prefix;
    bool archived = false;
    int limit = 25;
    std::optional<std::int64_t> before_id;  // keyset: newest first
};
std::vector<Document> list_documents(store::Connection& conn, std::int64_t company_id, const DocumentQuery& q);

// Documents converted from `id`, the documents `id` corrects or is corrected by.
std::vector<DocumentLink> links(store::Connection& conn, std::int64_t company_id, const Document& d);
// Validated deposit invoices made from `source_id` (and not cancelled by a credit note): their total.
Money deposits_invoiced(store::Connection& conn, std::int64_t company_id, std::int64_t source_id);
// Validated situation invoices made from `source_id`, oldest first.
std::vector<Document> situations_of(store::Connection& conn, std::int64_t company_id, std::int64_t source_id);

// The next number of a series in a period. The row stays locked (PostgreSQL) or the database is
// write-locked (SQLite) until the transaction ends, so concurrent validations queue here and a
// rollback gives the number back: no gaps, no duplicates.
std::int64_t next_number(store::Connection& conn, std::int64_t company_id, const std::string& series,
                         const std::string& period);
std::optional<std::string> series_pattern(store::Connection& conn, std::int64_t company_id, const std::string& series);
void set_series_pattern(store::Connection& conn, std::int64_t company_id, const std::string& series,
                        const std::string& pattern);

struct StoredSettings {
    bool vat_on_debits = false;
    bool credit_notes_shared = false;
    std::int64_t margin_threshold_bp = 2000;
};
StoredSettings settings(store::Connection& conn, std::int64_t company_id);
void save_settings(store::Connection& conn, std::int64_t company_id, const StoredSettings& s);
// The last counter value of a series in a period (0 when none was issued).
std::int64_t last_number(store::Connection& conn, std::int64_t company_id, const std::string& series,
                         const std::string& period);

// Takes the next position in the company's chain of issued documents and returns it with the hash
// of the previous document ("" for the first). Locks the chain row until the transaction ends.
std::pair<std::int64_t, std::string> advance_chain(store::Connection& conn, std::int64_t company_id);
void set_chain_head(store::Connection& conn, std::int64_t company_id, const std::string& hash);
// Every issued document of the company in chain order (for verification).
std::vector<Document> chain(store::Connection& conn, std::int64_t company_id);
std::vector<std::int64_t> companies_with_documents(store::Connection& conn);
// Issued documents whose PDF was stored once but is no longer there (id, number).
std::vector<std::pair<std::int64_t, std::string>> stored_pdfs_missing(store::Connection& conn, std::int64_t company_id);

struct StoredFile {
    std::string bytes;
    std::string sha256;  // of the bytes, as recorded when stored
    std::int64_t chain_seq = 0;
    std::string hash;
};
void store_file(store::Connection& conn, std::int64_t company_id, std::int64_t document_id, const std::string& kind,
                const StoredFile& file, const std::string& now);
std::optional<StoredFile> load_file(store::Connection& conn, std::int64_t company_id, std::int64_t document_id,
                                    const std::string& kind);
// Issued documents whose PDF is not stored yet (company id, document id), oldest first, any company.
std::vector<std::pair<std::int64_t, std::int64_t>> issued_without_pdf(store::Connection& conn, std::size_t limit);
struct FileEntry {
    std::int64_t document_id = 0;
    std::string number;
    StoredFile file;
};
// Every stored PDF of the company in chain order (for verification).
std::vector<FileEntry> file_chain(store::Connection& conn, std::int64_t company_id);

}  // namespace comptoir::sales::storage
