// The two lines every JSON endpoint ends with: send the rendered value, or the error as an RFC 9457
// problem; and the answer to an id in a path that is not one.
#pragma once

#include <utility>

#include "core/error.hpp"
#include "http/web_server.hpp"

namespace comptoir::http {

template <typename T, typename F>
void reply(ApiContext& ctx, const Result<T>& result, F&& render, int status = 200) {
    if (!result) return ctx.problem(result.error());
    ctx.send(std::forward<F>(render)(*result), status);
}

// A malformed id reads as a resource that does not exist, like an id of another company.
inline Error invalid_id() { return Error::not_found("Ressource introuvable.", "Resource not found."); }

}  // namespace comptoir::http
