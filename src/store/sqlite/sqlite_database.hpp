#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace comptoir::store {

// Opens (creating if needed) a SQLite database file in WAL mode with foreign keys on.
// ":memory:" is not supported: the pool's connections must share one database.
std::unique_ptr<Database> open_sqlite(const std::string& path, int pool_size);

}  // namespace comptoir::store
