// The admin's user management: list, invite, edit role/name/status. Permission checks live here:
// every use case refuses a non-admin actor, whichever interface (page, API) called it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/identity/domain/model.hpp"
#include "store/database.hpp"

namespace comptoir::identity {

// Raw text from a form or the API; validated together so every wrong field is reported.
struct InviteInput {
    std::string email, name, role, locale = "fr";
};

struct Invitation {
    User user;
    std::string token;  // in clear, shown once: only its hash is stored
};

struct UserPatch {
    std::optional<std::string> name, role, locale;
    std::optional<bool> active;
};

struct UserPage {
    std::vector<User> users;
    std::optional<std::int64_t> next_after_id;  // set when more users follow
};

class UserService {
public:
    explicit UserService(store::Database& db) : db_(db) {}

    Result<UserPage> list(const Actor& actor, std::int64_t after_id, std::int64_t limit);
    Result<User> get(const Actor& actor, std::int64_t user_id);
    Result<Invitation> invite(const Actor& actor, const InviteInput& input);
    // A new link for a user who hasn't accepted yet; the previous link stops working.
    Result<Invitation> renew_invitation(const Actor& actor, std::int64_t user_id);
    Result<User> update(const Actor& actor, std::int64_t user_id, const UserPatch& patch);

private:
    store::Database& db_;
};

}  // namespace comptoir::identity
