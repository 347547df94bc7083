#include "core/contact/email.hpp"

#include <gtest/gtest.h>

namespace comptoir {
namespace {

std::string why(std::string_view input) {
    const auto r = normalise_email(input);
    return r ? std::string("(accepted)") : r.error().message_fr;
}

TEST(Email, AcceptsOrdinaryAddresses) {
    EXPECT_EQ(normalise_email("jean.dupont@orange.fr").value(), "jean.dupont@orange.fr");
    EXPECT_EQ(normalise_email("contact@boulangerie-martin.fr").value(), "contact@boulangerie-martin.fr");
    EXPECT_EQ(normalise_email("a@b.co").value(), "a@b.co");
    EXPECT_EQ(normalise_email("compta+factures@sub.domain.co.uk").value(), "compta+factures@sub.domain.co.uk");
    EXPECT_EQ(normalise_email("o'neil@example.ie").value(), "o'neil@example.ie");
}

TEST(Email, TrimsAndLowercasesEverything) {
    EXPECT_EQ(normalise_email("  Jean.Dupont@Orange.FR \n").value(), "jean.dupont@orange.fr");
    EXPECT_EQ(normalise_email("\u00A0CONTACT@EXAMPLE.COM\u00A0").value(), "contact@example.com");
}

TEST(Email, AcceptsInternationalisedDomainsAndMailboxes) {
    EXPECT_EQ(normalise_email("contact@ÉCOLE-Côte.fr").value(), "contact@école-côte.fr");
    EXPECT_EQ(normalise_email("Élodie@exemple.fr").value(), "élodie@exemple.fr");
    EXPECT_EQ(normalise_email("info@пример.рф").value(), "info@пример.рф");
}

TEST(Email, RefusesEmpty) {
    EXPECT_EQ(normalise_email("").error().code, "email.invalid");
    EXPECT_EQ(normalise_email("   ").error().code, "email.invalid");
}

TEST(Email, RefusesMissingAt) {
    EXPECT_EQ(normalise_email("jean.dupont.orange.fr").error().code, "email.invalid");
    EXPECT_NE(why("jean.dupont.orange.fr").find("il manque le « @ »"), std::string::npos);
}

TEST(Email, RefusesSeveralAts) { EXPECT_NE(why("a@b@c.fr").find("plusieurs"), std::string::npos); }

TEST(Email, RefusesEmptyParts) {
    EXPECT_NE(why("@orange.fr").find("avant le « @ »"), std::string::npos);
    EXPECT_NE(why("jean@").find("domaine"), std::string::npos);
}

TEST(Email, RefusesSpaces) {
    EXPECT_NE(why("jean dupont@orange.fr").find("espace"), std::string::npos);
    EXPECT_NE(why("jean@orange .fr").find("espace"), std::string::npos);
    EXPECT_NE(why("jean@orange\u00A0.fr").find("espace"), std::string::npos);
}

TEST(Email, RefusesMisplacedDots) {
    for (const char* s : {"jean..dupont@orange.fr", ".jean@orange.fr", "jean.@orange.fr", "jean@orange..fr",
                          "jean@.orange.fr", "jean@orange.fr."}) {
        EXPECT_NE(why(s).find("point"), std::string::npos) << s << ": " << why(s);
    }
}

TEST(Email, RefusesDomainWithoutDot) { EXPECT_NE(why("jean@localhost").find("point"), std::string::npos); }

TEST(Email, RefusesInvalidCharactersNamingThem) {
    EXPECT_NE(why("jean@orange,fr").find("« , »"), std::string::npos) << why("jean@orange,fr");
    EXPECT_NE(why("jean(dupont)@orange.fr").find("« ( »"), std::string::npos);
    EXPECT_NE(why("jean@orange_fr.com").find("« _ »"), std::string::npos);
    EXPECT_FALSE(normalise_email("\"jean dupont\"@orange.fr"));
    EXPECT_FALSE(normalise_email("jean@[192.168.0.1]"));
    EXPECT_FALSE(normalise_email("jean;paul@orange.fr"));
}

TEST(Email, RefusesBadDomainLabelsAndTopLevelDomains) {
    EXPECT_FALSE(normalise_email("jean@-orange.fr"));
    EXPECT_FALSE(normalise_email("jean@orange-.fr"));
    EXPECT_FALSE(normalise_email("jean@orange.f"));
    EXPECT_FALSE(normalise_email("jean@192.168.0.1"));
    EXPECT_FALSE(normalise_email("jean@" + std::string(64, 'a') + ".fr"));
    EXPECT_TRUE(normalise_email("jean@" + std::string(63, 'a') + ".fr"));
}

TEST(Email, RefusesOverlongAddresses) {
    EXPECT_FALSE(normalise_email(std::string(65, 'a') + "@orange.fr"));
    EXPECT_TRUE(normalise_email(std::string(64, 'a') + "@orange.fr"));
    const std::string domain = std::string(60, 'b') + "." + std::string(60, 'c') + "." + std::string(60, 'd') + ".fr";
    EXPECT_TRUE(normalise_email(std::string(60, 'a') + "@" + domain));   // 60 + 1 + 185 = 246 bytes
    EXPECT_NE(why(std::string(64, 'a') + "@" + domain + "xx.fr").find("254"), std::string::npos);
}

TEST(Email, RefusesMalformedUtf8AndControls) {
    EXPECT_FALSE(normalise_email("jean\xFF@orange.fr"));
    EXPECT_FALSE(normalise_email("jean\x01@orange.fr"));
    EXPECT_FALSE(normalise_email("jean@orange.fr\x7F"));
}

}  // namespace
}  // namespace comptoir
