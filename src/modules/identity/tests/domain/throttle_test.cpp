#include "modules/identity/domain/throttle.hpp"

#include <gtest/gtest.h>

namespace comptoir::identity {
namespace {

using namespace std::chrono_literals;

const TimePoint kNow = from_iso("2026-03-01T12:00:00Z");

std::vector<TimePoint> times(std::initializer_list<std::chrono::seconds> ago) {
    std::vector<TimePoint> out;
    for (auto a : ago) out.push_back(kNow - a);
    return out;
}

TEST(Throttle, AllowsUnderTheLimits) {
    ThrottlePolicy policy;
    EXPECT_FALSE(throttle_wait(policy, times({1min, 2min, 3min, 4min}), {}, kNow));
    EXPECT_FALSE(throttle_wait(policy, {}, std::vector<TimePoint>(19, kNow - 1min), kNow));
}

TEST(Throttle, BlocksTheSixthAttemptForAnEmailUntilTheOldestAgesOut) {
    ThrottlePolicy policy;
    auto wait = throttle_wait(policy, times({1min, 2min, 3min, 4min, 10min}), {}, kNow);
    ASSERT_TRUE(wait);
    EXPECT_EQ(*wait, 5min);  // the failure 10 minutes ago leaves the 15-minute window in 5 minutes
}

TEST(Throttle, BlocksAnAddressAfterTwentyFailures) {
    ThrottlePolicy policy;
    auto wait = throttle_wait(policy, {}, std::vector<TimePoint>(20, kNow - 1min), kNow);
    ASSERT_TRUE(wait);
    EXPECT_EQ(*wait, 14min);
}

TEST(Throttle, IgnoresFailuresOutsideTheWindow) {
    ThrottlePolicy policy;
    EXPECT_FALSE(throttle_wait(policy, times({15min, 16min, 20min, 1h, 2h, 1min}), {}, kNow));
}

TEST(Throttle, WithMoreFailuresThanTheLimitWaitsForEnoughToAgeOut) {
    ThrottlePolicy policy;
    // 7 failures: attempts resume when only 4 remain, i.e. when the 3rd oldest (8 min ago) leaves.
    auto wait = throttle_wait(policy, times({1min, 2min, 3min, 4min, 8min, 9min, 10min}), {}, kNow);
    ASSERT_TRUE(wait);
    EXPECT_EQ(*wait, 7min);
}

TEST(Throttle, MessageGivesTheWaitInWholeMinutes) {
    auto e = throttled_error(61s);
    EXPECT_EQ(e.kind, ErrorKind::TooMany);
    EXPECT_NE(e.message_fr.find("2 minutes"), std::string::npos);
    EXPECT_NE(throttled_error(30s).message_fr.find("1 minute."), std::string::npos);
    EXPECT_NE(throttled_error(15min).message_en.find("15 minutes"), std::string::npos);
}

}  // namespace
}  // namespace comptoir::identity
