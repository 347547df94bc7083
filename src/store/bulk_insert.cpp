#include "store/bulk_insert.hpp"

#include <algorithm>

namespace comptoir::store {
namespace {

constexpr std::size_t kChunk = 128;

std::string insert_sql(const std::string& table, const std::vector<std::string>& columns, std::size_t rows) {
    std::string one = "(";
    for (std::size_t i = 0; i < columns.size(); ++i) one += i ? ", ?" : "?";
    one += ")";
    std::string sql = "INSERT INTO " + table + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
    sql += ") VALUES ";
    for (std::size_t r = 0; r < rows; ++r) sql += (r ? ", " : "") + one;
    return sql;
}

}  // namespace

void insert_rows(Connection& conn, const std::string& table, const std::vector<std::string>& columns,
                 const std::vector<std::vector<Value>>& rows) {
    std::vector<Value> params;
    for (std::size_t start = 0; start < rows.size();) {
        // Chunks of 128, then powers of two for the rest: eight statement shapes cover any count, so the
        // prepared-statement cache stays small.
        std::size_t n = kChunk;
        while (n > rows.size() - start) n /= 2;
        params.clear();
        params.reserve(n * columns.size());
        for (std::size_t r = start; r < start + n; ++r) {
            if (rows[r].size() != columns.size()) throw DatabaseError("insert_rows: row width differs from columns");
            params.insert(params.end(), rows[r].begin(), rows[r].end());
        }
        conn.execute(insert_sql(table, columns, n), params);
        start += n;
    }
}

}  // namespace comptoir::store
