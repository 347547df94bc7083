#include "modules/identity/domain/euro_amount.hpp"

#include <gtest/gtest.h>

namespace comptoir::identity {
namespace {

TEST(EuroAmount, ReadsFrenchAndEnglishNotations) {
    EXPECT_EQ(parse_euro_amount("10 000,00").value(), 1000000);
    EXPECT_EQ(parse_euro_amount("10\u00A0000,50 €").value(), 1000050);
    EXPECT_EQ(parse_euro_amount("10\u202F000").value(), 1000000);
    EXPECT_EQ(parse_euro_amount("10000.5").value(), 1000050);
    EXPECT_EQ(parse_euro_amount("10,000.00").value(), 1000000);
    EXPECT_EQ(parse_euro_amount("1.000.000,01").value(), 100000001);
    EXPECT_EQ(parse_euro_amount("1.000.000").value(), 100000000);
    EXPECT_EQ(parse_euro_amount("1 EUR").value(), 100);
    EXPECT_EQ(parse_euro_amount(",5").value(), 50);
    EXPECT_EQ(parse_euro_amount("0").value(), 0);
}

TEST(EuroAmount, RefusesBadInput) {
    EXPECT_EQ(parse_euro_amount("").error().code, "amount.empty");
    EXPECT_EQ(parse_euro_amount("-10").error().code, "amount.negative");
    EXPECT_EQ(parse_euro_amount("dix euros").error().code, "amount.format");
    EXPECT_EQ(parse_euro_amount("1,2,3").error().code, "amount.format");
    EXPECT_EQ(parse_euro_amount("10,123").error().code, "amount.decimals");
    EXPECT_EQ(parse_euro_amount("1e6").error().code, "amount.format");
    EXPECT_EQ(parse_euro_amount("99999999999999999999").error().code, "amount.too_large");
    EXPECT_EQ(parse_euro_amount("1000000000000").error().code, "amount.too_large");
    EXPECT_TRUE(parse_euro_amount("999999999999,99"));
}

TEST(EuroAmount, FormatsForPeopleAndParsesBack) {
    EXPECT_EQ(format_euro_amount(1000000, "fr"), "10 000,00");
    EXPECT_EQ(format_euro_amount(1000000, "en"), "10,000.00");
    EXPECT_EQ(format_euro_amount(5, "fr"), "0,05");
    EXPECT_EQ(format_euro_amount(123456789, "fr"), "1 234 567,89");
    for (std::int64_t cents : {0LL, 5LL, 100LL, 123456789LL})
        for (const char* locale : {"fr", "en"}) EXPECT_EQ(parse_euro_amount(format_euro_amount(cents, locale)).value(), cents);
}

}  // namespace
}  // namespace comptoir::identity
