#include "store/postgres/placeholders.hpp"

namespace comptoir::store::postgres {
namespace {

bool is_identifier_char(char c) {
    // Bytes >= 0x80 belong to UTF-8 identifiers, which PostgreSQL accepts unquoted.
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
}

bool is_tag_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// Index just past the quoted section that starts with the quote at `start` (or sql.size() when it is not
// closed: the server will report the error, it is not ours to diagnose). Doubling the quote escapes it.
std::size_t skip_quoted(std::string_view sql, std::size_t start, char quote, bool backslash_escapes) {
    std::size_t i = start + 1;
    while (i < sql.size()) {
        char c = sql[i];
        if (backslash_escapes && c == '\\') {
            i += 2;
        } else if (c == quote) {
            if (i + 1 < sql.size() && sql[i + 1] == quote) i += 2;
            else return i + 1;
        } else {
            ++i;
        }
    }
    return sql.size();
}

// PostgreSQL block comments nest, unlike C's.
std::size_t skip_block_comment(std::string_view sql, std::size_t start) {
    int depth = 0;
    std::size_t i = start;
    while (i + 1 < sql.size()) {
        if (sql[i] == '/' && sql[i + 1] == '*') {
            ++depth;
            i += 2;
        } else if (sql[i] == '*' && sql[i + 1] == '/') {
            i += 2;
            if (--depth == 0) return i;
        } else {
            ++i;
        }
    }
    return sql.size();
}

// A `$tag$` opener at `start`, if there is one there: returns the tag including both dollars, else "".
std::string_view dollar_tag_at(std::string_view sql, std::size_t start) {
    std::size_t i = start + 1;
    if (i < sql.size() && sql[i] != '$') {
        if (!is_tag_start(sql[i])) return {};  // `$1` is a parameter, not a quote
        while (i < sql.size() && is_identifier_char(sql[i]) && sql[i] != '$') ++i;
    }
    if (i >= sql.size() || sql[i] != '$') return {};
    return sql.substr(start, i - start + 1);
}

}  // namespace

NumberedSql rewrite_placeholders(std::string_view sql) {
    NumberedSql out;
    out.text.reserve(sql.size() + 16);
    std::size_t i = 0;
    while (i < sql.size()) {
        const char c = sql[i];
        const bool after_identifier = i > 0 && is_identifier_char(sql[i - 1]);
        std::size_t end = i;  // end of a verbatim section that starts at i, when one does
        if (c == '\'') {
            // E'...' strings honour backslash escapes, so E'\'?' must not end at the escaped quote.
            const bool escape_string = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                                       !(i > 1 && is_identifier_char(sql[i - 2]));
            end = skip_quoted(sql, i, '\'', escape_string);
        } else if (c == '"') {
            end = skip_quoted(sql, i, '"', false);
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            end = sql.find('\n', i);
            end = end == std::string_view::npos ? sql.size() : end;
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            end = skip_block_comment(sql, i);
        } else if (c == '$' && !after_identifier) {
            if (auto tag = dollar_tag_at(sql, i); !tag.empty()) {
                auto close = sql.find(tag, i + tag.size());
                end = close == std::string_view::npos ? sql.size() : close + tag.size();
            }
        } else if (c == '?') {
            out.text += '$';
            out.text += std::to_string(++out.parameter_count);
            ++i;
            continue;
        }
        if (end > i) {
            out.text.append(sql.substr(i, end - i));
            i = end;
        } else {
            out.text += c;
            ++i;
        }
    }
    return out;
}

}  // namespace comptoir::store::postgres
