#include "modules/crm/crm_module.hpp"

namespace comptoir::crm {
namespace {

// Clients carry their company_id on every row (tenancy). `sort_name` and `city_key` are folded
// (lower-case, no accents) copies used for sorting; `search_terms` is the index behind search as you
// type: one row per word prefix-searchable for a client, ordered byte-wise so a prefix is a range.
constexpr const char* kClients = R"SQL(
CREATE TABLE clients (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  legal_name TEXT NOT NULL DEFAULT '',
  trade_name TEXT NOT NULL DEFAULT '',
  civility TEXT NOT NULL DEFAULT '',
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  display_name TEXT NOT NULL,
  sort_name {{TEXT_C}} NOT NULL,
  siren TEXT NOT NULL DEFAULT '',
  siret TEXT NOT NULL DEFAULT '',
  vat_number TEXT NOT NULL DEFAULT '',
  naf_code TEXT NOT NULL DEFAULT '',
  legal_form TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  billing_line1 TEXT NOT NULL DEFAULT '',
  billing_line2 TEXT NOT NULL DEFAULT '',
  billing_postal_code TEXT NOT NULL DEFAULT '',
  billing_city TEXT NOT NULL DEFAULT '',
  billing_country TEXT NOT NULL DEFAULT 'FR',
  city_key {{TEXT_C}} NOT NULL DEFAULT '',
  has_delivery INTEGER NOT NULL DEFAULT 0,
  delivery_line1 TEXT NOT NULL DEFAULT '',
  delivery_line2 TEXT NOT NULL DEFAULT '',
  delivery_postal_code TEXT NOT NULL DEFAULT '',
  delivery_city TEXT NOT NULL DEFAULT '',
  delivery_country TEXT NOT NULL DEFAULT 'FR',
  payment_terms TEXT NOT NULL DEFAULT '30d',
  payment_method TEXT NOT NULL DEFAULT 'transfer',
  default_discount_bp BIGINT NOT NULL DEFAULT 0,
  commercial_conditions TEXT NOT NULL DEFAULT '',
  accounting_code TEXT NOT NULL DEFAULT '',
  assigned_user_id BIGINT REFERENCES users(id),
  notes TEXT NOT NULL DEFAULT '',
  email_consent INTEGER NOT NULL DEFAULT 0,
  email_consent_date TEXT NOT NULL DEFAULT '',
  email_consent_source TEXT NOT NULL DEFAULT '',
  email_consent_basis TEXT NOT NULL DEFAULT '',
  sms_consent INTEGER NOT NULL DEFAULT 0,
  sms_consent_date TEXT NOT NULL DEFAULT '',
  sms_consent_source TEXT NOT NULL DEFAULT '',
  sms_consent_basis TEXT NOT NULL DEFAULT '',
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX clients_by_name ON clients (company_id, archived, sort_name, id);
CREATE INDEX clients_by_created ON clients (company_id, archived, created_at, id);
CREATE INDEX clients_by_updated ON clients (company_id, archived, updated_at, id);
CREATE INDEX clients_by_city ON clients (company_id, archived, city_key, id);
CREATE INDEX clients_by_siret ON clients (company_id, siret);
CREATE INDEX clients_by_assignee ON clients (company_id, assigned_user_id);

CREATE TABLE contacts (
  id {{ID}},
  company_id BIGINT NOT NULL,
  client_id BIGINT NOT NULL REFERENCES clients(id),
  civility TEXT NOT NULL DEFAULT '',
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  emails TEXT NOT NULL DEFAULT '[]',
  phones TEXT NOT NULL DEFAULT '[]',
  is_primary INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX contacts_by_client ON contacts (company_id, client_id, position);

CREATE TABLE client_channels (
  company_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  client_id BIGINT NOT NULL,
  contact_id BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, kind, value, client_id, contact_id)
) {{NO_ROWID}};
CREATE INDEX client_channels_by_client ON client_channels (company_id, client_id);

CREATE TABLE client_search_terms (
  company_id BIGINT NOT NULL,
  term {{TEXT_C}} NOT NULL,
  client_id BIGINT NOT NULL,
  PRIMARY KEY (company_id, term, client_id)
) {{NO_ROWID}};
CREATE INDEX client_search_terms_by_client ON client_search_terms (company_id, client_id, term);

CREATE TABLE categories (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  color TEXT NOT NULL DEFAULT '#4f46e5',
  created_at TEXT NOT NULL,
  UNIQUE (company_id, name_key)
);

CREATE TABLE client_categories (
  company_id BIGINT NOT NULL,
  client_id BIGINT NOT NULL,
  category_id BIGINT NOT NULL,
  PRIMARY KEY (client_id, category_id)
) {{NO_ROWID}};
CREATE INDEX client_categories_by_category ON client_categories (company_id, category_id, client_id);

CREATE TABLE crm_counters (
  company_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  value BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, name)
);
)SQL";

// Without it, checking that a generated accounting code is free scans every client of the company,
// which makes a large import quadratic.
constexpr const char* kAccountingCodeIndex =
    "CREATE INDEX clients_by_accounting_code ON clients (company_id, accounting_code);";

// Client imports (service/import_service.cpp). An import keeps the file's rows as read (JSON arrays
// of cells), the column mapping, and per row what the dry run and the run decided: the outcome, the
// client it created or updated, the reasons, and for an update the client as it was before (the
// undo restores it). Progress is stored, so any server can show it and a restarted one resumes.
constexpr const char* kImports = R"SQL(
CREATE TABLE client_imports (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  created_by BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  file_format TEXT NOT NULL,
  file_encoding TEXT NOT NULL DEFAULT '',
  file_separator TEXT NOT NULL DEFAULT '',
  file_bytes BIGINT NOT NULL DEFAULT 0,
  headers TEXT NOT NULL,
  mapping TEXT NOT NULL,
  policy TEXT NOT NULL DEFAULT 'skip',
  warnings TEXT NOT NULL DEFAULT '[]',
  row_count BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  checked_policy TEXT NOT NULL DEFAULT '',
  progress_done BIGINT NOT NULL DEFAULT 0,
  progress_total BIGINT NOT NULL DEFAULT 0,
  check_counts TEXT NOT NULL DEFAULT '{}',
  counts TEXT NOT NULL DEFAULT '{}',
  created_categories TEXT NOT NULL DEFAULT '[]',
  error TEXT NOT NULL DEFAULT '',
  run_by BIGINT,
  started_at TEXT NOT NULL DEFAULT '',
  finished_at TEXT NOT NULL DEFAULT '',
  undone_by BIGINT,
  undone_at TEXT NOT NULL DEFAULT '',
  heartbeat_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX client_imports_by_company ON client_imports (company_id, id);
CREATE INDEX client_imports_by_status ON client_imports (status);

CREATE TABLE client_import_rows (
  company_id BIGINT NOT NULL,
  import_id BIGINT NOT NULL,
  row_no BIGINT NOT NULL,
  line BIGINT NOT NULL,
  cells TEXT NOT NULL,
  check_outcome TEXT NOT NULL DEFAULT '',
  check_detail TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  client_id BIGINT,
  detail TEXT NOT NULL DEFAULT '',
  before_image TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (import_id, row_no)
) {{NO_ROWID}};
CREATE INDEX client_import_rows_by_client ON client_import_rows (company_id, client_id);
)SQL";

// GDPR (src/modules/gdpr): every change of a marketing consent, written with the card in the same
// transaction (storage::insert_client, update_client: create, edit, import and its undo), so the
// history of what was granted or withdrawn, when, how, on which legal basis and by whom is kept
// apart from the card's current state. `anonymised_at` marks a client erased by anonymisation: crm
// refuses to edit it back into a person.
constexpr const char* kConsentHistory = R"SQL(
CREATE TABLE client_consent_events (
  id {{ID}},
  company_id BIGINT NOT NULL,
  client_id BIGINT NOT NULL,
  channel TEXT NOT NULL,
  granted INTEGER NOT NULL,
  consent_date TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  legal_basis TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  recorded_by BIGINT
);
CREATE INDEX client_consent_events_by_client ON client_consent_events (company_id, client_id, id);
ALTER TABLE clients ADD COLUMN anonymised_at TEXT NOT NULL DEFAULT '';
)SQL";

}  // namespace

