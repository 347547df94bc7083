#include "modules/identity/identity_module.hpp"

#include "modules/identity/http/authenticator.hpp"
#include "modules/identity/http/routes.hpp"
#include "modules/identity/service/setup_service.hpp"

namespace comptoir::identity {

struct IdentityModule::Impl {
    Impl(store::Database& db, const std::string& data_dir)
        : users(db), accounts(db), sessions(db), company(db, data_dir), tokens(db), setup(db),
          authenticator(sessions, tokens), services{users, accounts, sessions, company, tokens} {}

    UserService users;
    AccountService accounts;
    SessionService sessions;
    CompanyService company;
    TokenService tokens;
    SetupService setup;
    IdentityAuthenticator authenticator;
    Services services;
};

IdentityModule::IdentityModule(store::Database& db, std::string data_dir)
    : impl_(std::make_unique<Impl>(db, data_dir)) {}

IdentityModule::~IdentityModule() = default;

CompanyService& IdentityModule::companies() { return impl_->company; }

http::Authenticator& IdentityModule::authenticator() { return impl_->authenticator; }

void IdentityModule::register_routes(http::WebServer& web) {
    auto& s = impl_->services;
    register_auth_pages(web, s);
    register_settings_pages(web, s);
    register_admin_user_pages(web, s);
    register_admin_company_pages(web, s);
    register_admin_token_pages(web, s);
    register_users_api(web, s);
    register_company_api(web, s);
}

bool IdentityModule::has_company() { return impl_->setup.has_company(); }
Result<InitResult> IdentityModule::initialize(const InitInput& input) { return impl_->setup.initialize(input); }
Result<AddUserResult> IdentityModule::add_user(const AddUserInput& input) { return impl_->setup.add_user(input); }

Result<std::string> IdentityModule::create_token(const std::string& user_email, const std::string& token_name) {
    return impl_->tokens.create_for_email(user_email, token_name);
}

}  // namespace comptoir::identity
