#include "core/error.hpp"

namespace comptoir {

Error Error::invalid(std::vector<FieldIssue> issues) {
    Error e{ErrorKind::Invalid, "invalid", "Certains champs sont incorrects.", "Some fields are invalid.", std::move(issues)};
    if (e.fields.size() == 1) {
        e.message_fr = e.fields[0].message_fr;
        e.message_en = e.fields[0].message_en;
    }
    return e;
}

Error Error::invalid_field(std::string field, std::string code, std::string fr, std::string en) {
    return invalid({FieldIssue{std::move(field), std::move(code), std::move(fr), std::move(en)}});
}

Error Error::not_found(std::string what_fr, std::string what_en) {
    return {ErrorKind::NotFound, "not_found", std::move(what_fr), std::move(what_en), {}};
}

Error Error::conflict(std::string code, std::string fr, std::string en) {
    return {ErrorKind::Conflict, std::move(code), std::move(fr), std::move(en), {}};
}

Error Error::forbidden() {
    return {ErrorKind::Forbidden, "forbidden", "Votre rôle ne permet pas cette action.",
            "Your role does not allow this action.", {}};
}

Error Error::unauthorized() {
    return {ErrorKind::Unauthorized, "unauthorized", "Veuillez vous connecter.", "Please log in.", {}};
}

Error Error::too_many(std::string fr, std::string en) {
    return {ErrorKind::TooMany, "too_many_requests", std::move(fr), std::move(en), {}};
}

Error Error::internal(std::string code) {
    return {ErrorKind::Internal, std::move(code), "Une erreur interne est survenue.", "An internal error occurred.", {}};
}

}  // namespace comptoir
