#include "modules/crm/domain/payment_method.hpp"

#include <random>
#include <set>

#include <gtest/gtest.h>

namespace comptoir::crm {
namespace {

TEST(PaymentMethod, HasTheDocumentedCodes) {
    EXPECT_EQ(to_code(PaymentMethod::Transfer), "transfer");
    EXPECT_EQ(to_code(PaymentMethod::Card), "card");
    EXPECT_EQ(to_code(PaymentMethod::Cheque), "cheque");
    EXPECT_EQ(to_code(PaymentMethod::Cash), "cash");
    EXPECT_EQ(to_code(PaymentMethod::DirectDebit), "direct_debit");
    EXPECT_EQ(to_code(PaymentMethod::Other), "other");
}

TEST(PaymentMethod, RoundTripsEveryMethod) {
    std::set<std::string_view> codes;
    for (PaymentMethod m : kAllPaymentMethods) {
        EXPECT_EQ(parse_payment_method(to_code(m)).value(), m);
        codes.insert(to_code(m));
    }
    EXPECT_EQ(codes.size(), kAllPaymentMethods.size());
}

TEST(PaymentMethod, ParsesIgnoringCaseAndSpaces) {
    EXPECT_EQ(parse_payment_method(" Direct_Debit ").value(), PaymentMethod::DirectDebit);
    EXPECT_EQ(parse_payment_method("CHEQUE").value(), PaymentMethod::Cheque);
}

TEST(PaymentMethod, RefusesUnknownCodes) {
    for (const char* bad : {"", "virement", "check", "direct debit", "chèque", "\xFF"}) {
        const auto r = parse_payment_method(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, "payment_method.unknown");
        EXPECT_FALSE(r.error().message_fr.empty());
        EXPECT_FALSE(r.error().message_en.empty());
    }
}

TEST(PaymentMethod, HasFrenchAndEnglishLabels) {
    EXPECT_EQ(label_fr(PaymentMethod::Transfer), "Virement");
    EXPECT_EQ(label_fr(PaymentMethod::Card), "Carte bancaire");
    EXPECT_EQ(label_fr(PaymentMethod::Cheque), "Chèque");
    EXPECT_EQ(label_fr(PaymentMethod::Cash), "Espèces");
    EXPECT_EQ(label_fr(PaymentMethod::DirectDebit), "Prélèvement");
    EXPECT_EQ(label_fr(PaymentMethod::Other), "Autre");
    EXPECT_EQ(label_en(PaymentMethod::Transfer), "Bank transfer");
    EXPECT_EQ(label_en(PaymentMethod::DirectDebit), "Direct debit");
}

TEST(PaymentMethod, MapsToEn16931PaymentMeansCodes) {
    EXPECT_EQ(untdid_4461_code(PaymentMethod::Transfer), 30);
    EXPECT_EQ(untdid_4461_code(PaymentMethod::Card), 48);
    EXPECT_EQ(untdid_4461_code(PaymentMethod::Cheque), 20);
    EXPECT_EQ(untdid_4461_code(PaymentMethod::Cash), 10);
    EXPECT_EQ(untdid_4461_code(PaymentMethod::DirectDebit), 49);
    EXPECT_EQ(untdid_4461_code(PaymentMethod::Other), 1);
}

TEST(PaymentMethod, TreatsOutOfRangeValuesAsOther) {
    EXPECT_EQ(to_code(static_cast<PaymentMethod>(42)), "other");
}

TEST(PaymentMethod, SurvivesRandomBytes) {
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> byte(0, 255), len(0, 16);
    for (int i = 0; i < 2000; ++i) {
        std::string s(static_cast<std::size_t>(len(rng)), '\0');
        for (char& c : s) c = static_cast<char>(byte(rng));
        EXPECT_NO_THROW((void)parse_payment_method(s));
    }
}

}  // namespace
}  // namespace comptoir::crm
