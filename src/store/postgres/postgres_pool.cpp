#include "store/postgres/postgres_pool.hpp"

#include "store/postgres/postgres_connection.hpp"

namespace comptoir::store::postgres {

std::shared_ptr<ConnectionPool> ConnectionPool::create(std::string url, std::size_t size) {
    return std::shared_ptr<ConnectionPool>(new ConnectionPool(std::move(url), size));
}

ConnectionPool::ConnectionPool(std::string url, std::size_t size) : url_(std::move(url)), size_(size) {
    // Reserved once so give_back's push_back cannot allocate, hence cannot throw, in a deleter.
    idle_.reserve(size_);
}

ConnectionPool::~ConnectionPool() = default;

std::shared_ptr<Connection> ConnectionPool::acquire() {
    std::unique_ptr<PostgresConnection> conn;
    {
        std::unique_lock lock(mutex_);
        returned_.wait(lock, [this] { return !idle_.empty() || open_ < size_; });
        if (!idle_.empty()) {
            // Most recently returned first: its prepared statements are the likeliest to be warm.
            conn = std::move(idle_.back());
            idle_.pop_back();
        } else {
            ++open_;  // claim the slot now, connect below without holding the lock (it takes a round trip)
        }
    }
    try {
        if (!conn) conn = std::make_unique<PostgresConnection>(url_);
        else if (!conn->healthy()) conn->reset();  // e.g. the server restarted since it was last used
    } catch (...) {
        conn.reset();
        {
            std::lock_guard lock(mutex_);
            --open_;
        }
        returned_.notify_one();
        throw;
    }
    // If allocating the control block throws, shared_ptr calls the deleter, so the session still goes back.
    return std::shared_ptr<Connection>(conn.release(), [pool = shared_from_this()](Connection* lent) {
        pool->give_back(static_cast<PostgresConnection*>(lent));
    });
}

void ConnectionPool::give_back(PostgresConnection* lent) noexcept {
    std::unique_ptr<PostgresConnection> conn(lent);
    // A borrower unwinding from an exception may leave a transaction open (or failed): never hand that
    // to the next borrower.
    conn->abandon_transaction();
    // A session that lost its server is closed rather than kept; the slot it frees is reopened on demand.
    // Its PQfinish happens here, outside the lock.
    if (!conn->healthy()) conn.reset();
    {
        std::lock_guard lock(mutex_);
        if (conn) idle_.push_back(std::move(conn));
        else --open_;
    }
    returned_.notify_one();
}

}  // namespace comptoir::store::postgres
