#include "core/text/search_text.hpp"

#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/text/utf8.hpp"

namespace comptoir {
namespace {

using Tokens = std::vector<std::string>;

TEST(Fold, LowercasesAscii) { EXPECT_EQ(fold("DUPONT Et Fils"), "dupont et fils"); }

TEST(Fold, StripsFrenchAccents) {
    EXPECT_EQ(fold("Éléonore Bérénice Çà Où Île Noël Ça"), "eleonore berenice ca ou ile noel ca");
    EXPECT_EQ(fold("àâäéèêëîïôöùûüÿç"), "aaaeeeeiioouuuyc");
    EXPECT_EQ(fold("ÀÂÄÉÈÊËÎÏÔÖÙÛÜŸÇ"), "aaaeeeeiioouuuyc");
}

TEST(Fold, SpellsOutLigaturesAndSharpS) {
    EXPECT_EQ(fold("Œuvre Cœur"), "oeuvre coeur");
    EXPECT_EQ(fold("Æsop ex æquo"), "aesop ex aequo");
    EXPECT_EQ(fold("Straße GROẞ"), "strasse gross");
    EXPECT_EQ(fold("ﬁnance ﬂeur"), "finance fleur");
}

TEST(Fold, SpellsOutLettersWithoutDecomposition) {
    EXPECT_EQ(fold("Søren Łódź Đorđe"), "soren lodz dorde");
    EXPECT_EQ(fold("Þór Iğdır"), "thor igdir");
}

TEST(Fold, TurnsApostrophesAndPunctuationIntoSpaces) {
    EXPECT_EQ(fold("L'Épi d'Or"), "l epi d or");
    EXPECT_EQ(fold("L’Épi d’Or"), "l epi d or");
    EXPECT_EQ(fold("Lʼépi"), "l epi");
    EXPECT_EQ(fold("Martin-Dupont & Fils, S.A.R.L."), "martin dupont fils s a r l");
    EXPECT_EQ(fold("« Chez Paul » — le bistrot…"), "chez paul le bistrot");
    EXPECT_EQ(fold("prix: 10€ (TTC)"), "prix 10 ttc");
}

TEST(Fold, CollapsesAndTrimsWhitespaceOfAnyKind) {
    EXPECT_EQ(fold("  Jean \t\n  Dupont  "), "jean dupont");
    EXPECT_EQ(fold("Jean\u00A0Dupont\u202FSA\u2009X"), "jean dupont sa x");
    EXPECT_EQ(fold("\u3000Jean\u3000"), "jean");
}

TEST(Fold, DropsCombiningMarksTypedSeparately) {
    EXPECT_EQ(fold("Cafe\u0301 Noe\u0308l"), "cafe noel");  // decomposed input (macOS file names)
    EXPECT_EQ(fold("e\u0301\u0327"), "e");
}

TEST(Fold, DropsFormatCharactersInsideWords) {
    EXPECT_EQ(fold("Boulan\u00ADgerie"), "boulangerie");  // soft hyphen
    EXPECT_EQ(fold("ab\u200Dcd"), "abcd");               // zero-width joiner
}

TEST(Fold, NormalisesCompatibilityForms) {
    EXPECT_EQ(fold("ＡＢＣ１２３"), "abc123");  // full-width
    EXPECT_EQ(fold("m²"), "m2");
    EXPECT_EQ(fold("Ⅻ"), "xii");
}

TEST(Fold, KeepsDigitsAndOtherScripts) {
    EXPECT_EQ(fold("Rue 12 bis"), "rue 12 bis");
    EXPECT_EQ(fold("ΑΘΗΝΑ Ωμέγα"), "αθηνα ωμεγα");
    EXPECT_EQ(fold("Москва"), "москва");
    EXPECT_EQ(fold("東京"), "東京");
}

TEST(Fold, ReturnsEmptyForEmptyOrPunctuationOnly) {
    EXPECT_EQ(fold(""), "");
    EXPECT_EQ(fold("   "), "");
    EXPECT_EQ(fold("'-.,;!?"), "");
}

TEST(Fold, TreatsMalformedUtf8AsSeparator) {
    EXPECT_EQ(fold("abc\xFF" "def"), "abc def");
    EXPECT_EQ(fold("\xC3"), "");
    EXPECT_EQ(fold("caf\xC3\xA9\xE2\x82"), "cafe");
    EXPECT_EQ(fold("\xED\xA0\x80x"), "x");  // encoded surrogate
}

TEST(Fold, IsIdempotent) {
    for (const char* s : {"Boulangerie L'Épi d'Or", "Straße Œuvre", "ＡＢＣ m² Søren", "Ωμέγα"}) {
        const std::string once = fold(s);
        EXPECT_EQ(fold(once), once) << s;
    }
}

TEST(Fold, OutputIsAlwaysValidUtf8) {
    EXPECT_TRUE(is_valid_utf8(fold("\xF0\x9F\x98\x80 emoji \xF4\x90\x80\x80 bad")));
}

TEST(Fold, GivesSameResultFromManyThreads) {
    const std::string expected = fold("Société Générale d'Île-de-France — Œuvre");
    std::vector<std::thread> threads;
    std::vector<int> ok(8, 0);
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            int good = 1;
            for (int i = 0; i < 2000; ++i) {
                good &= fold("Société Générale d'Île-de-France — Œuvre") == expected;
            }
            ok[t] = good;
        });
    }
    for (auto& th : threads) th.join();
    for (int v : ok) EXPECT_EQ(v, 1);
}

TEST(SearchTokens, SplitsTheSpecExample) {
    EXPECT_EQ(search_tokens("Boulangerie L'Épi d'Or"), (Tokens{"boulangerie", "l", "epi", "d", "or"}));
}

TEST(SearchTokens, KeepsOneLetterTokens) {
    EXPECT_EQ(search_tokens("J. Dupont"), (Tokens{"j", "dupont"}));
}

TEST(SearchTokens, DeduplicatesKeepingFirstOccurrenceOrder) {
    EXPECT_EQ(search_tokens("Dupont et Dupond et DUPONT"), (Tokens{"dupont", "et", "dupond"}));
    EXPECT_EQ(search_tokens("Élise elise ÉLISE"), (Tokens{"elise"}));
}

TEST(SearchTokens, DeduplicatesLongTexts) {
    std::string text;
    for (int i = 0; i < 200; ++i) text += "mot" + std::to_string(i % 50) + " ";
    const Tokens tokens = search_tokens(text);
    ASSERT_EQ(tokens.size(), 50u);
    EXPECT_EQ(tokens.front(), "mot0");
    EXPECT_EQ(tokens.back(), "mot49");
}

TEST(SearchTokens, ReturnsNothingForBlankInput) {
    EXPECT_TRUE(search_tokens("").empty());
    EXPECT_TRUE(search_tokens(" ' - ").empty());
}

TEST(SearchTokens, SurvivesRandomBytes) {
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> byte(0, 255), len(0, 64);
    for (int i = 0; i < 5000; ++i) {
        std::string s(static_cast<std::size_t>(len(rng)), '\0');
        for (char& c : s) c = static_cast<char>(byte(rng));
        std::string folded;
        EXPECT_NO_THROW(folded = fold(s));
        EXPECT_TRUE(is_valid_utf8(folded));
        EXPECT_NO_THROW(search_tokens(s));
    }
}

}  // namespace
}  // namespace comptoir
