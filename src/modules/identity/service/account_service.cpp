#include "modules/identity/service/account_service.hpp"

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/identity/domain/password.hpp"
#include "modules/identity/domain/throttle.hpp"
#include "modules/identity/domain/user_rules.hpp"
#include "modules/identity/service/transaction.hpp"
#include "modules/identity/service/user_audit.hpp"
#include "modules/identity/storage/login_failure_store.hpp"
#include "modules/identity/storage/session_store.hpp"
#include "modules/identity/storage/user_store.hpp"

namespace comptoir::identity {
namespace {

Error invitation_invalid() {
    return Error::not_found("Ce lien d'invitation n'est pas valide ou a expiré. Demandez un nouveau lien à votre administrateur.",
                            "This invitation link is invalid or has expired. Ask your administrator for a new one.");
}

Actor actor_of(const User& u) { return Actor{u.company_id, u.id, u.role, u.locale, u.name, u.email}; }

}  // namespace

std::vector<FieldIssue> new_password_issues(const std::string& password, const std::string& confirmation,
                                            const std::string& field, const std::string& confirmation_field) {
    std::vector<FieldIssue> issues;
    if (auto ok = password::check_policy(password); !ok) issues.push_back(with_field(ok.error(), field));
    else if (password != confirmation)
        issues.push_back({confirmation_field, "password.mismatch", "Les deux mots de passe ne sont pas identiques.",
                          "The two passwords do not match."});
    return issues;
}

Result<User> AccountService::update_settings(const Actor& actor, const SettingsInput& input) {
    std::vector<FieldIssue> issues;
    auto name = normalise_person_name(input.name);
    if (!name) issues.push_back(with_field(name.error(), "name"));
    auto locale = check_locale(input.locale);
    if (!locale) issues.push_back(with_field(locale.error(), "locale"));
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));

    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<User> {
        auto before = storage::find_user(conn, actor.company_id, actor.user_id);
        if (!before) return fail(Error::not_found("Utilisateur introuvable.", "User not found."));
        User after = *before;
        after.name = *name;
        after.locale = *locale;
        auto changes = audit::diff(audit_view(*before), audit_view(after));
        if (changes.empty()) return after;
        storage::update_user(conn, after);
        audit::record(conn, actor, "user", actor.user_id, "update", changes);
        return after;
    });
}

Result<void> AccountService::change_password(const Actor& actor, const PasswordChange& input,
                                             const std::string& current_session_hash) {
    auto credentials = read_transaction(db_, [&](store::Connection& conn) {
        return storage::find_credentials(conn, actor.company_id, actor.user_id);
    });
    if (!credentials) return fail(Error::not_found("Utilisateur introuvable.", "User not found."));

    // Guessing the current password from an open session is throttled like logins, under the same
    // key (the account's email): five wrong guesses lock both for the window.
    const ThrottlePolicy throttle;
    const TimePoint started = now();
    auto failures = read_transaction(db_, [&](store::Connection& conn) {
        return storage::failures_for_email(conn, credentials->user.email, to_iso(started - throttle.window));
    });
    std::vector<TimePoint> times;
    for (const auto& iso : failures) times.push_back(from_iso(iso));
    if (auto wait = throttle_wait(throttle, times, {}, started)) return fail(throttled_error(*wait));

    std::vector<FieldIssue> issues;
    // Hashing is slow on purpose: done outside any transaction, so it never holds the write lock.
    if (input.current.empty() || !password::verify(input.current, credentials->password_hash)) {
        issues.push_back({"current_password", "password.wrong", "Le mot de passe actuel est incorrect.",
                          "The current password is incorrect."});
        write_transaction(db_, [&](store::Connection& conn) {
            storage::record_failure(conn, credentials->user.email, "", now_iso());
        });
    }
    for (auto& issue : new_password_issues(input.next, input.confirmation, "new_password", "password_confirmation"))
        issues.push_back(std::move(issue));
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));

    std::string hash = password::hash(input.next);
    write_transaction(db_, [&](store::Connection& conn) {
        storage::set_password_hash(conn, actor.company_id, actor.user_id, hash);
        storage::delete_user_sessions(conn, actor.user_id, current_session_hash);
        audit::record(conn, actor, "user", actor.user_id, "password_change", nlohmann::json::object());
    });
    return {};
}

Result<User> AccountService::find_invitation(const std::string& token) {
    if (token.empty() || token.size() > 100) return fail(invitation_invalid());
    auto user = read_transaction(db_, [&](store::Connection& conn) {
        return storage::find_user_by_invitation(conn, sha256_hex(token));
    });
    if (!user || !user->active || user->invite_expires_at.empty() || user->invite_expires_at <= now_iso())
        return fail(invitation_invalid());
    return *user;
}

Result<User> AccountService::accept_invitation(const std::string& token, const std::string& password,
                                               const std::string& confirmation) {
    TRY_RESULT(invited, find_invitation(token));
    auto issues = new_password_issues(password, confirmation, "password", "password_confirmation");
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));

    std::string hash = password::hash(password);
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<User> {
        // Checked again inside the transaction: the link may have been used or renewed meanwhile.
        auto user = storage::find_user_by_invitation(conn, sha256_hex(token));
        if (!user || user->id != invited.id) return fail(invitation_invalid());
        storage::set_password_hash(conn, user->company_id, user->id, hash);
        audit::record(conn, actor_of(*user), "user", user->id, "accept_invitation", nlohmann::json::object());
        user->has_password = true;
        user->invite_expires_at.clear();
        return *user;
    });
}

}  // namespace comptoir::identity
