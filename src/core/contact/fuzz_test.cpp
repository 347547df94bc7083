// Every parser must answer (a value or an issue with both messages) on any bytes, never throw.
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "core/contact/email.hpp"
#include "core/contact/phone.hpp"
#include "core/text/utf8.hpp"

namespace comptoir {
namespace {

std::string random_string(std::mt19937& rng, std::string_view alphabet) {
    std::uniform_int_distribution<int> byte(0, 255), len(0, 48);
    std::string s(static_cast<std::size_t>(len(rng)), '\0');
    for (char& c : s) {
        c = alphabet.empty() ? static_cast<char>(byte(rng)) : alphabet[static_cast<std::size_t>(byte(rng)) % alphabet.size()];
    }
    return s;
}

template <typename T>
void expect_well_formed(const Checked<T>& r) {
    if (r) return;
    EXPECT_FALSE(r.error().code.empty());
    EXPECT_FALSE(r.error().message_fr.empty());
    EXPECT_FALSE(r.error().message_en.empty());
    EXPECT_TRUE(is_valid_utf8(r.error().message_fr));
    EXPECT_TRUE(is_valid_utf8(r.error().message_en));
}

TEST(ContactFuzz, PhoneFunctionsSurviveRandomBytes) {
    std::mt19937 rng(99);
    for (std::string_view alphabet : {std::string_view{}, std::string_view("0123456789 +.-()/x\xC2\xA0")}) {
        for (int i = 0; i < 3000; ++i) {
            const std::string s = random_string(rng, alphabet);
            EXPECT_NO_THROW({
                expect_well_formed(parse_phone(s));
                expect_well_formed(parse_phone(s, s));
                (void)format_phone(s);
                (void)phone_search_keys(s);
                (void)phone_index_terms(s);
            });
        }
    }
}

TEST(ContactFuzz, ParsedPhonesRoundTripThroughFormatAndIndex) {
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> digit(0, 9);
    int parsed = 0;
    for (int i = 0; i < 2000; ++i) {
        std::string s = "0";
        for (int k = 0; k < 9; ++k) s.push_back(static_cast<char>('0' + digit(rng)));
        const auto r = parse_phone(s);
        if (!r) continue;
        ++parsed;
        EXPECT_EQ(format_phone(r->e164), r->display);
        EXPECT_EQ(parse_phone(r->display)->e164, r->e164) << s;
        EXPECT_EQ(phone_index_terms(r->e164).front(), r->e164.substr(1));
    }
    EXPECT_GT(parsed, 100);
}

TEST(ContactFuzz, EmailSurvivesRandomBytes) {
    std::mt19937 rng(77);
    for (std::string_view alphabet : {std::string_view{}, std::string_view("ab.@-_ +\xC3\xA9\xFF")}) {
        for (int i = 0; i < 3000; ++i) {
            const std::string s = random_string(rng, alphabet);
            EXPECT_NO_THROW({
                const auto r = normalise_email(s);
                expect_well_formed(r);
                if (r) {
                    EXPECT_EQ(normalise_email(*r).value(), *r) << "normalising twice must not change anything";
                }
            });
        }
    }
}

}  // namespace
}  // namespace comptoir
