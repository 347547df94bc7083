#include "modules/identity/service/setup_service.hpp"

#include "core/clock.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/identity/domain/company_rules.hpp"
#include "modules/identity/domain/password.hpp"
#include "modules/identity/domain/user_rules.hpp"
#include "modules/identity/service/transaction.hpp"
#include "modules/identity/service/user_audit.hpp"
#include "modules/identity/storage/company_store.hpp"
#include "modules/identity/storage/user_store.hpp"

namespace comptoir::identity {
namespace {

Error email_taken_error() {
    return Error::invalid_field("email", "email.taken", "Cette adresse e-mail est déjà utilisée par un compte.",
                                "This email address is already used by an account.");
}

// The operator acting on a company: no user id, so audit entries carry none.
Actor system_actor(std::int64_t company_id) { return Actor{company_id, 0, Role::Admin, "fr", "system", ""}; }

struct CheckedUser {
    std::string email, name, locale, password;
    bool generated = false;
};

Result<CheckedUser> check_user(const std::string& email_in, const std::string& name_in, const std::string& locale_in,
                               const std::optional<std::string>& password_in) {
    std::vector<FieldIssue> issues;
    CheckedUser out;
    auto email = normalise_email(email_in);
    if (!email) issues.push_back(with_field(email.error(), "email"));
    else out.email = *email;
    auto name = normalise_person_name(name_in.empty() && email ? name_from_email(*email) : name_in);
    if (!name && (email || !name_in.empty())) issues.push_back(with_field(name.error(), "name"));
    else out.name = *name;
    auto locale = check_locale(locale_in.empty() ? "fr" : locale_in);
    if (!locale) issues.push_back(with_field(locale.error(), "locale"));
    else out.locale = *locale;
    if (password_in) {
        if (auto ok = password::check_policy(*password_in); !ok) issues.push_back(with_field(ok.error(), "password"));
        else out.password = *password_in;
    } else {
        out.password = password::generate();
        out.generated = true;
    }
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    return out;
}

}  // namespace

bool SetupService::has_company() {
    return read_transaction(db_, [](store::Connection& conn) { return storage::first_company_id(conn); }).has_value();
}

Result<InitResult> SetupService::initialize(const InitInput& input) {
    CompanyForm form;
    form.name = input.company_name;
    auto company = validate_company(form);
    std::vector<FieldIssue> issues;
    if (!company)
        for (auto& issue : company.error().fields) issues.push_back(issue.field == "name" ? with_field(issue, "company_name") : issue);
    auto user = check_user(input.admin_email, input.admin_name, "fr", input.admin_password);
    if (!user) issues.insert(issues.end(), user.error().fields.begin(), user.error().fields.end());
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));

    std::string hash = password::hash(user->password);
    try {
        return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<InitResult> {
            if (storage::email_taken(conn, user->email)) return fail(email_taken_error());
            auto now = now_iso();
            auto company_id = storage::insert_company(conn, *company, now);
            storage::NewUser row{company_id, user->email, user->name, Role::Admin, user->locale, hash,
                                 std::nullopt, std::nullopt, now};
            auto user_id = storage::insert_user(conn, row);
            auto actor = system_actor(company_id);
            audit::record(conn, actor, "company", company_id, "create", {{"name", company->name}});
            audit::record(conn, actor, "user", user_id, "create",
                          audit_view(*storage::find_user(conn, company_id, user_id)));
            return InitResult{company_id, user_id, user->generated ? user->password : std::string()};
        });
    } catch (const store::UniqueViolation&) {
        return fail(email_taken_error());
    }
}

Result<AddUserResult> SetupService::add_user(const AddUserInput& input) {
    auto user = check_user(input.email, input.name, input.locale, input.password);
    if (!user) return fail(user.error());
    std::string hash = password::hash(user->password);
    try {
        return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<AddUserResult> {
            auto company_id = input.company_id ? input.company_id : storage::first_company_id(conn);
            if (!company_id || !storage::find_company(conn, *company_id))
                return fail(Error::not_found("Entreprise introuvable.", "Company not found."));
            if (storage::email_taken(conn, user->email)) return fail(email_taken_error());
            storage::NewUser row{*company_id, user->email, user->name, input.role, user->locale, hash,
                                 std::nullopt, std::nullopt, now_iso()};
            auto user_id = storage::insert_user(conn, row);
            audit::record(conn, system_actor(*company_id), "user", user_id, "create",
                          audit_view(*storage::find_user(conn, *company_id, user_id)));
            return AddUserResult{user_id, user->generated ? user->password : std::string()};
        });
    } catch (const store::UniqueViolation&) {
        return fail(email_taken_error());
    }
}

}  // namespace comptoir::identity
