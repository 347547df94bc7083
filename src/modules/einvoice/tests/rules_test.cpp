// Comptoir's EN 16931 and French rule checks: every sample Comptoir emits passes them, and each
// broken invoice names the rule, the business term and the field, in French and English.
#include <gtest/gtest.h>

#include "modules/einvoice/model/from_document.hpp"
#include "modules/einvoice/model/rules.hpp"
#include "modules/einvoice/tests/sample_invoices.hpp"

namespace comptoir::einvoice {
namespace {

Invoice build(const std::string& name, Profile p = Profile::En16931) {
    auto s = test::sample(name);
    s.context.profile = p;
    return from_document(s.document, s.totals, s.context).value();
}

std::vector<std::string> rules_of(const Invoice& inv) {
    std::vector<std::string> out;
    for (const auto& v : check_rules(inv)) out.push_back(v.rule);
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& rule) { return std::find(v.begin(), v.end(), rule) != v.end(); }

TEST(Rules, EverySampleComptoirEmitsPassesEveryRule) {
    for (const auto& s : test::samples())
        for (Profile p : {Profile::En16931, Profile::Basic, Profile::Minimum}) {
            auto context = s.context;
            context.profile = p;
            auto violations = check_rules(from_document(s.document, s.totals, context).value());
            for (const auto& v : violations) ADD_FAILURE() << s.name << " (" << to_code(p) << "): " << v.rule << " " << v.message_en;
        }
}

TEST(Rules, AWrongTotalNamesBrCo15AndBrCo16) {
    auto inv = build("mixed_rates");
    inv.totals.tax_inclusive = *checked_add(inv.totals.tax_inclusive, Decimal::from_scaled(1, 2));
    auto v = check_rules(inv);
    auto r = rules_of(inv);
    EXPECT_TRUE(has(r, "BR-CO-15"));
    EXPECT_TRUE(has(r, "BR-CO-16"));
    auto it = std::find_if(v.begin(), v.end(), [](const RuleViolation& x) { return x.rule == "BR-CO-15"; });
    EXPECT_EQ(it->term, "BT-112");
    EXPECT_EQ(it->field, "totals");
    EXPECT_NE(it->message_fr.find("Le total TTC"), std::string::npos);
}

TEST(Rules, VatOneCentOffIsBrCo14) {
    auto inv = build("mixed_rates");
    inv.vat[0].tax_amount = *checked_add(inv.vat[0].tax_amount, Decimal::from_scaled(1, 2));
    auto r = rules_of(inv);
    EXPECT_TRUE(has(r, "BR-CO-14"));
    EXPECT_FALSE(has(r, "BR-CO-17"));  // within BR-CO-17's tolerance of one unit
    inv.vat[0].tax_amount = *checked_add(inv.vat[0].tax_amount, Decimal::from_scaled(150, 2));
    EXPECT_TRUE(has(rules_of(inv), "BR-CO-17"));
}

TEST(Rules, NoSellerVatIdIsBrS02) {
    auto inv = build("mixed_rates");
    inv.seller.vat_id.clear();
    auto v = check_rules(inv);
    auto it = std::find_if(v.begin(), v.end(), [](const RuleViolation& x) { return x.rule == "BR-S-02"; });
    ASSERT_NE(it, v.end());
    EXPECT_EQ(it->field, "seller.vat_number");
}

TEST(Rules, LineSumsAndBreakdownBases) {
    auto inv = build("mixed_rates");
    inv.lines[0].net_amount = *checked_add(inv.lines[0].net_amount, Decimal::from_int(1));
    auto r = rules_of(inv);
    EXPECT_TRUE(has(r, "BR-CO-10"));
    EXPECT_TRUE(has(r, "BR-S-08"));
}

TEST(Rules, AmountsWithMoreThanTwoDecimals) {
    auto inv = build("mixed_rates");
    inv.lines[0].net_amount = Decimal::from_scaled(6720001, 4);
    EXPECT_TRUE(has(rules_of(inv), "BR-DEC-23"));
}

TEST(Rules, CategoryRules) {
    auto ae = build("reverse_charge_eu");
    ae.buyer.vat_id.clear();
    EXPECT_TRUE(has(rules_of(ae), "BR-AE-02"));
    auto ic = build("intra_community_goods");
    ic.delivery_date.clear();
    EXPECT_TRUE(has(rules_of(ic), "BR-IC-11"));
    auto e = build("exemptions");
    for (auto& v : e.vat) v.exemption_reason.clear(), v.exemption_code.clear();
    EXPECT_TRUE(has(rules_of(e), "BR-E-10"));
    auto s = build("mixed_rates");
    s.lines[0].vat_rate = Decimal{};
    EXPECT_TRUE(has(rules_of(s), "BR-S-05"));
    auto o = build("outside_scope");
    o.seller.vat_id = "FR64443061841";
    EXPECT_TRUE(has(rules_of(o), "BR-O-02"));
    auto g = build("export");
    g.vat[0].tax_amount = Decimal::from_int(1);
    EXPECT_TRUE(has(rules_of(g), "BR-G-09"));
    auto z = build("mixed_rates");
    z.lines[0].vat_category = "Z";
    EXPECT_TRUE(has(rules_of(z), "BR-Z-01"));
}

TEST(Rules, FrenchRules) {
    auto inv = build("mixed_rates");
    inv.seller.legal_id = {};
    inv.buyer.legal_id = {};
    inv.buyer.electronic_address = {};
    inv.notes.erase(std::remove_if(inv.notes.begin(), inv.notes.end(), [](const Note& n) { return n.subject == "PMT"; }),
                    inv.notes.end());
    inv.business_process = "X9";
    inv.number = "FA/2026/é";
    auto r = rules_of(inv);
    for (const char* rule : {"BR-FR-10", "BR-FR-11", "BR-FR-13", "BR-FR-05", "BR-FR-08", "BR-FR-02"})
        EXPECT_TRUE(has(r, rule)) << rule;
    auto credit = build("credit_note");
    credit.preceding.clear();
    EXPECT_TRUE(has(rules_of(credit), "BR-FR-CO-05"));
    auto deposit = build("deposit");
    deposit.business_process = "S4";
    EXPECT_TRUE(has(rules_of(deposit), "BR-FR-CO-08"));
    auto siret = build("mixed_rates");
    siret.seller.ids = {{"12345678900011", "0009"}};
    EXPECT_TRUE(has(rules_of(siret), "BR-FR-09"));
}

TEST(Rules, ConsumerInvoicesNeedNoBuyerSiren) {
    auto inv = build("franchise_en_base");
    EXPECT_TRUE(check_rules(inv).empty());
    EXPECT_EQ(inv.seller.tax_registration_id, "443061841");  // BT-32 stands for the missing VAT number
}

TEST(Rules, TwoExemptionReasonsInOneCategoryAreRefused) {
    auto inv = build("exemptions");
    auto other = build("disbursement");
    inv.lines.push_back(other.lines[0]);
    inv.vat.push_back(other.vat[1]);
    inv.totals.line_net = *checked_add(*inv.totals.line_net, other.lines[0].net_amount);
    auto v = check_rules(inv);
    auto it = std::find_if(v.begin(), v.end(), [](const RuleViolation& x) { return x.rule == "BR-E-01"; });
    ASSERT_NE(it, v.end());
    EXPECT_NE(it->message_fr.find("une facture par motif"), std::string::npos);
    EXPECT_FALSE(has(rules_of(inv), "BR-E-08"));  // the bases add up
}

TEST(Rules, MixingOutsideScopeWithOtherCategoriesIsRefused) {
    auto inv = build("outside_scope");
    auto other = build("export");
    inv.lines.push_back(other.lines[0]);
    inv.vat.push_back(other.vat[0]);
    EXPECT_TRUE(has(rules_of(inv), "BR-O-11"));
}

}  // namespace
}  // namespace comptoir::einvoice
