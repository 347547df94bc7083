// Password storage and policy: argon2id hashes in the PHC string format ("$argon2id$v=19$m=...").
//
// The parameters live inside each stored hash, so they can be raised later without invalidating
// existing passwords: `needs_rehash` tells the login use case to upgrade a hash after a successful check.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir::identity::password {

inline constexpr std::size_t kMinLength = 10;   // characters (UTF-8 code points)
inline constexpr std::size_t kMaxLength = 200;  // bounds the hashing work an attacker can ask for

// Checks the policy; the issue names no field (the caller knows which one it checked).
// Codes: password.too_short, password.too_long.
Checked<std::string> check_policy(std::string_view password);

// Hashes with argon2id (m = 19 MiB as OWASP recommends, t = 6, p = 1: about 50 ms on a 2-core server)
// and a fresh 16-byte random salt. Throws std::runtime_error only if libargon2 itself fails.
std::string hash(std::string_view password);

// True only when `encoded` is a well-formed argon2id hash of `password`. Malformed hashes are false.
bool verify(std::string_view password, const std::string& encoded);

// True when `encoded` was made with other parameters than `hash` uses today.
bool needs_rehash(const std::string& encoded);

// A random password of 20 URL-safe characters (120 bits), for accounts created without one.
std::string generate();

}  // namespace comptoir::identity::password
