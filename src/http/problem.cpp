#include "http/problem.hpp"

namespace comptoir::http {

int status_for(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Invalid: return 422;
        case ErrorKind::NotFound: return 404;
        case ErrorKind::Conflict:
        case ErrorKind::Duplicate: return 409;
        case ErrorKind::Forbidden: return 403;
        case ErrorKind::Unauthorized: return 401;
        case ErrorKind::TooMany: return 429;
        case ErrorKind::Internal: return 500;
    }
    return 500;
}

nlohmann::json problem_json(const Error& error) {
    nlohmann::json body = {
        {"type", "urn:comptoir:problem:" + error.code},
        {"title", error.message_en},
        {"status", status_for(error.kind)},
        {"detail", error.message_en},
        {"detail_fr", error.message_fr},
        {"code", error.code},
    };
    if (!error.fields.empty()) {
        auto& errors = body["errors"] = nlohmann::json::array();
        for (const auto& f : error.fields)
            errors.push_back({{"field", f.field}, {"code", f.code}, {"message", f.message_en}, {"message_fr", f.message_fr}});
    }
    if (!error.extension_json.empty()) {
        auto extension = nlohmann::json::parse(error.extension_json, nullptr, false);
        if (extension.is_object())
            for (auto it = extension.begin(); it != extension.end(); ++it) body[it.key()] = it.value();
    }
    return body;
}

}  // namespace comptoir::http
