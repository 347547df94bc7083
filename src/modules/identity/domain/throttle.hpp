// Login throttling rules: after too many failures for one email or one IP address within a window,
// further attempts are refused (even with the right password) until enough failures have aged out.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace comptoir::identity {

struct ThrottlePolicy {
    int max_per_email = 5;
    int max_per_ip = 20;
    std::chrono::seconds window = std::chrono::minutes(15);
};

// Given the times of recent failures (any order) for the email and for the IP address, the time
// to wait before the next attempt is allowed, or nullopt when an attempt is allowed now.
std::optional<std::chrono::seconds> throttle_wait(const ThrottlePolicy& policy, std::vector<TimePoint> email_failures,
                                                  std::vector<TimePoint> ip_failures, TimePoint now);

// The 429 error, with the wait rounded up to whole minutes ("Réessayez dans 12 minutes.").
Error throttled_error(std::chrono::seconds wait);

}  // namespace comptoir::identity
