#include "core/legal/naf.hpp"

#include <gtest/gtest.h>

namespace comptoir {
namespace {

TEST(Naf, AcceptsTheUsualSpellings) {
    EXPECT_EQ(normalise_naf("6201Z").value(), "62.01Z");
    EXPECT_EQ(normalise_naf("62.01Z").value(), "62.01Z");
    EXPECT_EQ(normalise_naf("62.01 z").value(), "62.01Z");
    EXPECT_EQ(normalise_naf(" 62 01 Z ").value(), "62.01Z");
    EXPECT_EQ(normalise_naf("10.71c").value(), "10.71C");
    EXPECT_EQ(normalise_naf("47.11-F").value(), "47.11F");
}

TEST(Naf, RefusesEmpty) { EXPECT_EQ(normalise_naf("").error().code, "naf.empty"); }

TEST(Naf, RefusesWrongShapesQuotingTheInput) {
    const auto r = normalise_naf("620Z");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "naf.format");
    EXPECT_NE(r.error().message_fr.find("« 620Z »"), std::string::npos);
    for (const char* bad : {"62011", "6201ZZ", "62.01", "ABCDE", "62.0lZ", "6201É", "62010Z"}) {
        EXPECT_FALSE(normalise_naf(bad)) << bad;
    }
}

}  // namespace
}  // namespace comptoir
