#include "store/postgres/postgres_database.hpp"

#include <algorithm>

#include "store/postgres/postgres_pool.hpp"

namespace comptoir::store {
namespace {

class PostgresDatabase final : public Database {
public:
    explicit PostgresDatabase(std::shared_ptr<postgres::ConnectionPool> pool) : pool_(std::move(pool)) {}
    Dialect dialect() const override { return Dialect::Postgres; }
    std::shared_ptr<Connection> acquire() override { return pool_->acquire(); }

private:
    std::shared_ptr<postgres::ConnectionPool> pool_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url, int pool_size) {
    auto pool = postgres::ConnectionPool::create(url, static_cast<std::size_t>(std::max(pool_size, 1)));
    pool->acquire();  // connect once now; the handle goes straight back to the pool as the first idle session
    return std::make_unique<PostgresDatabase>(std::move(pool));
}

}  // namespace comptoir::store
