// The UBL 2.1 Invoice and CreditNote written for every sample pass the OASIS schemas.
#include <gtest/gtest.h>

#include "modules/einvoice/model/from_document.hpp"
#include "modules/einvoice/tests/sample_invoices.hpp"
#include "modules/einvoice/xml/ubl.hpp"
#include "modules/einvoice/xml/xsd.hpp"

namespace comptoir::einvoice {
namespace {

TEST(UblWriter, EverySamplePassesTheOasisSchema) {
    const std::string dir = test::shared_dir();
    if (dir.empty()) GTEST_SKIP() << "../shared/einvoice is absent: schemas not available";
    for (const auto& s : test::samples()) {
        auto inv = from_document(s.document, s.totals, s.context).value();
        const std::string xml = xml::write_ubl(inv);
        const bool credit = s.document.type == sales::DocumentType::CreditNote;
        EXPECT_EQ(xml.find(credit ? "<CreditNote" : "<Invoice"), xml.find('<', xml.find("?>")));
        auto r = xml::validate_xsd(xml, dir + (credit ? "/xsd/ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd"
                                                      : "/xsd/ubl-2.1/maindoc/UBL-Invoice-2.1.xsd"));
        ASSERT_TRUE(r.loaded);
        EXPECT_TRUE(r.valid()) << s.name << ": " << (r.errors.empty() ? "" : r.errors[0]) << "\n" << xml;
    }
}

TEST(UblWriter, CarriesTheSameTotals) {
    auto s = test::sample("final_after_deposit");
    const std::string xml = xml::write_ubl(from_document(s.document, s.totals, s.context).value());
    EXPECT_NE(xml.find("<cbc:PrepaidAmount currencyID=\"EUR\">" + s.totals.prepaid.to_string() + "</cbc:PrepaidAmount>"),
              std::string::npos);
    EXPECT_NE(xml.find("<cbc:PayableAmount currencyID=\"EUR\">" + s.totals.amount_due.to_string() + "</cbc:PayableAmount>"),
              std::string::npos);
    EXPECT_NE(xml.find("<cbc:ProfileID>M4</cbc:ProfileID>"), std::string::npos);
    EXPECT_NE(xml.find("<cbc:Note>#PMT#"), std::string::npos);
}

}  // namespace
}  // namespace comptoir::einvoice
