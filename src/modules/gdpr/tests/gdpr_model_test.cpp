// The GDPR module's pure parts: the export's CSV (BOM, separator, quoting, formulas neutralised),
// the retention cut-off date, the identifiers text is scrubbed of, and the register's defaults.
#include <gtest/gtest.h>

#include "modules/gdpr/model/export_format.hpp"
#include "modules/gdpr/model/register.hpp"
#include "modules/gdpr/service/gdpr_service.hpp"

namespace comptoir::gdpr {
namespace {

using nlohmann::json;

TEST(GdprExport, CsvOpensInASpreadsheetAsIs) {
    Section s{"crm.client", "Fiche client", "Client card",
              json::array({{{"legal_name", "Dupont; Fils"}, {"notes", "Il a dit \"oui\"\nhier"}, {"phone", "+33612345678"},
                            {"archived", 0}}})};
    const std::string csv = export_csv({{"type", "client"}, {"client_id", 3}}, "2026-11-26T10:00:00Z", {s}, "fr");
    EXPECT_EQ(csv.rfind("\xEF\xBB\xBFrubrique;ligne;champ;valeur\r\n", 0), 0u);
    EXPECT_NE(csv.find("subject;1;client_id;3\r\n"), std::string::npos);
    EXPECT_NE(csv.find("crm.client;1;legal_name;\"Dupont; Fils\"\r\n"), std::string::npos);
    EXPECT_NE(csv.find("crm.client;1;notes;\"Il a dit \"\"oui\"\"\nhier\"\r\n"), std::string::npos);
    // A value a spreadsheet would run as a formula is shown as text.
    EXPECT_NE(csv.find("crm.client;1;phone;'+33612345678\r\n"), std::string::npos);
    EXPECT_NE(csv.find("crm.client;1;archived;0\r\n"), std::string::npos);
    EXPECT_EQ(export_csv({}, "x", {}, "en").rfind("\xEF\xBB\xBFsection;row;field;value\r\n", 0), 0u);
}

TEST(GdprExport, JsonLabelsSectionsInTheReadersLanguage) {
    Section s{"mail.sends", "E-mails envoyés", "E-mails sent", json::array()};
    auto doc = export_json({{"type", "client"}}, "2026-11-26T10:00:00Z", {s}, "en");
    EXPECT_EQ(doc["sections"][0]["label"], "E-mails sent");
    EXPECT_EQ(export_json({}, "", {s}, "fr")["sections"][0]["label"], "E-mails envoyés");
}

TEST(GdprRetention, CutOffIsTheSameDayYearsBefore) {
    EXPECT_EQ(years_before("2026-11-26", 3), "2023-11-26");
    EXPECT_EQ(years_before("2028-02-29", 1), "2027-02-28");
    EXPECT_EQ(years_before("2026-01-01", 10), "2016-01-01");
}

TEST(GdprPerson, IdentifiersAreTheDistinctiveValuesLongestFirst) {
    Person p;
    p.names = {"Jean Dupont", "Li", "Dupont Conseil"};
    p.emails = {"jean@dupont.fr"};
    p.phones = {"+33612345678"};
    p.legal_ids = {"73282932000074", "FR"};
    auto ids = p.identifiers();
    EXPECT_EQ(ids.front(), "73282932000074");
    EXPECT_EQ(std::count(ids.begin(), ids.end(), "Li"), 0) << "too short to replace safely";
    EXPECT_EQ(std::count(ids.begin(), ids.end(), "FR"), 0);
    EXPECT_EQ(std::count(ids.begin(), ids.end(), "Jean Dupont"), 1);
    for (std::size_t i = 1; i < ids.size(); ++i) EXPECT_GE(ids[i - 1].size(), ids[i].size());
}

TEST(GdprConfirmation, NeedsTheBoxAndAReason) {
    auto both = check_confirmation({false, " "});
    ASSERT_TRUE(both);
    ASSERT_EQ(both->fields.size(), 2u);
    EXPECT_EQ(both->fields[0].field, "confirm");
    EXPECT_EQ(both->fields[1].field, "reason");
    EXPECT_FALSE(check_confirmation({true, "Demande du 3 avril"}));
    EXPECT_TRUE(check_confirmation({true, std::string(1001, 'x')}));
}

TEST(GdprRegister, EveryDefaultActivityIsFilledIn) {
    auto list = default_activities();
    ASSERT_EQ(list.size(), 6u);
    for (auto a : list)
        for (const auto& field : activity_fields())
            EXPECT_FALSE(activity_field(a, field)->empty()) << a.key << "." << field;
    EXPECT_TRUE(default_activity("invoicing"));
    EXPECT_FALSE(default_activity("nope"));
    Activity a;
    EXPECT_EQ(activity_field(a, "colour"), nullptr);
}

}  // namespace
}  // namespace comptoir::gdpr
