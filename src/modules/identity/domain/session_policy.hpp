// How long a login lasts: 12 hours without activity, 7 days at most, whatever the activity.
// The last-seen time is written at most once a minute, so busy pages don't turn every read into a write.
#pragma once

#include <chrono>

#include "core/clock.hpp"

namespace comptoir::identity {

struct SessionPolicy {
    std::chrono::seconds idle_timeout = std::chrono::hours(12);
    std::chrono::seconds absolute_timeout = std::chrono::hours(24 * 7);
    std::chrono::seconds touch_interval = std::chrono::minutes(1);
};

// Sessions last seen before this instant are expired for inactivity.
inline TimePoint idle_cutoff(const SessionPolicy& p, TimePoint now) { return now - p.idle_timeout; }
inline TimePoint absolute_expiry(const SessionPolicy& p, TimePoint created) { return created + p.absolute_timeout; }
inline bool needs_touch(const SessionPolicy& p, TimePoint last_seen, TimePoint now) {
    return now - last_seen >= p.touch_interval;
}

// API tokens record their last use with the same once-a-minute granularity.
inline constexpr std::chrono::seconds kTokenTouchInterval = std::chrono::minutes(1);
// Invitation links are valid for 7 days.
inline constexpr std::chrono::seconds kInvitationValidity = std::chrono::hours(24 * 7);

}  // namespace comptoir::identity
