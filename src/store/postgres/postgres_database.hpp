// The PostgreSQL driver of the storage interface (store/database.hpp), over libpq.
#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace comptoir::store {

// Opens a pool of PostgreSQL connections. `url` goes to libpq unchanged, e.g.
// "postgresql://comptoir@127.0.0.1:5432/comptoir?connect_timeout=5". One connection is opened at once,
// so a wrong URL or an unreachable server fails at startup rather than on the first request; the others
// open on demand, up to `pool_size` (at least 1). Throws DatabaseError.
std::unique_ptr<Database> open_postgres(const std::string& url, int pool_size);

}  // namespace comptoir::store
