// Where to go after logging in: only paths of this site, so a crafted link can't send a user who
// just typed their password to another site ("open redirect").
#pragma once

#include <string>
#include <string_view>

namespace comptoir::identity {

// `next` if it is a local path ("/clients?q=a"), "/" otherwise: it must start with "/" but not "//" or "/\",
// and contain no control characters or backslashes (browsers read "\" as "/").
std::string safe_next(std::string_view next);

}  // namespace comptoir::identity
