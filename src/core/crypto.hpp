// Secrets and hashes: random tokens for sessions, CSRF and API keys; SHA-256 to store only their hashes.
#pragma once

#include <string>
#include <string_view>

namespace comptoir {

std::string random_token(std::size_t bytes = 32);  // URL-safe base64, from OpenSSL's CSPRNG
std::string sha256_hex(std::string_view data);
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace comptoir
