#include "core/text/utf8.hpp"

#include <random>

#include <gtest/gtest.h>

namespace comptoir {
namespace {

TEST(Utf8, DecodesOneToFourByteSequences) {
    const std::string s = "a\u00E9\u20AC\U0001F600";
    std::size_t pos = 0;
    EXPECT_EQ(decode_utf8(s, pos), U'a');
    EXPECT_EQ(decode_utf8(s, pos), U'\u00E9');
    EXPECT_EQ(decode_utf8(s, pos), U'\u20AC');
    EXPECT_EQ(decode_utf8(s, pos), U'\U0001F600');
    EXPECT_EQ(pos, s.size());
}

TEST(Utf8, RejectsOverlongSurrogateAndTruncatedSequences) {
    for (std::string bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\x80",
                            "\xFF"}) {
        std::size_t pos = 0;
        EXPECT_EQ(decode_utf8(bad, pos), kInvalidCodePoint);
        EXPECT_EQ(pos, 1u) << "must advance by one byte";
        EXPECT_FALSE(is_valid_utf8(bad));
    }
}

TEST(Utf8, EncodesWhatItDecodes) {
    for (char32_t cp : {U'\0', U'A', U'\u00E9', U'\u0800', U'\uFFFD', U'\U00010000', U'\U0010FFFF'}) {
        std::string s;
        append_utf8(s, cp);
        std::size_t pos = 0;
        EXPECT_EQ(decode_utf8(s, pos), cp);
        EXPECT_EQ(pos, s.size());
    }
}

TEST(QuoteExcerpt, ReplacesMalformedBytesAndControls) {
    EXPECT_EQ(quote_excerpt("ab\xFF" "c\n"), "ab\uFFFDc?");
}

TEST(QuoteExcerpt, ShortensLongInput) {
    EXPECT_EQ(quote_excerpt("éééééé", 3), "ééé\u2026");
    EXPECT_EQ(quote_excerpt("ééé", 3), "ééé");
}

TEST(QuoteExcerpt, AlwaysProducesValidUtf8) {
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int i = 0; i < 2000; ++i) {
        std::string s(50, '\0');
        for (char& c : s) c = static_cast<char>(byte(rng));
        EXPECT_TRUE(is_valid_utf8(quote_excerpt(s)));
    }
}

}  // namespace
}  // namespace comptoir
