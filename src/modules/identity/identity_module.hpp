// Identity and access: companies (tenants) with their legal identity, users and roles, login sessions,
// CSRF tokens, login throttling, invitations and API tokens. Other modules see only the Actor it
// resolves and the few use cases below that the command line needs.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "http/web_server.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"

namespace comptoir::identity {

class CompanyService;

struct InitInput {
    std::string company_name;
    std::string admin_email;
    std::string admin_name;                     // defaults to the part of the email before '@'
    std::optional<std::string> admin_password;  // generated when absent
};

struct InitResult {
    std::int64_t company_id = 0;
    std::int64_t user_id = 0;
    std::string generated_password;  // empty when the caller gave one
};

struct AddUserInput {
    std::optional<std::int64_t> company_id;  // defaults to the only (first) company
    std::string email;
    std::string name;
    Role role = Role::Sales;
    std::optional<std::string> password;     // generated when absent
    std::string locale = "fr";
};

struct AddUserResult {
    std::int64_t user_id = 0;
    std::string generated_password;
};

class IdentityModule {
public:
    IdentityModule(store::Database& db, std::string data_dir);
    ~IdentityModule();

    static std::vector<store::Migration> migrations();

    http::Authenticator& authenticator();
    // The company's legal identity and logo, which documents print.
    CompanyService& companies();
    // Login/logout, admin pages (users, invitations, company identity, API tokens), personal settings,
    // and /api/v1/users, /api/v1/me; also the navigation entries these pages need.
    void register_routes(http::WebServer& web);

    bool has_company();
    Result<InitResult> initialize(const InitInput& input);
    Result<AddUserResult> add_user(const AddUserInput& input);
    // Prints nothing: returns the token in clear once; only its hash is stored.
    Result<std::string> create_token(const std::string& user_email, const std::string& token_name);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace comptoir::identity
