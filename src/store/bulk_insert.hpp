// Multi-row INSERT for bulk writes (imports, index rows): one statement per chunk of rows instead of
// one per row. Table and column names are the caller's literals; values are always bound.
#pragma once

#include <string>
#include <vector>

#include "store/database.hpp"

namespace comptoir::store {

// Inserts `rows` (each with one value per column) into `table`. Rows go in chunks of up to 128, so
// the statement text (and its prepared form) is one of a few shapes whatever the number of rows.
void insert_rows(Connection& conn, const std::string& table, const std::vector<std::string>& columns,
                 const std::vector<std::vector<Value>>& rows);

}  // namespace comptoir::store
