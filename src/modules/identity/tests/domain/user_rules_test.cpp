#include "modules/identity/domain/user_rules.hpp"

#include <gtest/gtest.h>

namespace comptoir::identity {
namespace {

TEST(Email, IsTrimmedAndLowercased) {
    EXPECT_EQ(normalise_email("  Jean.Dupont@Exemple.FR ").value(), "jean.dupont@exemple.fr");
}

TEST(Email, RefusesWhatIsNotAnAddress) {
    for (const char* bad : {"jean", "jean@", "@exemple.fr", "jean@exemple", "jean@@exemple.fr", "je an@exemple.fr",
                            "jean@exemple..fr", "jean@.fr", "jean@exemple.fr.", "<jean@exemple.fr>"}) {
        auto result = normalise_email(bad);
        ASSERT_FALSE(result) << bad;
        EXPECT_EQ(result.error().code, "email.format") << bad;
    }
    EXPECT_EQ(normalise_email("   ").error().code, "email.empty");
    EXPECT_EQ(normalise_email(std::string(250, 'a') + "@x.fr").error().code, "email.too_long");
    EXPECT_EQ(normalise_email(std::string("a\0b@x.fr", 8)).error().code, "email.format");
}

TEST(PersonName, IsTrimmedAndBounded) {
    EXPECT_EQ(normalise_person_name("  Élodie Martin ").value(), "Élodie Martin");
    EXPECT_EQ(normalise_person_name("").error().code, "name.empty");
    EXPECT_EQ(normalise_person_name(std::string(101, 'a')).error().code, "name.too_long");
    EXPECT_EQ(normalise_person_name("a\x01b").error().code, "name.format");
}

TEST(Locale, OnlyFrenchAndEnglish) {
    EXPECT_TRUE(check_locale("fr"));
    EXPECT_TRUE(check_locale("en"));
    EXPECT_EQ(check_locale("de").error().code, "locale.unknown");
    EXPECT_FALSE(check_locale(""));
}

TEST(Role, FourRoles) {
    EXPECT_EQ(parse_role("admin").value(), Role::Admin);
    EXPECT_EQ(parse_role("read_only").value(), Role::ReadOnly);
    EXPECT_EQ(parse_role("superuser").error().code, "role.unknown");
    EXPECT_FALSE(parse_role("Admin"));
}

TEST(NameFromEmail, IsTheLocalPart) { EXPECT_EQ(name_from_email("jean.dupont@exemple.fr"), "jean.dupont"); }

}  // namespace
}  // namespace comptoir::identity
