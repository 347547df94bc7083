#include "modules/identity/domain/password.hpp"

#include <argon2.h>
#include <openssl/rand.h>

#include <semaphore>
#include <stdexcept>

#include "core/crypto.hpp"

namespace comptoir::identity::password {
namespace {

constexpr std::uint32_t kTimeCost = 6;
constexpr std::uint32_t kMemoryKib = 19456;
constexpr std::uint32_t kParallelism = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

// Each hash holds 19 MiB for ~50 ms; bounding concurrent hashes bounds the memory a burst of login
// attempts can take (32 server threads would otherwise need 600 MiB) and keeps other requests served.
std::counting_semaphore<4>& hashing_slots() {
    static std::counting_semaphore<4> slots(4);
    return slots;
}

struct SlotGuard {
    SlotGuard() { hashing_slots().acquire(); }
    ~SlotGuard() { hashing_slots().release(); }
    SlotGuard(const SlotGuard&) = delete;
    SlotGuard& operator=(const SlotGuard&) = delete;
};

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string current_prefix() {
    return "$argon2id$v=19$m=" + std::to_string(kMemoryKib) + ",t=" + std::to_string(kTimeCost) +
           ",p=" + std::to_string(kParallelism) + "$";
}

}  // namespace

Checked<std::string> check_policy(std::string_view password) {
    auto length = code_points(password);
    if (length < kMinLength)
        return reject("password.too_short",
                      "Le mot de passe doit contenir au moins " + std::to_string(kMinLength) + " caractères.",
                      "The password must be at least " + std::to_string(kMinLength) + " characters long.");
    if (password.size() > kMaxLength)
        return reject("password.too_long",
                      "Le mot de passe ne doit pas dépasser " + std::to_string(kMaxLength) + " caractères.",
                      "The password must not exceed " + std::to_string(kMaxLength) + " characters.");
    return std::string(password);
}

std::string hash(std::string_view password) {
    unsigned char salt[kSaltBytes];
    if (RAND_bytes(salt, sizeof salt) != 1) throw std::runtime_error("RAND_bytes failed");
    std::size_t encoded_length =
        argon2_encodedlen(kTimeCost, kMemoryKib, kParallelism, kSaltBytes, kHashBytes, Argon2_id);
    std::string encoded(encoded_length, '\0');
    SlotGuard slot;
    int rc = argon2id_hash_encoded(kTimeCost, kMemoryKib, kParallelism, password.data(), password.size(), salt,
                                   sizeof salt, kHashBytes, encoded.data(), encoded.size());
    if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2: ") + argon2_error_message(rc));
    encoded.resize(encoded.find('\0'));
    return encoded;
}

bool verify(std::string_view password, const std::string& encoded) {
    if (!encoded.starts_with("$argon2id$") || password.size() > kMaxLength) return false;
    SlotGuard slot;
    return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool needs_rehash(const std::string& encoded) { return !encoded.starts_with(current_prefix()); }

std::string generate() { return random_token(15); }

}  // namespace comptoir::identity::password
