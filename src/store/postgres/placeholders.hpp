// Rewrites the portable `?` placeholders repositories write into PostgreSQL's numbered `$1, $2...`.
//
// Exposed on its own so it can be unit-tested without a server.
#pragma once

#include <string>
#include <string_view>

namespace comptoir::store::postgres {

struct NumberedSql {
    std::string text;             // the statement with `$n` in place of each `?`
    int parameter_count = 0;      // how many `?` were rewritten, i.e. how many values the statement takes
};

// Replaces every `?` that stands for a value by `$1`, `$2`... in order. A `?` inside a single-quoted
// string (including E'...' with backslash escapes), a double-quoted identifier, a dollar-quoted string,
// a `--` line comment or a `/* */` block comment is text, not a placeholder, and is left alone.
NumberedSql rewrite_placeholders(std::string_view sql);

}  // namespace comptoir::store::postgres
