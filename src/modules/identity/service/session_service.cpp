#include "modules/identity/service/session_service.hpp"

#include <cctype>
#include <mutex>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "modules/identity/domain/password.hpp"
#include "modules/identity/domain/user_rules.hpp"
#include "modules/identity/service/transaction.hpp"
#include "modules/identity/storage/login_failure_store.hpp"
#include "modules/identity/storage/session_store.hpp"
#include "modules/identity/storage/user_store.hpp"

namespace comptoir::identity {
namespace {

constexpr std::size_t kMaxTokenLength = 200;

Error bad_credentials() {
    return Error{ErrorKind::Unauthorized, "login.failed", "Adresse e-mail ou mot de passe incorrect.",
                 "Incorrect email address or password.", {}, {}};
}

// A hash of a random password, verified when the email is unknown so that the answer takes as long
// as for a known email. Computed once, on first use.
const std::string& dummy_hash() {
    static std::once_flag once;
    static std::string hash;
    std::call_once(once, [] { hash = password::hash(random_token(16)); });
    return hash;
}

// The key failures are counted under: the normalised email, or for text that isn't one, a cleaned,
// bounded form of it (never stored with control characters, never longer than an email can be).
std::string login_key(const std::string& email) {
    if (auto normalised = normalise_email(email)) return *normalised;
    std::string key;
    for (unsigned char c : trim(email))
        if (c >= 0x20 && c != 0x7F && key.size() < 254) key.push_back(static_cast<char>(std::tolower(c)));
    return key;
}

std::vector<TimePoint> to_times(const std::vector<std::string>& isos) {
    std::vector<TimePoint> out;
    for (const auto& iso : isos) out.push_back(from_iso(iso));
    return out;
}

}  // namespace

Result<NewSession> SessionService::login(const LoginInput& input) {
    std::vector<FieldIssue> missing;
    if (trim(input.email).empty())
        missing.push_back({"email", "email.empty", "L'adresse e-mail est obligatoire.", "The email address is required."});
    if (input.password.empty())
        missing.push_back({"password", "password.empty", "Le mot de passe est obligatoire.", "The password is required."});
    if (!missing.empty()) return fail(Error::invalid(std::move(missing)));

    const std::string key = login_key(input.email);
    const TimePoint started = now();
    const std::string since = to_iso(started - throttle_.window);

    auto [by_email, by_ip] = read_transaction(db_, [&](store::Connection& conn) {
        return std::pair{storage::failures_for_email(conn, key, since), storage::failures_for_ip(conn, input.ip, since)};
    });
    // Throttled attempts are not recorded, so a locked-out user's wait doesn't grow while someone keeps trying.
    if (auto wait = throttle_wait(throttle_, to_times(by_email), to_times(by_ip), started)) return fail(throttled_error(*wait));

    auto credentials = read_transaction(db_, [&](store::Connection& conn) {
        return storage::find_credentials_by_email(conn, key);
    });
    bool known = credentials && !credentials->password_hash.empty();
    // The slow hash runs outside any transaction, and runs for unknown emails too (same time, same answer).
    bool verified = password::verify(input.password, known ? credentials->password_hash : dummy_hash());
    bool ok = known && verified && credentials->user.active;

    if (!ok) {
        write_transaction(db_, [&](store::Connection& conn) {
            auto at = now();
            storage::record_failure(conn, key, input.ip, to_iso(at));
            storage::purge_failures(conn, to_iso(at - std::chrono::hours(24)));
        });
        return fail(bad_credentials());
    }

    // Upgrade the stored hash when the hashing parameters have been raised since it was made.
    std::optional<std::string> rehashed;
    if (password::needs_rehash(credentials->password_hash)) rehashed = password::hash(input.password);

    NewSession session;
    write_transaction(db_, [&](store::Connection& conn) {
        storage::clear_failures(conn, key);
        if (rehashed) storage::set_password_hash(conn, credentials->user.company_id, credentials->user.id, *rehashed);
        session = create_session(conn, credentials->user, input.previous_token);
    });
    return session;
}

NewSession SessionService::start(const User& user, const std::string& previous_token) {
    NewSession session;
    write_transaction(db_, [&](store::Connection& conn) { session = create_session(conn, user, previous_token); });
    return session;
}

NewSession SessionService::create_session(store::Connection& conn, const User& user, const std::string& previous_token) {
    auto at = now();
    // The browser's previous session (another account, or a stale login) ends here.
    if (!previous_token.empty() && previous_token.size() <= kMaxTokenLength)
        storage::delete_session(conn, sha256_hex(previous_token));
    storage::purge_expired_sessions(conn, to_iso(at), to_iso(idle_cutoff(policy_, at)));
    NewSession session{random_token(32), random_token(32)};
    storage::insert_session(conn, {sha256_hex(session.token), user.id, user.company_id, session.csrf_token, to_iso(at),
                                   to_iso(absolute_expiry(policy_, at))});
    storage::set_last_login(conn, user.id, to_iso(at));
    return session;
}

std::optional<http::SessionInfo> SessionService::resolve(const std::string& token) {
    if (token.empty() || token.size() > kMaxTokenLength) return std::nullopt;
    const std::string hash = sha256_hex(token);
    const TimePoint at = now();
    auto row = read_transaction(db_, [&](store::Connection& conn) {
        return storage::find_live_session(conn, hash, to_iso(at), to_iso(idle_cutoff(policy_, at)));
    });
    if (!row) return std::nullopt;
    if (needs_touch(policy_, from_iso(row->last_seen_at), at))
        write_transaction(db_, [&](store::Connection& conn) { storage::touch_session(conn, hash, to_iso(at)); });
    return http::SessionInfo{row->actor, row->csrf_token};
}

void SessionService::logout(const std::string& token) {
    if (token.empty() || token.size() > kMaxTokenLength) return;
    write_transaction(db_, [&](store::Connection& conn) { storage::delete_session(conn, sha256_hex(token)); });
}

}  // namespace comptoir::identity
