#include "modules/identity/domain/company_rules.hpp"

#include <gtest/gtest.h>

#include <set>

namespace comptoir::identity {
namespace {

CompanyForm valid_form() {
    CompanyForm f;
    f.name = "Boulangerie Martin";
    f.legal_form = "SARL";
    f.siren = "732 829 320";
    f.siret = "732 829 320 00074";
    f.vat_number = "FR 44 732829320";
    f.share_capital = "10 000,00";
    f.postal_code = "75002";
    f.city = "Paris";
    f.iban = "FR76 3000 6000 0112 3456 7890 189";
    f.bic = "bnpafrpp";
    f.website = "www.exemple.fr";
    return f;
}

std::set<std::string> fields_of(const Error& e) {
    std::set<std::string> out;
    for (const auto& f : e.fields) out.insert(f.field);
    return out;
}

TEST(CompanyRules, NormalisesAValidIdentity) {
    auto result = validate_company(valid_form());
    ASSERT_TRUE(result) << result.error().message_en;
    EXPECT_EQ(result->siren, "732829320");
    EXPECT_EQ(result->siret, "73282932000074");
    EXPECT_EQ(result->vat_number, "FR44732829320");
    EXPECT_EQ(result->share_capital_cents, 1000000);
    EXPECT_EQ(result->country, "FR");
    EXPECT_EQ(result->iban, "FR7630006000011234567890189");
    EXPECT_EQ(result->bic, "BNPAFRPP");
    EXPECT_EQ(result->website, "https://www.exemple.fr");
    EXPECT_EQ(result->accounting_code_rule, kDefaultAccountingCodeRule);
}

TEST(CompanyRules, OnlyTheNameIsRequired) {
    CompanyForm f;
    f.name = "Atelier";
    auto result = validate_company(f);
    ASSERT_TRUE(result);
    EXPECT_FALSE(result->share_capital_cents);
    EXPECT_EQ(validate_company(CompanyForm{}).error().fields.at(0).field, "name");
}

TEST(CompanyRules, SirenIsTakenFromTheSiretWhenMissing) {
    CompanyForm f;
    f.name = "Atelier";
    f.siret = "73282932000074";
    EXPECT_EQ(validate_company(f)->siren, "732829320");
}

TEST(CompanyRules, ReportsEveryWrongFieldAtOnce) {
    CompanyForm f;
    f.name = "";
    f.siren = "123456789";
    f.siret = "12345";
    f.vat_number = "XX123";
    f.share_capital = "beaucoup";
    f.postal_code = std::string(21, '1');  // the 5-digit rule applies to France only; length applies to all
    f.country = "France";
    f.phone = "appelez-moi";
    f.email = "pas une adresse";
    f.website = "pas un site";
    f.iban = "FR76 0000";
    f.bic = "BNP";
    f.accounting_code_rule = "411{FOO:3}";
    f.legal_form = std::string(51, 'x');
    f.rcs_city = std::string(101, 'x');
    f.address_line1 = std::string(201, 'x');
    f.address_line2 = "a\x01";
    f.city = std::string(101, 'x');
    auto result = validate_company(f);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, ErrorKind::Invalid);
    EXPECT_EQ(fields_of(result.error()),
              (std::set<std::string>{"name", "legal_form", "siren", "siret", "vat_number", "rcs_city", "share_capital",
                                     "address_line1", "address_line2", "postal_code", "city", "country", "phone",
                                     "email", "website", "iban", "bic", "accounting_code_rule"}));
}

TEST(CompanyRules, SiretAndVatMustMatchTheSiren) {
    auto f = valid_form();
    f.siret = "44306184100047";  // a valid SIRET of another company
    f.vat_number = "FR40303265045";
    auto result = validate_company(f);
    ASSERT_FALSE(result);
    EXPECT_EQ(fields_of(result.error()), (std::set<std::string>{"siret", "vat_number"}));
}

TEST(CompanyRules, AccountingCodeRule) {
    auto f = valid_form();
    for (const char* good : {"411{NAME:5}{SEQ:3}", "411{SEQ:6}", "C{NAME:3}{SEQ:10}"}) {
        f.accounting_code_rule = good;
        EXPECT_TRUE(validate_company(f)) << good;
    }
    for (const char* bad : {"411", "411{NAME:5}", "411{SEQ:0}", "411{SEQ:11}", "411{SEQ:3", "411 {SEQ:3}", "411{seq:3}"}) {
        f.accounting_code_rule = bad;
        EXPECT_FALSE(validate_company(f)) << bad;
    }
}

TEST(CompanyRules, FrenchPostalCodesHaveFiveDigits) {
    auto f = valid_form();
    f.postal_code = "7500";
    EXPECT_EQ(validate_company(f).error().fields.at(0).field, "postal_code");
}

TEST(CompanyRules, ForeignPostalCodesAreFree) {
    auto f = valid_form();
    f.country = "be";
    f.postal_code = "1000";
    f.vat_number = "";
    auto result = validate_company(f);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->country, "BE");
}

TEST(CompanyRules, FormRoundTripsThroughFields) {
    auto fields = validate_company(valid_form()).value();
    auto again = validate_company(to_form(fields, "fr")).value();
    EXPECT_EQ(again.share_capital_cents, fields.share_capital_cents);
    EXPECT_EQ(again.siret, fields.siret);
    EXPECT_EQ(to_form(fields, "fr").share_capital, "10 000,00");
}

}  // namespace
}  // namespace comptoir::identity
