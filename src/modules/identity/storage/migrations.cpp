// Schema of the identity module. Portable SQL: TEXT, BIGINT, INTEGER; booleans as INTEGER 0/1;
// timestamps as ISO 8601 UTC text, which sorts and compares correctly as text.
#include "modules/identity/identity_module.hpp"

namespace comptoir::identity {
namespace {

constexpr const char* kCompanies = R"SQL(
CREATE TABLE companies (
  id {{ID}},
  name TEXT NOT NULL,
  legal_form TEXT NOT NULL DEFAULT '',
  siren TEXT NOT NULL DEFAULT '',
  siret TEXT NOT NULL DEFAULT '',
  vat_number TEXT NOT NULL DEFAULT '',
  rcs_city TEXT NOT NULL DEFAULT '',
  share_capital_cents BIGINT,
  address_line1 TEXT NOT NULL DEFAULT '',
  address_line2 TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT 'FR',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  iban TEXT NOT NULL DEFAULT '',
  bic TEXT NOT NULL DEFAULT '',
  logo_file TEXT NOT NULL DEFAULT '',
  accounting_code_rule TEXT NOT NULL DEFAULT '411{NAME:5}{SEQ:3}',
  low_margin_threshold_bp BIGINT NOT NULL DEFAULT 2000,
  created_at TEXT NOT NULL
);
)SQL";

// One login = one company: the email is unique across all companies, so logging in needs no
// company picker and an email always resolves to one tenant.
constexpr const char* kUsers = R"SQL(
CREATE TABLE users (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies (id),
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  locale TEXT NOT NULL DEFAULT 'fr',
  password_hash TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  invite_token_hash TEXT,
  invite_expires_at TEXT,
  created_at TEXT NOT NULL,
  last_login_at TEXT
);
CREATE INDEX users_company ON users (company_id, id);
CREATE UNIQUE INDEX users_invite_token ON users (invite_token_hash);
)SQL";

// Only the SHA-256 of a session token is stored: a leaked database does not give live sessions.
constexpr const char* kSessions = R"SQL(
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  company_id BIGINT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
)SQL";

constexpr const char* kApiTokens = R"SQL(
CREATE TABLE api_tokens (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_tokens_company ON api_tokens (company_id, id);
)SQL";

constexpr const char* kLoginFailures = R"SQL(
CREATE TABLE login_failures (
  id {{ID}},
  email TEXT NOT NULL,
  ip TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);
CREATE INDEX login_failures_at ON login_failures (at);
)SQL";

// The low-margin threshold moved to the documents' settings (sales/0003), next to what it governs.
constexpr const char* kDropMarginThreshold = "ALTER TABLE companies DROP COLUMN low_margin_threshold_bp;";

}  // namespace

std::vector<store::Migration> IdentityModule::migrations() {
    return {
        {"identity/0001_companies", kCompanies},
        {"identity/0002_users", kUsers},
        {"identity/0003_sessions", kSessions},
        {"identity/0004_api_tokens", kApiTokens},
        {"identity/0005_login_failures", kLoginFailures},
        {"identity/0006_drop_margin_threshold", kDropMarginThreshold},
    };
}

}  // namespace comptoir::identity
