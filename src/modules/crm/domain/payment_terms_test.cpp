#include "modules/crm/domain/payment_terms.hpp"

#include <random>

#include <gtest/gtest.h>

namespace comptoir::crm {
namespace {

using namespace std::chrono;

TEST(PaymentTerms, ParsesOnReceipt) {
    EXPECT_EQ(parse_payment_terms("on_receipt").value(), (PaymentTerms{0, false}));
    EXPECT_EQ(parse_payment_terms("0").value(), (PaymentTerms{0, false}));
    EXPECT_EQ(parse_payment_terms("0d").value(), (PaymentTerms{0, false}));
    EXPECT_EQ(parse_payment_terms(" ON_RECEIPT ").value(), (PaymentTerms{0, false}));
}

TEST(PaymentTerms, ParsesDaysAndEndOfMonth) {
    EXPECT_EQ(parse_payment_terms("30d").value(), (PaymentTerms{30, false}));
    EXPECT_EQ(parse_payment_terms("45d_eom").value(), (PaymentTerms{45, true}));
    EXPECT_EQ(parse_payment_terms("30D_EOM").value(), (PaymentTerms{30, true}));
    EXPECT_EQ(parse_payment_terms("60d").value(), (PaymentTerms{60, false}));
    EXPECT_EQ(parse_payment_terms("0d_eom").value(), (PaymentTerms{0, true}));
}

TEST(PaymentTerms, RefusesTermsBeyondTheLegalMaximumCitingTheLaw) {
    const auto r = parse_payment_terms("90d");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "payment_terms.too_long");
    EXPECT_NE(r.error().message_fr.find("L441-10"), std::string::npos);
    EXPECT_EQ(parse_payment_terms("61d").error().code, "payment_terms.too_long");
    EXPECT_EQ(parse_payment_terms("46d_eom").error().code, "payment_terms.too_long");
    EXPECT_EQ(parse_payment_terms("60d_eom").error().code, "payment_terms.too_long");
    EXPECT_EQ(parse_payment_terms("9999d").error().code, "payment_terms.too_long");
}

TEST(PaymentTerms, RefusesMalformedCodes) {
    for (const char* bad : {"30", "30 jours", "d", "-30d", "30d_eo", "30days", "eom", "30d eom", "99999d", "3O d"}) {
        const auto r = parse_payment_terms(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, "payment_terms.invalid") << bad;
    }
    EXPECT_EQ(parse_payment_terms("").error().code, "payment_terms.empty");
    EXPECT_EQ(parse_payment_terms("  ").error().code, "payment_terms.empty");
}

TEST(PaymentTerms, ChecksTermsBuiltInCode) {
    EXPECT_TRUE(check_payment_terms({45, true}));
    EXPECT_EQ(check_payment_terms({-1, false}).error().code, "payment_terms.invalid");
    EXPECT_EQ(check_payment_terms({61, false}).error().code, "payment_terms.too_long");
}

TEST(PaymentTerms, RoundTripsThroughCodes) {
    for (const auto& t : common_payment_terms()) {
        EXPECT_EQ(parse_payment_terms(to_code(t)).value(), t) << to_code(t);
    }
    EXPECT_EQ(to_code({0, false}), "on_receipt");
    EXPECT_EQ(to_code({45, true}), "45d_eom");
    EXPECT_EQ(to_code({30, false}), "30d");
    EXPECT_EQ(to_code({0, true}), "0d_eom");
}

TEST(PaymentTerms, LabelsInFrenchAndEnglish) {
    EXPECT_EQ(label_fr({0, false}), "À réception");
    EXPECT_EQ(label_fr({30, false}), "30 jours");
    EXPECT_EQ(label_fr({45, true}), "45 jours fin de mois");
    EXPECT_EQ(label_fr({1, false}), "1 jour");
    EXPECT_EQ(label_fr({0, true}), "Fin de mois");
    EXPECT_EQ(label_en({0, false}), "On receipt");
    EXPECT_EQ(label_en({30, false}), "30 days");
    EXPECT_EQ(label_en({45, true}), "45 days end of month");
    EXPECT_EQ(label_en({1, false}), "1 day");
}

TEST(PaymentTerms, OffersTheCommonChoicesInOrder) {
    const std::vector<PaymentTerms> expected{{0, false}, {15, false}, {30, false}, {30, true},
                                             {45, false}, {45, true}, {60, false}};
    EXPECT_EQ(common_payment_terms(), expected);
    for (const auto& t : common_payment_terms()) EXPECT_TRUE(check_payment_terms(t));
}

TEST(DueDate, AddsCalendarDays) {
    EXPECT_EQ(due_date(2024y / January / 15, {30, false}), 2024y / February / 14);
    EXPECT_EQ(due_date(2024y / December / 15, {30, false}), 2025y / January / 14);
    EXPECT_EQ(due_date(2024y / March / 1, {0, false}), 2024y / March / 1);
    EXPECT_EQ(due_date(2024y / January / 1, {60, false}), 2024y / March / 1);  // leap year
    EXPECT_EQ(due_date(2023y / January / 1, {60, false}), 2023y / March / 2);
}

TEST(DueDate, EndOfMonthAddsDaysThenGoesToTheEndOfThatMonth) {
    EXPECT_EQ(due_date(2024y / January / 15, {45, true}), 2024y / February / 29);  // 29 Feb + end of Feb
    EXPECT_EQ(due_date(2024y / January / 20, {45, true}), 2024y / March / 31);     // 5 Mar → 31 Mar
    EXPECT_EQ(due_date(2023y / January / 15, {45, true}), 2023y / March / 31);      // 1 Mar → 31 Mar
    EXPECT_EQ(due_date(2024y / March / 31, {30, true}), 2024y / April / 30);
    EXPECT_EQ(due_date(2024y / November / 30, {30, true}), 2024y / December / 31);
    EXPECT_EQ(due_date(2024y / December / 10, {30, true}), 2025y / January / 31);
    EXPECT_EQ(due_date(2024y / June / 10, {0, true}), 2024y / June / 30);
}

TEST(PaymentTerms, ParsesEndOfMonthPlusDays) {
    EXPECT_EQ(parse_payment_terms("eom_10d").value(), (PaymentTerms{10, true, true}));
    EXPECT_EQ(parse_payment_terms(" EOM_45D ").value(), (PaymentTerms{45, true, true}));
    EXPECT_EQ(parse_payment_terms("eom_0d").value(), (PaymentTerms{0, true, false}));  // = end of the issue month
    EXPECT_EQ(parse_payment_terms("eom_46d").error().code, "payment_terms.too_long");
    for (const char* bad : {"eom_", "eom_d", "eom_10", "eom_10d_eom", "eom10d", "10d_eom_", "eom_-5d"}) {
        EXPECT_EQ(parse_payment_terms(bad).error().code, "payment_terms.invalid") << bad;
    }
}

TEST(PaymentTerms, EndOfMonthPlusDaysRoundTripsAndHasLabels) {
    const PaymentTerms t{10, true, true};
    EXPECT_EQ(to_code(t), "eom_10d");
    EXPECT_EQ(parse_payment_terms(to_code(t)).value(), t);
    EXPECT_EQ(label_fr(t), "Fin de mois + 10 jours");
    EXPECT_EQ(label_en(t), "End of month + 10 days");
    EXPECT_EQ(label_fr({1, true, true}), "Fin de mois + 1 jour");
    EXPECT_EQ(label_en({1, true, true}), "End of month + 1 day");
    // The two end-of-month readings are different terms with different codes.
    EXPECT_NE(to_code({45, true, false}), to_code({45, true, true}));
}

TEST(PaymentTerms, DaysAfterEndOfMonthNeedsEndOfMonth) {
    EXPECT_EQ(check_payment_terms({10, false, true}).error().code, "payment_terms.invalid");
    EXPECT_EQ(check_payment_terms({0, true, true}).value(), (PaymentTerms{0, true, false}));
}

TEST(DueDate, OnReceiptIsTheIssueDate) {
    EXPECT_EQ(due_date(2024y / February / 29, parse_payment_terms("on_receipt").value()), 2024y / February / 29);
}

TEST(DueDate, EndOfMonthPlusDaysGoesToTheEndOfTheIssueMonthThenAddsDays) {
    EXPECT_EQ(due_date(2024y / January / 15, {10, true, true}), 2024y / February / 10);  // "le 10 du mois suivant"
    EXPECT_EQ(due_date(2024y / January / 31, {10, true, true}), 2024y / February / 10);
    EXPECT_EQ(due_date(2024y / January / 15, {45, true, true}), 2024y / March / 16);    // 31 Jan + 45 (leap year)
    EXPECT_EQ(due_date(2023y / January / 15, {45, true, true}), 2023y / March / 17);
    EXPECT_EQ(due_date(2024y / December / 5, {30, true, true}), 2025y / January / 30);
    EXPECT_EQ(due_date(2024y / February / 1, {30, true, true}), 2024y / March / 30);
    // Same issue date, the two readings of "45 days end of month" differ.
    EXPECT_EQ(due_date(2024y / January / 15, {45, true, false}), 2024y / February / 29);
    EXPECT_EQ(due_date(2024y / January / 15, {45, true, true}), 2024y / March / 16);
}

TEST(DueDate, ReturnsInvalidIssueDatesUnchanged) {
    const year_month_day bad = 2024y / February / 30;
    EXPECT_EQ(due_date(bad, {30, false}), bad);
}

TEST(PaymentTerms, SurvivesRandomBytes) {
    std::mt19937 rng(3);
    std::uniform_int_distribution<int> byte(0, 255), len(0, 20);
    for (int i = 0; i < 5000; ++i) {
        std::string s(static_cast<std::size_t>(len(rng)), '\0');
        for (char& c : s) c = static_cast<char>(i % 2 ? byte(rng) : "0123456789d_eom "[byte(rng) % 16]);
        EXPECT_NO_THROW({
            const auto r = parse_payment_terms(s);
            if (r) {
                EXPECT_LE(r->days, kMaxPaymentDays);
            } else {
                EXPECT_FALSE(r.error().message_fr.empty());
                EXPECT_FALSE(r.error().message_en.empty());
            }
        });
    }
}

}  // namespace
}  // namespace comptoir::crm
