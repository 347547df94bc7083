// The one place where a protocol-neutral Error becomes an HTTP status and an RFC 9457 problem body.
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace comptoir::http {

int status_for(ErrorKind kind);
// {type, title, status, detail, detail_fr, code, errors:[{field, code, message, message_fr}], ...extension}
nlohmann::json problem_json(const Error& error);

}  // namespace comptoir::http
