// A bounded, thread-safe pool of PostgreSQL sessions.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace comptoir::store::postgres {

class PostgresConnection;

// Opens sessions on demand, up to `size`, and lends them out. Shared ownership: every lent handle keeps
// the pool alive, so a handle outliving the Database still has somewhere to go back to.
class ConnectionPool : public std::enable_shared_from_this<ConnectionPool> {
public:
    static std::shared_ptr<ConnectionPool> create(std::string url, std::size_t size);
    ~ConnectionPool();

    // Lends a session, waiting while all `size` are lent. Destroying the handle gives it back. Throws
    // DatabaseError when a session must be opened (or reopened) and the server cannot be reached.
    std::shared_ptr<Connection> acquire();

private:
    ConnectionPool(std::string url, std::size_t size);
    void give_back(PostgresConnection* conn) noexcept;

    const std::string url_;
    const std::size_t size_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<PostgresConnection>> idle_;  // guarded by mutex_
    std::size_t open_ = 0;                                    // idle + lent + being opened; guarded by mutex_
};

}  // namespace comptoir::store::postgres
