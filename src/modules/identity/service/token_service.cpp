#include "modules/identity/service/token_service.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/identity/domain/session_policy.hpp"
#include "modules/identity/domain/user_rules.hpp"
#include "modules/identity/service/transaction.hpp"
#include "modules/identity/storage/token_store.hpp"
#include "modules/identity/storage/user_store.hpp"

namespace comptoir::identity {
namespace {

constexpr std::size_t kPrefixLength = 8;

Checked<std::string> check_token_name(const std::string& input) {
    std::string name = trim(input);
    if (name.empty())
        return reject("token_name.empty", "Donnez un nom au jeton (par exemple l'outil qui l'utilisera).",
                      "Give the token a name (for example the tool that will use it).");
    if (name.size() > 100 || std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20; }))
        return reject("token_name.format", "Le nom du jeton doit faire 100 caractères au plus, sans caractère de contrôle.",
                      "The token name must be at most 100 characters, without control characters.");
    return name;
}

Error token_not_found() { return Error::not_found("Jeton introuvable.", "Token not found."); }

}  // namespace

Result<std::vector<ApiToken>> TokenService::list(const Actor& actor) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    return read_transaction(db_, [&](store::Connection& conn) { return storage::list_tokens(conn, actor.company_id); });
}

CreatedToken TokenService::insert(store::Connection& conn, const Actor& actor, const std::string& name) {
    CreatedToken created;
    // The "cpt_" prefix lets secret scanners recognise a leaked Comptoir token.
    created.secret = "cpt_" + random_token(32);
    auto prefix = created.secret.substr(0, kPrefixLength);
    auto id = storage::insert_token(conn, {actor.company_id, actor.user_id, name, sha256_hex(created.secret), prefix,
                                           now_iso()});
    created.token = *storage::find_token(conn, actor.company_id, id);
    audit::record(conn, actor, "api_token", id, "create", {{"name", name}, {"prefix", prefix}, {"user_id", actor.user_id}});
    return created;
}

Result<CreatedToken> TokenService::create(const Actor& actor, const std::string& name) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    auto checked = check_token_name(name);
    if (!checked) return fail(Error::invalid({with_field(checked.error(), "name")}));
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<CreatedToken> {
        return insert(conn, actor, *checked);
    });
}

Result<ApiToken> TokenService::revoke(const Actor& actor, std::int64_t token_id) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<ApiToken> {
        auto token = storage::find_token(conn, actor.company_id, token_id);
        if (!token) return fail(token_not_found());
        if (token->revoked_at) return *token;  // revoking twice is harmless
        storage::revoke_token(conn, actor.company_id, token_id, now_iso());
        audit::record(conn, actor, "api_token", token_id, "revoke", {{"name", token->name}, {"prefix", token->prefix}});
        return *storage::find_token(conn, actor.company_id, token_id);
    });
}

std::optional<Actor> TokenService::resolve(const std::string& secret) {
    if (secret.empty() || secret.size() > 200) return std::nullopt;
    const std::string hash = sha256_hex(secret);
    auto found = read_transaction(db_, [&](store::Connection& conn) { return storage::find_live_token(conn, hash); });
    if (!found) return std::nullopt;
    auto at = now();
    if (!found->last_used_at || at - from_iso(*found->last_used_at) >= kTokenTouchInterval)
        write_transaction(db_, [&](store::Connection& conn) { storage::touch_token(conn, found->token_id, to_iso(at)); });
    return found->actor;
}

Result<std::string> TokenService::create_for_email(const std::string& email, const std::string& name) {
    auto key = normalise_email(email);
    if (!key) return fail(Error::invalid({with_field(key.error(), "email")}));
    auto checked = check_token_name(name);
    if (!checked) return fail(Error::invalid({with_field(checked.error(), "name")}));
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<std::string> {
        auto credentials = storage::find_credentials_by_email(conn, *key);
        if (!credentials || !credentials->user.active)
            return fail(Error::not_found("Aucun utilisateur actif avec cette adresse e-mail.",
                                         "No active user with this email address."));
        const auto& u = credentials->user;
        return insert(conn, Actor{u.company_id, u.id, u.role, u.locale, u.name, u.email}, *checked).secret;
    });
}

}  // namespace comptoir::identity
