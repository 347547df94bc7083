#include "modules/identity/service/user_service.hpp"

#include "modules/audit/audit_log.hpp"
#include "modules/identity/domain/user_rules.hpp"
#include "modules/identity/service/transaction.hpp"
#include "modules/identity/service/user_audit.hpp"
#include "modules/identity/storage/session_store.hpp"
#include "modules/identity/storage/user_store.hpp"

namespace comptoir::identity {
namespace {

Error user_not_found() { return Error::not_found("Utilisateur introuvable.", "User not found."); }

Error email_taken_error() {
    return Error::invalid_field("email", "email.taken", "Cette adresse e-mail est déjà utilisée par un compte.",
                                "This email address is already used by an account.");
}

}  // namespace

Result<UserPage> UserService::list(const Actor& actor, std::int64_t after_id, std::int64_t limit) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    return read_transaction(db_, [&](store::Connection& conn) {
        UserPage page;
        // One more than asked tells whether another page follows.
        page.users = storage::list_users(conn, actor.company_id, after_id, limit + 1);
        if (static_cast<std::int64_t>(page.users.size()) > limit) {
            page.users.resize(static_cast<std::size_t>(limit));
            page.next_after_id = page.users.back().id;
        }
        return page;
    });
}

Result<User> UserService::get(const Actor& actor, std::int64_t user_id) {
    if (!actor.is_admin() && actor.user_id != user_id) return fail(Error::forbidden());
    auto user = read_transaction(db_, [&](store::Connection& conn) {
        return storage::find_user(conn, actor.company_id, user_id);
    });
    if (!user) return fail(user_not_found());
    return *user;
}

Result<Invitation> UserService::invite(const Actor& actor, const InviteInput& input) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    std::vector<FieldIssue> issues;
    auto email = normalise_email(input.email);
    if (!email) issues.push_back(with_field(email.error(), "email"));
    // The name defaults to the email's local part; with no usable email, only the email is reported.
    auto name = normalise_person_name(input.name.empty() && email ? name_from_email(*email) : input.name);
    if (!name && (email || !input.name.empty())) issues.push_back(with_field(name.error(), "name"));
    auto role = parse_role(input.role);
    if (!role) issues.push_back(with_field(role.error(), "role"));
    auto locale = check_locale(input.locale.empty() ? "fr" : input.locale);
    if (!locale) issues.push_back(with_field(locale.error(), "locale"));
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));

    try {
        return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Invitation> {
            if (storage::email_taken(conn, *email)) return fail(email_taken_error());
            auto secret = new_invitation_secret();
            storage::NewUser row{actor.company_id, *email, *name, *role, *locale, std::nullopt, secret.token_hash,
                                 secret.expires_at, now_iso()};
            auto id = storage::insert_user(conn, row);
            auto user = storage::find_user(conn, actor.company_id, id);
            audit::record(conn, actor, "user", id, "invite", audit_view(*user));
            return Invitation{*user, secret.token};
        });
    } catch (const store::UniqueViolation&) {
        return fail(email_taken_error());  // two invitations of one email raced
    }
}

Result<Invitation> UserService::renew_invitation(const Actor& actor, std::int64_t user_id) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Invitation> {
        auto user = storage::find_user(conn, actor.company_id, user_id);
        if (!user) return fail(user_not_found());
        if (user->has_password)
            return fail(Error::conflict("user.already_joined", "Cet utilisateur a déjà choisi son mot de passe.",
                                        "This user has already set a password."));
        auto secret = new_invitation_secret();
        storage::set_invitation(conn, actor.company_id, user_id, secret.token_hash, secret.expires_at);
        user->invite_expires_at = secret.expires_at;
        audit::record(conn, actor, "user", user_id, "invite", {{"renewed", true}});
        return Invitation{*user, secret.token};
    });
}

Result<User> UserService::update(const Actor& actor, std::int64_t user_id, const UserPatch& patch) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    std::vector<FieldIssue> issues;
    std::optional<std::string> name, locale;
    std::optional<Role> role;
    if (patch.name) {
        if (auto v = normalise_person_name(*patch.name)) name = *v;
        else issues.push_back(with_field(v.error(), "name"));
    }
    if (patch.role) {
        if (auto v = parse_role(*patch.role)) role = *v;
        else issues.push_back(with_field(v.error(), "role"));
    }
    if (patch.locale) {
        if (auto v = check_locale(*patch.locale)) locale = *v;
        else issues.push_back(with_field(v.error(), "locale"));
    }
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));

    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<User> {
        storage::lock_company_users(conn, actor.company_id);
        // The actor's role was read before this transaction; another admin may have changed it since.
        auto me = storage::find_user(conn, actor.company_id, actor.user_id);
        if (!me || !me->active || me->role != Role::Admin) return fail(Error::forbidden());
        auto before = storage::find_user(conn, actor.company_id, user_id);
        if (!before) return fail(user_not_found());
        User after = *before;
        if (name) after.name = *name;
        if (role) after.role = *role;
        if (locale) after.locale = *locale;
        if (patch.active) after.active = *patch.active;

        bool loses_admin = before->role == Role::Admin && before->active &&
                           (after.role != Role::Admin || !after.active);
        std::vector<FieldIssue> refusals;
        if (user_id == actor.user_id && after.role != Role::Admin)
            refusals.push_back({"role", "user.self_demote", "Vous ne pouvez pas retirer votre propre rôle d'administrateur.",
                                "You cannot remove your own administrator role."});
        if (user_id == actor.user_id && !after.active)
            refusals.push_back({"active", "user.self_deactivate", "Vous ne pouvez pas désactiver votre propre compte.",
                                "You cannot deactivate your own account."});
        if (refusals.empty() && loses_admin && storage::count_active_admins(conn, actor.company_id) <= 1)
            refusals.push_back({after.role != Role::Admin ? "role" : "active", "user.last_admin",
                                "L'entreprise doit garder au moins un administrateur actif.",
                                "The company must keep at least one active administrator."});
        if (!refusals.empty()) return fail(Error::invalid(std::move(refusals)));

        auto changes = audit::diff(audit_view(*before), audit_view(after));
        if (changes.empty()) return after;
        storage::update_user(conn, after);
        // A deactivated user is logged out everywhere at once (sessions are refused anyway; this frees them).
        if (!after.active) storage::delete_user_sessions(conn, user_id);
        audit::record(conn, actor, "user", user_id, "update", changes);
        return after;
    });
}

}  // namespace comptoir::identity
