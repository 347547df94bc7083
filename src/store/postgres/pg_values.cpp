#include "store/postgres/pg_values.hpp"

#include <charconv>
#include <cstring>

namespace comptoir::store::postgres {
namespace {

// Built-in type OIDs (catalog/pg_type_d.h is a server header, not shipped with libpq): stable forever.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;

std::int64_t parse_int64(const char* text, int length) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text, text + length, value);
    if (error != std::errc() || end != text + length)
        throw DatabaseError("PostgreSQL returned a malformed integer column");
    return value;
}

enum class ColumnKind { Integer, Boolean, Text };

ColumnKind kind_of(Oid type) {
    switch (type) {
        case kInt2Oid:
        case kInt4Oid:
        case kInt8Oid:
        case kOidOid: return ColumnKind::Integer;
        case kBoolOid: return ColumnKind::Boolean;
        default: return ColumnKind::Text;
    }
}

}  // namespace

BoundParams::BoundParams(const std::vector<Value>& values) {
    // Sized up front so the pointers into numbers_ stay valid while it fills.
    numbers_.reserve(values.size());
    pointers_.reserve(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const Value& value = values[i];
        if (std::holds_alternative<std::nullptr_t>(value)) {
            pointers_.push_back(nullptr);
        } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
            numbers_.push_back(std::to_string(*number));
            pointers_.push_back(numbers_.back().c_str());
        } else {
            const auto& text = std::get<std::string>(value);
            // Text goes as a C string: an embedded NUL would silently cut it (and PostgreSQL text cannot
            // hold one anyway). Refuse rather than store a truncated value; the message names no content.
            if (text.find('\0') != std::string::npos)
                throw DatabaseError("parameter " + std::to_string(i + 1) + " contains a NUL byte");
            pointers_.push_back(text.c_str());
        }
    }
}

std::vector<Row> rows_from_result(const PGresult* result) {
    const int row_count = PQntuples(result);
    const int column_count = PQnfields(result);
    std::vector<ColumnKind> kinds(static_cast<std::size_t>(column_count));
    for (int c = 0; c < column_count; ++c) kinds[static_cast<std::size_t>(c)] = kind_of(PQftype(result, c));

    std::vector<Row> rows;
    rows.reserve(static_cast<std::size_t>(row_count));
    for (int r = 0; r < row_count; ++r) {
        std::vector<Value> values;
        values.reserve(static_cast<std::size_t>(column_count));
        for (int c = 0; c < column_count; ++c) {
            if (PQgetisnull(result, r, c)) {
                values.emplace_back(nullptr);
                continue;
            }
            const char* text = PQgetvalue(result, r, c);
            const int length = PQgetlength(result, r, c);
            switch (kinds[static_cast<std::size_t>(c)]) {
                case ColumnKind::Integer: values.emplace_back(parse_int64(text, length)); break;
                case ColumnKind::Boolean: values.emplace_back(std::int64_t{text[0] == 't' ? 1 : 0}); break;
                case ColumnKind::Text: values.emplace_back(std::string(text, static_cast<std::size_t>(length))); break;
            }
        }
        rows.emplace_back(std::move(values));
    }
    return rows;
}

std::int64_t id_from_result(const PGresult* result) {
    if (kind_of(PQftype(result, 0)) != ColumnKind::Integer)
        throw DatabaseError("insert: the id column is not an integer");
    return parse_int64(PQgetvalue(result, 0, 0), PQgetlength(result, 0, 0));
}

std::int64_t affected_rows(PGresult* result) {
    const char* text = PQcmdTuples(result);
    const auto length = static_cast<int>(std::strlen(text));
    return length == 0 ? 0 : parse_int64(text, length);
}

}  // namespace comptoir::store::postgres
