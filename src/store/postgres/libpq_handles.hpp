// Owning handles for libpq objects, so no early return or exception can leak a connection or result.
#pragma once

#include <memory>

#include <libpq-fe.h>

namespace comptoir::store::postgres {

struct PgConnCloser {
    void operator()(PGconn* conn) const noexcept { PQfinish(conn); }
};
struct PgResultClearer {
    void operator()(PGresult* result) const noexcept { PQclear(result); }
};

using PgConnPtr = std::unique_ptr<PGconn, PgConnCloser>;
using PgResultPtr = std::unique_ptr<PGresult, PgResultClearer>;

}  // namespace comptoir::store::postgres
