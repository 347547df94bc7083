#include "modules/identity/domain/password.hpp"

#include <gtest/gtest.h>

namespace comptoir::identity {
namespace {

TEST(Password, HashVerifiesTheSamePasswordOnly) {
    auto encoded = password::hash("correct horse battery");
    EXPECT_TRUE(encoded.starts_with("$argon2id$v=19$m=19456,t=6,p=1$"));
    EXPECT_TRUE(password::verify("correct horse battery", encoded));
    EXPECT_FALSE(password::verify("correct horse batterY", encoded));
    EXPECT_FALSE(password::verify("", encoded));
}

TEST(Password, SaltMakesEveryHashDifferent) {
    EXPECT_NE(password::hash("same password"), password::hash("same password"));
}

TEST(Password, MalformedHashNeverVerifies) {
    EXPECT_FALSE(password::verify("anything at all", ""));
    EXPECT_FALSE(password::verify("anything at all", "not a hash"));
    EXPECT_FALSE(password::verify("anything at all", "$argon2id$v=19$m=19456,t=6,p=1$garbage"));
    EXPECT_FALSE(password::verify("anything at all", "$argon2i$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA"));
    // A truncated hash of the right password.
    auto encoded = password::hash("anything at all");
    EXPECT_FALSE(password::verify("anything at all", encoded.substr(0, encoded.size() - 5)));
}

TEST(Password, PolicyRequiresTenCharactersAtLeast) {
    EXPECT_FALSE(password::check_policy("short"));
    EXPECT_EQ(password::check_policy("123456789").error().code, "password.too_short");
    EXPECT_TRUE(password::check_policy("1234567890"));
    // Characters, not bytes: "éééééééééé" is 10 characters (20 bytes).
    EXPECT_TRUE(password::check_policy("éééééééééé"));
    EXPECT_FALSE(password::check_policy("ééééééééé"));
}

TEST(Password, PolicyRefusesOverTwoHundredBytes) {
    EXPECT_TRUE(password::check_policy(std::string(200, 'a')));
    auto result = password::check_policy(std::string(201, 'a'));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, "password.too_long");
    EXPECT_NE(result.error().message_fr.find("200"), std::string::npos);
}

TEST(Password, OverlongPasswordNeverVerifies) {
    auto encoded = password::hash(std::string(200, 'a'));
    EXPECT_TRUE(password::verify(std::string(200, 'a'), encoded));
    EXPECT_FALSE(password::verify(std::string(201, 'a'), encoded));
}

TEST(Password, GeneratedPasswordsAreLongAndDistinct) {
    auto a = password::generate();
    EXPECT_GE(a.size(), 16u);
    EXPECT_TRUE(password::check_policy(a));
    EXPECT_NE(a, password::generate());
}

TEST(Password, RehashNeededOnlyForOtherParameters) {
    EXPECT_FALSE(password::needs_rehash(password::hash("some password")));
    EXPECT_TRUE(password::needs_rehash("$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA"));
}

}  // namespace
}  // namespace comptoir::identity
