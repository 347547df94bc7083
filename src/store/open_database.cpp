#include "store/database.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace comptoir::store {

std::unique_ptr<Database> open_database(const std::string& url, int pool_size) {
    if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
        return open_postgres(url, pool_size);
    std::string path = url;
    if (path.starts_with("sqlite://")) path = path.substr(9);
    else if (path.starts_with("sqlite:")) path = path.substr(7);
    return open_sqlite(path, pool_size);
}

}  // namespace comptoir::store
