#include "modules/crm/domain/accounting_code.hpp"

#include <random>

#include <gtest/gtest.h>

namespace comptoir::crm {
namespace {

TEST(AccountingRule, AcceptsTheDefaultRule) {
    EXPECT_EQ(parse_rule("411{NAME:5}{SEQ:3}").value().pattern, "411{NAME:5}{SEQ:3}");
    EXPECT_TRUE(parse_rule(AccountingCodeRule{}.pattern));
}

TEST(AccountingRule, CanonicalisesCaseAndSpaces) {
    EXPECT_EQ(parse_rule("411 {name:4} {seq:4}").value().pattern, "411{NAME:4}{SEQ:4}");
    EXPECT_EQ(parse_rule("411c{id:6}").value().pattern, "411C{ID:6}");
    EXPECT_EQ(parse_rule("411{ID}").value().pattern, "411{ID}");
}

TEST(AccountingRule, RequiresThe411Prefix) {
    EXPECT_EQ(parse_rule("401{NAME:5}{SEQ:3}").error().code, "accounting_rule.prefix");
    EXPECT_EQ(parse_rule("{NAME:5}411{SEQ:3}").error().code, "accounting_rule.prefix");
    EXPECT_EQ(parse_rule("C{SEQ:5}").error().code, "accounting_rule.prefix");
}

TEST(AccountingRule, RequiresANumberForUniqueness) {
    EXPECT_EQ(parse_rule("411{NAME:8}").error().code, "accounting_rule.not_unique");
    EXPECT_EQ(parse_rule("411DUPONT").error().code, "accounting_rule.not_unique");
}

TEST(AccountingRule, RefusesCodesLongerThanSeventeen) {
    const auto r = parse_rule("411{NAME:10}{SEQ:5}");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "accounting_rule.too_long");
    EXPECT_NE(r.error().message_fr.find("18"), std::string::npos);
    EXPECT_TRUE(parse_rule("411{NAME:9}{SEQ:5}"));
}

TEST(AccountingRule, RefusesMalformedTokens) {
    EXPECT_EQ(parse_rule("411{NAME:5}{SEQ:3").error().code, "accounting_rule.syntax");
    EXPECT_EQ(parse_rule("411{NAME}{SEQ:3}").error().code, "accounting_rule.syntax");
    EXPECT_EQ(parse_rule("411{NAME:0}{SEQ:3}").error().code, "accounting_rule.syntax");
    EXPECT_EQ(parse_rule("411{NAME:x}{SEQ:3}").error().code, "accounting_rule.syntax");
    EXPECT_EQ(parse_rule("411{NAME:15}{SEQ:1}").error().code, "accounting_rule.syntax");
    EXPECT_EQ(parse_rule("411{SEQ:3}{SEQ:3}").error().code, "accounting_rule.syntax");
    EXPECT_EQ(parse_rule("411{CITY:3}{SEQ:3}").error().code, "accounting_rule.unknown_token");
}

TEST(AccountingRule, RefusesCharactersOutsideAToZAndDigits) {
    EXPECT_EQ(parse_rule("411-{SEQ:3}").error().code, "accounting_rule.invalid_char");
    EXPECT_EQ(parse_rule("411É{SEQ:3}").error().code, "accounting_rule.invalid_char");
    EXPECT_EQ(parse_rule("411}{SEQ:3}").error().code, "accounting_rule.invalid_char");
    EXPECT_EQ(parse_rule("").error().code, "accounting_rule.empty");
}

TEST(AccountingCode, GeneratesWithTheDefaultRule) {
    const AccountingCodeRule rule;
    EXPECT_EQ(generate_code(rule, "Boulangerie L'Épi d'Or", 7), "411BOULA007");
    EXPECT_EQ(generate_code(rule, "Dupont", 12), "411DUPON012");
    EXPECT_EQ(generate_code(rule, "Œufs & Cie", 1), "411OEUFS001");
}

TEST(AccountingCode, SkipsLeadingLegalForms) {
    const AccountingCodeRule rule;
    EXPECT_EQ(generate_code(rule, "SARL Dupont", 1), "411DUPON001");
    EXPECT_EQ(generate_code(rule, "Société Générale", 2), "411GENER002");
    EXPECT_EQ(generate_code(rule, "Ets Martin", 3), "411MARTI003");
    EXPECT_EQ(generate_code(rule, "SAS", 4), "411SAS004");  // nothing else to use
}

TEST(AccountingCode, KeepsShortNamesShort) {
    EXPECT_EQ(generate_code({}, "Bo", 5), "411BO005");
    EXPECT_EQ(generate_code({}, "", 5), "411005");
    EXPECT_EQ(generate_code({}, "東京", 5), "411005");
}

TEST(AccountingCode, WidensTheSequenceRatherThanTruncatingIt) {
    EXPECT_EQ(generate_code({}, "Dupont", 1234), "411DUPON1234");
    EXPECT_EQ(generate_code({}, "Dupont", -3), "411DUPON000");
}

TEST(AccountingCode, ShortensTheNameWhenNumbersOverflow) {
    const AccountingCodeRule rule = parse_rule("411{NAME:9}{SEQ:5}").value();
    EXPECT_EQ(generate_code(rule, "Boulangerie", 42), "411BOULANGER00042");
    EXPECT_EQ(generate_code(rule, "Boulangerie", 1234567), "411BOULANG1234567");
    EXPECT_EQ(generate_code(rule, "Boulangerie", 1234567).size(), 17u);
}

TEST(AccountingCode, RendersClientIds) {
    EXPECT_EQ(generate_code(parse_rule("411{ID:6}").value(), "Dupont", 0, 42), "411000042");
    EXPECT_EQ(generate_code(parse_rule("411C{ID}").value(), "Dupont", 0, 42), "411C42");
}

TEST(AccountingCode, FallsBackToTheDefaultRuleForAnInvalidPattern) {
    EXPECT_EQ(generate_code(AccountingCodeRule{"garbage{"}, "Dupont", 1), "411DUPON001");
}

TEST(AccountingCode, GeneratedCodesPassNormalisation) {
    const AccountingCodeRule rule;
    for (const char* name : {"Boulangerie L'Épi d'Or", "Ça & Là", "", "Zoé", "12 Rue", "SARL"}) {
        const std::string code = generate_code(rule, name, 99);
        EXPECT_EQ(normalise_accounting_code(code).value(), code) << name;
    }
}

TEST(AccountingCode, NormalisesHandTypedCodes) {
    EXPECT_EQ(normalise_accounting_code("411dupon001").value(), "411DUPON001");
    EXPECT_EQ(normalise_accounting_code(" 411 DUPON 001 ").value(), "411DUPON001");
    EXPECT_EQ(normalise_accounting_code("411").value(), "411");
    EXPECT_EQ(normalise_accounting_code("41112345678901234").value(), "41112345678901234");
}

TEST(AccountingCode, RefusesBadHandTypedCodes) {
    EXPECT_EQ(normalise_accounting_code("").error().code, "accounting_code.empty");
    EXPECT_EQ(normalise_accounting_code("411-DUPONT").error().code, "accounting_code.invalid_char");
    EXPECT_EQ(normalise_accounting_code("411ÉLISE").error().code, "accounting_code.invalid_char");
    EXPECT_EQ(normalise_accounting_code("411123456789012345").error().code, "accounting_code.length");
    EXPECT_EQ(normalise_accounting_code("41").error().code, "accounting_code.length");
    EXPECT_EQ(normalise_accounting_code("401DUPONT").error().code, "accounting_code.prefix");
    EXPECT_EQ(normalise_accounting_code("CDUPONT").error().code, "accounting_code.prefix");
}

TEST(AccountingCode, SurvivesRandomBytes) {
    std::mt19937 rng(8);
    std::uniform_int_distribution<int> byte(0, 255), len(0, 30);
    for (int i = 0; i < 3000; ++i) {
        std::string s(static_cast<std::size_t>(len(rng)), '\0');
        for (char& c : s) c = static_cast<char>(i % 2 ? byte(rng) : "411{}NAMESQID:0123 x"[byte(rng) % 20]);
        EXPECT_NO_THROW({
            (void)normalise_accounting_code(s);
            const auto rule = parse_rule(s);
            if (rule) {
                EXPECT_EQ(parse_rule(rule->pattern).value().pattern, rule->pattern);
            }
            const std::string code = generate_code(rule ? *rule : AccountingCodeRule{}, s, i, i);
            EXPECT_TRUE(normalise_accounting_code(code)) << code;
        });
    }
}

}  // namespace
}  // namespace comptoir::crm
