// The client card's rules, without a database: what is normalised, what is refused and how it is named.
#include <gtest/gtest.h>

#include <algorithm>

#include "modules/crm/model/client_validation.hpp"
#include "modules/crm/storage/client_search.hpp"

namespace comptoir::crm {
namespace {

bool has_issue(const std::vector<FieldIssue>& issues, const std::string& field) {
    return std::any_of(issues.begin(), issues.end(), [&](const FieldIssue& i) { return i.field == field; });
}

TEST(ClientValidation, NormalisesIdentifiersAndChannels) {
    Client c;
    c.legal_name = "  Boulangerie Martin  ";
    c.siret = "732 829 320 00074";
    c.vat_number = "fr 44 732829320";
    c.email = " Contact@Boulangerie.FR ";
    c.phone = "06.12.34.56.78";
    c.website = "boulangerie.fr";
    auto issues = normalise_client(c, "2026-11-26");
    ASSERT_TRUE(issues.empty()) << issues.front().field;
    EXPECT_EQ(c.legal_name, "Boulangerie Martin");
    EXPECT_EQ(c.siret, "73282932000074");
    EXPECT_EQ(c.siren, "732829320");  // deduced from the SIRET
    EXPECT_EQ(c.vat_number, "FR44732829320");
    EXPECT_EQ(c.email, "contact@boulangerie.fr");
    EXPECT_EQ(c.phone, "+33612345678");
    EXPECT_EQ(c.website, "https://boulangerie.fr");
}

TEST(ClientValidation, RefusesASiretThatDoesNotStartWithTheSiren) {
    Client c;
    c.legal_name = "X";
    c.siren = "552100554";
    c.siret = "73282932000074";
    EXPECT_TRUE(has_issue(normalise_client(c, "2026-11-26"), "siret"));
}

TEST(ClientValidation, RefusesAVatNumberOfAnotherCompany) {
    Client c;
    c.legal_name = "X";
    c.siren = "552100554";
    c.vat_number = "FR44732829320";
    EXPECT_TRUE(has_issue(normalise_client(c, "2026-11-26"), "vat_number"));
}

TEST(ClientValidation, AnIndividualNeedsALastNameNotALegalName) {
    Client c;
    c.kind = "individual";
    auto issues = normalise_client(c, "2026-11-26");
    EXPECT_TRUE(has_issue(issues, "last_name"));
    EXPECT_FALSE(has_issue(issues, "legal_name"));
    c.last_name = "Lefèvre";
    c.first_name = "Benoît";
    c.civility = "mr";
    EXPECT_TRUE(normalise_client(c, "2026-11-26").empty());
    EXPECT_EQ(c.display_name(), "M. Benoît Lefèvre");
}

TEST(ClientValidation, ATradeNameAloneIsEnoughForACompany) {
    Client c;
    c.trade_name = "Au Bon Pain";
    EXPECT_TRUE(normalise_client(c, "2026-11-26").empty());
    EXPECT_EQ(c.legal_name, "Au Bon Pain");
}

TEST(ClientValidation, DatesAGrantedConsentAndRefusesAFutureOne) {
    Client c;
    c.legal_name = "X";
    c.email_consent.granted = true;
    EXPECT_TRUE(normalise_client(c, "2026-11-26").empty());
    EXPECT_EQ(c.email_consent.date, "2026-11-26");
    EXPECT_EQ(c.email_consent.legal_basis, "consent");
    c.sms_consent.date = "2027-01-01";
    EXPECT_TRUE(has_issue(normalise_client(c, "2026-11-26"), "sms_consent.date"));
}

TEST(ClientValidation, NamesContactFieldsByPosition) {
    Client c;
    c.legal_name = "X";
    c.contacts.push_back(Contact{});
    c.contacts.push_back(Contact{0, "", "Jean", "Dupont", "", {"jean@"}, {"06 12 34 56 78", "n'importe quoi"}});
    auto issues = normalise_client(c, "2026-11-26");
    EXPECT_TRUE(has_issue(issues, "contacts[0].last_name"));
    EXPECT_TRUE(has_issue(issues, "contacts[1].emails[0]"));
    EXPECT_TRUE(has_issue(issues, "contacts[1].phones[1]"));
    EXPECT_FALSE(has_issue(issues, "contacts[1].phones[0]"));
}

TEST(ClientValidation, MakesTheFirstContactPrimaryAndRefusesTwo) {
    Client c;
    c.legal_name = "X";
    c.contacts = {Contact{0, "", "", "A"}, Contact{0, "", "", "B"}};
    EXPECT_TRUE(normalise_client(c, "2026-11-26").empty());
    EXPECT_TRUE(c.contacts[0].is_primary);
    c.contacts[1].is_primary = true;
    EXPECT_TRUE(has_issue(normalise_client(c, "2026-11-26"), "contacts"));
}

TEST(ClientValidation, RefusesTextThatIsNotUtf8) {
    Client c;
    c.legal_name = "Caf\xe9";
    EXPECT_TRUE(has_issue(normalise_client(c, "2026-11-26"), "legal_name"));
}

TEST(ClientValidation, ChecksFrenchPostalCodesOnly) {
    Client c;
    c.legal_name = "X";
    c.billing.postal_code = "7500";
    EXPECT_TRUE(has_issue(normalise_client(c, "2026-11-26"), "billing_address.postal_code"));
    c.billing.country = "gb";
    c.billing.postal_code = "SW1A 1AA";
    EXPECT_TRUE(normalise_client(c, "2026-11-26").empty());
    EXPECT_EQ(c.billing.country, "GB");
}

TEST(Percent, ParsesFrenchAndEnglishDecimals) {
    EXPECT_EQ(parse_percent("5"), 500);
    EXPECT_EQ(parse_percent("5,5"), 550);
    EXPECT_EQ(parse_percent("7.25 %"), 725);
    EXPECT_EQ(parse_percent(""), 0);
    EXPECT_FALSE(parse_percent("abc"));
    EXPECT_FALSE(parse_percent("1.234"));
    EXPECT_EQ(money_percent(550), "5.50");
}

TEST(SearchGroups, UnderstandsWordsPhonesAndEmails) {
    using Groups = std::vector<std::vector<std::string>>;
    EXPECT_EQ(search_groups("  Martin   Lyon "), (Groups{{"martin"}, {"lyon"}}));
    EXPECT_EQ(search_groups("Éloïse"), (Groups{{"eloise"}}));
    // An address is looked up in its stored form, '@' first (storage/search_index.hpp).
    EXPECT_EQ(search_groups("Jean.Dupont@ACME"), (Groups{{"@jean.dupont@acme"}}));
    auto phone = search_groups("06 12 34");
    ASSERT_EQ(phone.size(), 1u);  // a phone typed with spaces is one key, not three words
    EXPECT_TRUE(std::find(phone[0].begin(), phone[0].end(), "061234") != phone[0].end());
    EXPECT_TRUE(std::find(phone[0].begin(), phone[0].end(), "3361234") != phone[0].end());
    auto siren = search_groups("732 829 320");
    ASSERT_EQ(siren.size(), 1u);  // nine digits may be a phone or a SIREN: both are searched
    EXPECT_EQ(siren[0].front(), "732829320");
    EXPECT_TRUE(search_groups("").empty());
    EXPECT_TRUE(search_groups(std::string(300, 'a')).empty());
}

TEST(ClientSort, RoundTripsItsCodes) {
    for (std::string code : {"name", "-name", "city", "created", "-created", "-updated"})
        EXPECT_EQ(to_code(*sort_from_code(code)), code);
    EXPECT_FALSE(sort_from_code("price"));
}

}  // namespace
}  // namespace comptoir::crm
