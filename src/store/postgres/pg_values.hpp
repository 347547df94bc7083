// Converting between the store's Value and libpq's text protocol.
#pragma once

#include <string>
#include <vector>

#include <libpq-fe.h>

#include "store/database.hpp"

namespace comptoir::store::postgres {

// The parameter array PQexecPrepared wants, built from bound values: every value travels as text (the
// server parses it with the type it inferred for that `$n`), nullptr as SQL NULL. Holds the decimal
// text of integers; strings are pointed to in place, so `values` must outlive this object.
class BoundParams {
public:
    explicit BoundParams(const std::vector<Value>& values);  // throws DatabaseError on a string with a NUL byte
    BoundParams(const BoundParams&) = delete;
    BoundParams& operator=(const BoundParams&) = delete;

    int count() const { return static_cast<int>(pointers_.size()); }
    const char* const* values() const { return pointers_.data(); }

private:
    std::vector<std::string> numbers_;
    std::vector<const char*> pointers_;
};

// Every row of a successful result. NULL becomes nullptr; integer, oid and boolean columns become int64
// (true is 1) so Row::int64/boolean work the same as on SQLite; everything else, numeric included (it may
// not fit an int64 and must not be rounded), is the server's text.
std::vector<Row> rows_from_result(const PGresult* result);

// The integer in the first cell, as RETURNING id gives it. Throws DatabaseError when that column is
// not an integer type (an `id` that is not a serial/identity column is a schema bug).
std::int64_t id_from_result(const PGresult* result);

// The decimal count in PQcmdTuples (0 for commands that report none).
std::int64_t affected_rows(PGresult* result);

}  // namespace comptoir::store::postgres
