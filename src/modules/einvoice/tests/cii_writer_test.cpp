// The CII written for every document type and VAT situation passes the official schemas: the
// CEN's CII D16B and the Factur-X profile's own XSD. And it says what the PDF says.
#include <gtest/gtest.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "modules/einvoice/model/from_document.hpp"
#include "modules/einvoice/tests/sample_invoices.hpp"
#include "modules/einvoice/xml/cii.hpp"
#include "modules/einvoice/xml/xsd.hpp"

namespace comptoir::einvoice {
namespace {

using test::Sample;

// Values of an XPath over the CII (rsm/ram/udt/qdt prefixes).
std::vector<std::string> xpath(const std::string& xml, const std::string& expr) {
    std::vector<std::string> out;
    xmlDoc* doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, XML_PARSE_NONET);
    if (!doc) return out;
    xmlXPathContext* ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "rsm", BAD_CAST "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100");
    xmlXPathRegisterNs(ctx, BAD_CAST "ram", BAD_CAST "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100");
    xmlXPathRegisterNs(ctx, BAD_CAST "udt", BAD_CAST "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100");
    xmlXPathRegisterNs(ctx, BAD_CAST "qdt", BAD_CAST "urn:un:unece:uncefact:data:standard:QualifiedDataType:100");
    if (xmlXPathObject* r = xmlXPathEvalExpression(BAD_CAST expr.c_str(), ctx)) {
        if (r->nodesetval)
            for (int i = 0; i < r->nodesetval->nodeNr; ++i) {
                xmlChar* c = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
                out.emplace_back(reinterpret_cast<const char*>(c));
                xmlFree(c);
            }
        xmlXPathFreeObject(r);
    }
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    return out;
}

std::string one(const std::string& xml, const std::string& expr) {
    auto v = xpath(xml, expr);
    return v.size() == 1 ? v[0] : "<" + std::to_string(v.size()) + " values>";
}

std::string cii_of(const Sample& s, Profile p) {
    auto context = s.context;
    context.profile = p;
    auto inv = from_document(s.document, s.totals, context);
    EXPECT_TRUE(inv) << s.name;
    return xml::write_cii(*inv);
}

std::string profile_xsd(Profile p) {
    switch (p) {
        case Profile::Minimum: return "/xsd/facturx-minimum/Factur-X_MINIMUM.xsd";
        case Profile::Basic: return "/xsd/facturx-basic/Factur-X_BASIC.xsd";
        default: return "/xsd/facturx-en16931/Factur-X_EN16931.xsd";
    }
}

class CiiSchemas : public ::testing::TestWithParam<Profile> {};

TEST_P(CiiSchemas, EveryDocumentTypeAndVatSituationPassesTheOfficialSchemas) {
    const std::string dir = test::shared_dir();
    if (dir.empty()) GTEST_SKIP() << "../shared/einvoice is absent: schemas not available";
    for (const auto& s : test::samples()) {
        const std::string xml = cii_of(s, GetParam());
        auto cen = xml::validate_xsd(xml, dir + "/xsd/cii-d16b/uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd");
        ASSERT_TRUE(cen.loaded);
        EXPECT_TRUE(cen.valid()) << s.name << ": " << (cen.errors.empty() ? "" : cen.errors[0]) << "\n" << xml;
        auto fx = xml::validate_xsd(xml, dir + profile_xsd(GetParam()));
        ASSERT_TRUE(fx.loaded);
        EXPECT_TRUE(fx.valid()) << s.name << ": " << (fx.errors.empty() ? "" : fx.errors[0]) << "\n" << xml;
    }
}

TEST(CiiSchemasCheck, ABrokenDocumentIsCaught) {
    const std::string dir = test::shared_dir();
    if (dir.empty()) GTEST_SKIP() << "../shared/einvoice is absent";
    std::string xml = cii_of(test::sample("mixed_rates"), Profile::En16931);
    xml.replace(xml.find("<ram:TypeCode>380</ram:TypeCode>"), 32, "");
    auto r = xml::validate_xsd(xml, dir + "/xsd/facturx-en16931/Factur-X_EN16931.xsd");
    EXPECT_TRUE(r.loaded);
    EXPECT_FALSE(r.valid());
}

INSTANTIATE_TEST_SUITE_P(Profiles, CiiSchemas, ::testing::Values(Profile::En16931, Profile::Basic, Profile::Minimum),
                         [](const auto& info) { return std::string(to_code(info.param)); });

