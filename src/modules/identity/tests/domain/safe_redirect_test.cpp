#include "modules/identity/domain/safe_redirect.hpp"

#include <gtest/gtest.h>

namespace comptoir::identity {
namespace {

TEST(SafeNext, KeepsLocalPaths) {
    EXPECT_EQ(safe_next("/clients"), "/clients");
    EXPECT_EQ(safe_next("/clients?q=dupont&page=2"), "/clients?q=dupont&page=2");
}

TEST(SafeNext, RefusesEverythingElse) {
    for (const char* bad : {"", "clients", "//evil.example", "https://evil.example", "/\\evil.example",
                            "\\\\evil.example", "/\nSet-Cookie", "javascript:alert(1)"})
        EXPECT_EQ(safe_next(bad), "/") << bad;
}

}  // namespace
}  // namespace comptoir::identity
