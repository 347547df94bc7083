#include "modules/identity/domain/throttle.hpp"

#include <algorithm>

namespace comptoir::identity {
namespace {

// Failures inside the window, oldest first; the attempt is blocked while at least `limit` remain, which
// lasts until the failure at position count - limit leaves the window.
std::optional<TimePoint> blocked_until(std::vector<TimePoint> failures, int limit, std::chrono::seconds window,
                                       TimePoint now) {
    std::erase_if(failures, [&](TimePoint t) { return t + window <= now; });
    if (static_cast<int>(failures.size()) < limit) return std::nullopt;
    std::sort(failures.begin(), failures.end());
    return failures[failures.size() - limit] + window;
}

}  // namespace

std::optional<std::chrono::seconds> throttle_wait(const ThrottlePolicy& policy, std::vector<TimePoint> email_failures,
                                                  std::vector<TimePoint> ip_failures, TimePoint now) {
    auto by_email = blocked_until(std::move(email_failures), policy.max_per_email, policy.window, now);
    auto by_ip = blocked_until(std::move(ip_failures), policy.max_per_ip, policy.window, now);
    if (!by_email && !by_ip) return std::nullopt;
    TimePoint until = std::max(by_email.value_or(now), by_ip.value_or(now));
    return std::max(std::chrono::seconds(1), std::chrono::duration_cast<std::chrono::seconds>(until - now));
}

Error throttled_error(std::chrono::seconds wait) {
    auto minutes = (wait.count() + 59) / 60;
    std::string n = std::to_string(minutes);
    return Error::too_many(
        "Trop de tentatives de connexion. Par sécurité, réessayez dans " + n + (minutes > 1 ? " minutes." : " minute."),
        "Too many login attempts. For security, try again in " + n + (minutes > 1 ? " minutes." : " minute."));
}

}  // namespace comptoir::identity
