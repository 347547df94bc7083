// Small helpers over store::with_transaction for use cases whose work returns nothing or a plain value.
#pragma once

#include "store/database.hpp"

namespace comptoir::identity {

// Runs `work(conn)` in a write transaction, committed unless it throws.
template <typename F>
void write_transaction(store::Database& db, F&& work) {
    store::with_transaction(db, true, [&](store::Connection& conn) {
        work(conn);
        return true;
    });
}

// Runs `work(conn)` in a read transaction and returns its value as is (an empty optional is fine:
// rolling back a read changes nothing).
template <typename F>
auto read_transaction(store::Database& db, F&& work) {
    return store::with_transaction(db, false, std::forward<F>(work));
}

}  // namespace comptoir::identity