TEST(CiiContent, CarriesTheTotalsThePdfPrints) {
    auto s = test::sample("mixed_rates");
    const std::string xml = cii_of(s, Profile::En16931);
    const std::string sum = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/";
    EXPECT_EQ(one(xml, sum + "ram:LineTotalAmount"), s.totals.lines_net.to_string());
    EXPECT_EQ(one(xml, sum + "ram:AllowanceTotalAmount"), s.totals.allowances.to_string());
    EXPECT_EQ(one(xml, sum + "ram:TaxBasisTotalAmount"), s.totals.total_excl_vat.to_string());
    EXPECT_EQ(one(xml, sum + "ram:TaxTotalAmount"), s.totals.total_vat.to_string());
    EXPECT_EQ(one(xml, sum + "ram:GrandTotalAmount"), s.totals.total_incl_vat.to_string());
    EXPECT_EQ(one(xml, sum + "ram:DuePayableAmount"), s.totals.amount_due.to_string());
    // One VAT row per rate, each with the basis and VAT of the PDF's VAT table.
    auto bases = xpath(xml, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:BasisAmount");
    auto vats = xpath(xml, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CalculatedAmount");
    ASSERT_EQ(bases.size(), s.totals.vat.size());
    for (std::size_t i = 0; i < bases.size(); ++i) {
        EXPECT_EQ(bases[i], s.totals.vat[i].basis.to_string());
        EXPECT_EQ(vats[i], s.totals.vat[i].vat_amount.to_string());
    }
    // Items only (no section, note or subtotal), each with its net; the discounted line shows
    // gross price, discount and net price.
    auto nets = xpath(xml, "//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount");
    EXPECT_EQ(nets, (std::vector<std::string>{"672.00", "456.00", "24.90", "-50.00"}));
    EXPECT_EQ(one(xml, "//ram:IncludedSupplyChainTradeLineItem[2]//ram:GrossPriceProductTradePrice/ram:ChargeAmount"), "38.40");
    EXPECT_EQ(one(xml, "//ram:IncludedSupplyChainTradeLineItem[2]//ram:NetPriceProductTradePrice/ram:ChargeAmount"), "36.48");
    EXPECT_EQ(one(xml, "//ram:IncludedSupplyChainTradeLineItem[2]//ram:BilledQuantity/@unitCode"), "MTK");
    EXPECT_EQ(one(xml, "//ram:IncludedSupplyChainTradeLineItem[1]//ram:BilledQuantity/@unitCode"), "HUR");
    EXPECT_EQ(one(xml, "//ram:IncludedSupplyChainTradeLineItem[2]//ram:SellerAssignedID"), "CAR-60");
    EXPECT_EQ(one(xml, "//ram:IncludedSupplyChainTradeLineItem[2]//ram:Description"), "Format 60×60, pose droite");
    // The document discount is one allowance per VAT row, with that row's category and rate.
    EXPECT_EQ(xpath(xml, "//ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeAllowanceCharge").size(), 3u);
}

TEST(CiiContent, PartiesCarrySirenVatAndAddresses) {
    const std::string xml = cii_of(test::sample("mixed_rates"), Profile::En16931);
    EXPECT_EQ(one(xml, "//ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID"), "443061841");
    EXPECT_EQ(one(xml, "//ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID/@schemeID"), "0002");
    EXPECT_EQ(one(xml, "//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID"), "FR64443061841");
    EXPECT_EQ(one(xml, "//ram:SellerTradeParty/ram:URIUniversalCommunication/ram:URIID/@schemeID"), "0225");
    EXPECT_EQ(one(xml, "//ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID"), "732829320");
    EXPECT_EQ(one(xml, "//ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID"), "FR44732829320");
    EXPECT_EQ(one(xml, "//ram:BuyerTradeParty/ram:PostalTradeAddress/ram:CityName"), "Paris");
    EXPECT_EQ(one(xml, "//ram:ShipToTradeParty/ram:PostalTradeAddress/ram:CityName"), "Marseille");
    EXPECT_EQ(one(xml, "//ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID"), "BC-7781");
    EXPECT_EQ(one(xml, "//ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID"), "M1");
    EXPECT_EQ(one(xml, "//ram:PayeePartyCreditorFinancialAccount/ram:IBANID"), "FR7630006000011234567890189");
    EXPECT_EQ(one(xml, "//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode"), "58");
    EXPECT_EQ(one(xml, "//ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString"), "20261220");
    for (const char* subject : {"PMD", "PMT", "AAB", "BAR"})
        EXPECT_EQ(xpath(xml, std::string("//rsm:ExchangedDocument/ram:IncludedNote[ram:SubjectCode='") + subject + "']").size(), 1u)
            << subject;
}

TEST(CiiContent, ExemptionsCarryTheirMentionAndVatexCode) {
    const std::string xml = cii_of(test::sample("exemptions"), Profile::En16931);
    auto codes = xpath(xml, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:ExemptionReasonCode");
    EXPECT_NE(std::find(codes.begin(), codes.end(), "VATEX-EU-132"), codes.end());
    EXPECT_EQ(one(cii_of(test::sample("disbursement"), Profile::En16931),
                  "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:ExemptionReasonCode"),
              "VATEX-EU-79-C");
    EXPECT_EQ(one(cii_of(test::sample("franchise_en_base"), Profile::En16931),
                  "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:ExemptionReasonCode"),
              "VATEX-FR-FRANCHISE");
    const std::string ae = cii_of(test::sample("reverse_charge_eu"), Profile::En16931);
    EXPECT_EQ(one(ae, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode"), "AE");
    EXPECT_EQ(one(ae, "//ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID"), "BE0477472701");
    EXPECT_EQ(one(ae, "//rsm:ExchangedDocument/ram:IncludedNote[ram:SubjectCode='BAR']/ram:Content"), "B2BINT");
}

TEST(CiiContent, DepositFinalInvoiceAndCreditNote) {
    const std::string deposit = cii_of(test::sample("deposit"), Profile::En16931);
    EXPECT_EQ(one(deposit, "//rsm:ExchangedDocument/ram:TypeCode"), "386");
    auto fin = test::sample("final_after_deposit");
    const std::string final_xml = cii_of(fin, Profile::En16931);
    EXPECT_EQ(one(final_xml, "//ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID"), "M4");
    EXPECT_EQ(one(final_xml, "//ram:TotalPrepaidAmount"), fin.totals.prepaid.to_string());
    EXPECT_EQ(one(final_xml, "//ram:DuePayableAmount"), (fin.totals.total_incl_vat - fin.totals.prepaid).to_string());
    EXPECT_EQ(one(final_xml, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID"), "FA-2026-00030");
    EXPECT_EQ(one(final_xml, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax[1]/ram:DueDateTypeCode"), "5");
    const std::string credit = cii_of(test::sample("credit_note"), Profile::En16931);
    EXPECT_EQ(one(credit, "//rsm:ExchangedDocument/ram:TypeCode"), "381");
    EXPECT_EQ(one(credit, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID"), "FA-2026-00042");
    EXPECT_EQ(one(credit, "//ram:InvoiceReferencedDocument/ram:FormattedIssueDateTime/qdt:DateTimeString"), "20261102");
    EXPECT_EQ(one(credit, "//ram:GrandTotalAmount"), test::sample("credit_note").totals.total_incl_vat.to_string());
    EXPECT_FALSE(test::sample("credit_note").totals.total_incl_vat.is_negative());  // positive amounts
}

TEST(CiiContent, SituationsStateTheAmountsActuallyBilled) {
    auto s2 = test::sample("situation_2");
    const std::string xml = cii_of(s2, Profile::En16931);
    // Gros œuvre: 65 % − 30 % of 20 000 = 7 000 billed now, not the contract's 20 000.
    auto nets = xpath(xml, "//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount");
    EXPECT_EQ(nets, (std::vector<std::string>{"7000.00", "3200.00", "1625.00"}));
    EXPECT_EQ(one(xml, "//ram:IncludedSupplyChainTradeLineItem[1]//ram:IncludedNote/ram:Content"),
              "Avancement cumulé : 65 % (montant facturé par cette situation)");
    EXPECT_EQ(one(xml, "//ram:GrandTotalAmount"), s2.totals.total_incl_vat.to_string());
    EXPECT_EQ(one(xml, "//ram:DuePayableAmount"), s2.totals.amount_due.to_string());
}

TEST(CiiContent, PublicSectorCarriesServiceCodeAndCommitment) {
    const std::string xml = cii_of(test::sample("public_sector"), Profile::En16931);
    EXPECT_EQ(one(xml, "//ram:BuyerReference"), "SERV-TECH-01");
    EXPECT_EQ(one(xml, "//ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID"), "EJ-2026-000123");
}

TEST(CiiContent, MinimumHasNoLinesAndTheTotals) {
    auto s = test::sample("mixed_rates");
    const std::string xml = cii_of(s, Profile::Minimum);
    EXPECT_TRUE(xpath(xml, "//ram:IncludedSupplyChainTradeLineItem").empty());
    EXPECT_EQ(one(xml, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"), "urn:factur-x.eu:1p0:minimum");
    EXPECT_EQ(one(xml, "//ram:GrandTotalAmount"), s.totals.total_incl_vat.to_string());
}

TEST(CiiContent, TextIsEscapedByTheWriter) {
    auto s = test::sample("mixed_rates");
    s.document.lines[1].line.description = std::string("Pose <b>&</b> \"finition\" ]]>\x01\x1f");
    const std::string xml = cii_of(s, Profile::En16931);
    EXPECT_EQ(one(xml, "//ram:IncludedSupplyChainTradeLineItem[1]//ram:Name"), "Pose <b>&</b> \"finition\" ]]>");
}

}  // namespace
}  // namespace comptoir::einvoice