namespace {

// A client merged into another (the duplicates review folder): kept, archived and out of lists, search
// and duplicate checks, its card pointing to the survivor, so that the merge can be undone.
constexpr const char* kMergedInto = "ALTER TABLE clients ADD COLUMN merged_into_id BIGINT;";

// The search index (storage/search_index.hpp). On SQLite it moves from a term table to one document
// per client, client_search_docs; the full-text index over the documents lives in a file of its own
// (storage/fulltext_index.hpp). Bases that ran an earlier form of this migration also got an FTS5
// table here, which crm/0007 drops.
// E-mail terms take their leading '@' on both databases.
constexpr const char* kSearchIndexSqlite = R"SQL(
CREATE TABLE client_search_docs (id INTEGER PRIMARY KEY, terms TEXT NOT NULL);
INSERT INTO client_search_docs (id, terms)
  SELECT client_id, group_concat(CASE WHEN instr(term, '@') > 0 THEN '@' || term ELSE term END, ' ')
  FROM client_search_terms GROUP BY client_id;
DROP TABLE client_search_terms;
)SQL";
constexpr const char* kSearchIndexPostgres =
    "UPDATE client_search_terms SET term = '@' || term WHERE strpos(term, '@') > 0;";

// SQLite's full-text index moves out of the database into its own file, written by its own thread
// (storage/fulltext_index.hpp). What it needs from here: the documents (client_search_docs, kept), a
// log of the documents changed or removed (new ones are found by their id, which only grows), and a
// token naming this database, so that an index file left beside another database is rebuilt.
// PostgreSQL keeps its term table: nothing to do there.
constexpr const char* kFulltextFileSqlite = R"SQL(
DROP TABLE IF EXISTS client_search;
CREATE TABLE client_search_changes (seq INTEGER PRIMARY KEY, client_id INTEGER NOT NULL);
CREATE TABLE client_search_source (token TEXT NOT NULL);
INSERT INTO client_search_source (token) VALUES (lower(hex(randomblob(16))));
)SQL";
constexpr const char* kFulltextFilePostgres = "SELECT 1;";

std::vector<store::Migration> listed_migrations() {
    return {{"crm/0001_clients", kClients},
            {"crm/0002_accounting_code_index", kAccountingCodeIndex},
            {"crm/0003_client_imports", kImports},
            {"crm/0004_consent_history", kConsentHistory}};
}

}  // namespace

std::vector<store::Migration> CrmModule::migrations() {
    auto all = listed_migrations();
    all.push_back({"crm/0005_merged_into", kMergedInto});
    all.push_back({"crm/0006_search_index", kSearchIndexSqlite, kSearchIndexPostgres});
    all.push_back({"crm/0007_fulltext_file", kFulltextFileSqlite, kFulltextFilePostgres});
    return all;
}

}  // namespace comptoir::crm
