// Every parser must answer (a value or an issue with both messages) on any bytes, never throw.
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "core/legal/iban.hpp"
#include "core/legal/naf.hpp"
#include "core/legal/siren.hpp"
#include "core/legal/vat_number.hpp"
#include "core/text/utf8.hpp"

namespace comptoir {
namespace {

template <typename Parser>
void feed_random_bytes(Parser parse, std::string_view alphabet = {}) {
    std::mt19937 rng(1234);
    std::uniform_int_distribution<int> byte(0, 255), len(0, 40);
    for (int i = 0; i < 3000; ++i) {
        std::string s(static_cast<std::size_t>(len(rng)), '\0');
        for (char& c : s) {
            c = alphabet.empty() ? static_cast<char>(byte(rng)) : alphabet[static_cast<std::size_t>(byte(rng)) % alphabet.size()];
        }
        EXPECT_NO_THROW({
            const auto r = parse(s);
            if (!r) {
                EXPECT_FALSE(r.error().code.empty());
                EXPECT_FALSE(r.error().message_fr.empty());
                EXPECT_FALSE(r.error().message_en.empty());
                EXPECT_TRUE(is_valid_utf8(r.error().message_fr)) << r.error().code;
                EXPECT_TRUE(is_valid_utf8(r.error().message_en)) << r.error().code;
            }
        });
    }
}

constexpr std::string_view kIdentifierish = "0123456789 .-ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz\xC2\xA0\xFF";

TEST(LegalFuzz, SirenSurvivesRandomBytes) {
    feed_random_bytes(normalise_siren);
    feed_random_bytes(normalise_siren, kIdentifierish);
}
TEST(LegalFuzz, SiretSurvivesRandomBytes) {
    feed_random_bytes(normalise_siret);
    feed_random_bytes(normalise_siret, kIdentifierish);
}
TEST(LegalFuzz, VatNumberSurvivesRandomBytes) {
    feed_random_bytes(normalise_vat_number);
    feed_random_bytes(normalise_vat_number, kIdentifierish);
}
TEST(LegalFuzz, NafSurvivesRandomBytes) {
    feed_random_bytes(normalise_naf);
    feed_random_bytes(normalise_naf, kIdentifierish);
}
TEST(LegalFuzz, IbanSurvivesRandomBytes) {
    feed_random_bytes(normalise_iban);
    feed_random_bytes(normalise_iban, kIdentifierish);
}
TEST(LegalFuzz, BicSurvivesRandomBytes) {
    feed_random_bytes(normalise_bic);
    feed_random_bytes(normalise_bic, kIdentifierish);
}
TEST(LegalFuzz, FormattersSurviveRandomBytes) {
    feed_random_bytes([](const std::string& s) {
        (void)format_siren(s);
        (void)format_siret(s);
        (void)format_iban(s);
        (void)vat_number_for_siren(s);
        return normalise_siren("732829320");
    });
}

}  // namespace
}  // namespace comptoir
