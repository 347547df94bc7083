// Setup use cases for the command line and the first start: a new company with its first admin,
// and users added directly with a password (no invitation). The caller is the operator of the
// server, not a user, so the audit log records these changes without a user.
#pragma once

#include "core/error.hpp"
#include "modules/identity/identity_module.hpp"
#include "store/database.hpp"

namespace comptoir::identity {

class SetupService {
public:
    explicit SetupService(store::Database& db) : db_(db) {}

    bool has_company();
    Result<InitResult> initialize(const InitInput& input);
    Result<AddUserResult> add_user(const AddUserInput& input);

private:
    store::Database& db_;
};

}  // namespace comptoir::identity
