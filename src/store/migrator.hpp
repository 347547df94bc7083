// Versioned schema migrations, applied in order at start.
//
// Each capability declares its own migrations (see modules/*/storage/migrations.cpp); the app passes
// them all to `migrate` in dependency order. A migration is identified by a stable id
// ("crm/0001_clients") and applied once, inside a transaction, recorded in schema_migrations.
// SQL is portable with a few tokens the driver's dialect fills in:
//   {{ID}}         the auto-increment primary key column type
//   {{TEXT_C}}     text compared byte-wise (COLLATE "C" on PostgreSQL), for prefix-range indexes
//   {{NO_ROWID}}   "WITHOUT ROWID" on SQLite (clustered tables), nothing on PostgreSQL
// A migration whose SQL cannot be portable (an SQLite virtual table, say) gives PostgreSQL its own
// text in `postgres_sql`.
#pragma once

#include <string>
#include <vector>

#include "store/database.hpp"

namespace comptoir::store {

struct Migration {
    std::string id;
    std::string sql;
    std::string postgres_sql;  // when not empty, run on PostgreSQL instead of `sql`
};

std::string render_migration(std::string_view sql, Dialect dialect);

// Applies every migration not yet recorded; returns the ids applied now. Safe when several servers
// start at once: PostgreSQL takes an advisory lock, SQLite its write lock.
std::vector<std::string> migrate(Database& db, const std::vector<Migration>& migrations);

}  // namespace comptoir::store
