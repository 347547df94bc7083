// Factur-X: the PDF cairo renders becomes a PDF/A-3b carrying factur-x.xml. Without veraPDF here,
// the structural requirements are checked one by one: the attachment and its metadata, the XMP
// (PDF/A identification and Factur-X extension schema, matching the profile), the output intent,
// no encryption, every font embedded.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "modules/einvoice/facturx/facturx.hpp"
#include "modules/einvoice/model/from_document.hpp"
#include "modules/einvoice/tests/sample_invoices.hpp"
#include "modules/einvoice/xml/cii.hpp"
#include "modules/sales/service/print_document.hpp"

namespace comptoir::einvoice {
namespace {

struct Made {
    std::string xml, pdf;
};

Made make(const std::string& name, Profile profile) {
    auto s = test::sample(name);
    s.context.profile = profile;
    auto inv = from_document(s.document, s.totals, s.context).value();
    const std::string rendered = sales::render_document_pdf(sales::PrintInput{s.document, s.totals, "", false}).value();
    const std::string xml = xml::write_cii(inv);
    auto pdf = facturx::make_facturx(rendered, xml, facturx::metadata_of(inv));
    EXPECT_TRUE(pdf) << (pdf ? "" : pdf.error().message_en);
    return {xml, pdf ? *pdf : ""};
}

std::string run(const std::string& command) {
    std::string out;
    if (FILE* p = popen(command.c_str(), "r")) {
        char buf[4096];
        while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
        pclose(p);
    }
    return out;
}

TEST(FacturX, CarriesTheXmlAsItsAlternativeWithTheRightMetadata) {
    auto made = make("mixed_rates", Profile::En16931);
    auto info = facturx::read_pdf(made.pdf);
    ASSERT_TRUE(info);
    EXPECT_FALSE(info->encrypted);
    ASSERT_EQ(info->attachments.size(), 1u);
    const auto& a = info->attachments[0];
    EXPECT_EQ(a.name, "factur-x.xml");
    EXPECT_EQ(a.mime, "text/xml");
    EXPECT_EQ(a.relationship, "Alternative");
    EXPECT_EQ(a.bytes, made.xml);  // what is extracted is what was generated
    EXPECT_EQ(info->af_names, (std::vector<std::string>{"factur-x.xml"}));
    EXPECT_TRUE(info->output_intent);
    for (const char* needle : {"<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
                               "<fx:DocumentType>INVOICE</fx:DocumentType>", "<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>",
                               "<fx:Version>1.0</fx:Version>", "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>",
                               "<pdfaSchema:prefix>fx</pdfaSchema:prefix>",
                               "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#", "<?xpacket end=\"w\"?>"})
        EXPECT_NE(info->xmp.find(needle), std::string::npos) << needle;
    EXPECT_EQ(made.pdf.rfind("%PDF-1.7", 0), 0u);
}

TEST(FacturX, MinimumIsDataAndDeclaresItsLevel) {
    auto made = make("mixed_rates", Profile::Minimum);
    auto info = facturx::read_pdf(made.pdf).value();
    EXPECT_EQ(info.attachments.at(0).relationship, "Data");
    EXPECT_NE(info.xmp.find("<fx:ConformanceLevel>MINIMUM</fx:ConformanceLevel>"), std::string::npos);
    auto basic = facturx::read_pdf(make("mixed_rates", Profile::Basic).pdf).value();
    EXPECT_NE(basic.xmp.find("<fx:ConformanceLevel>BASIC</fx:ConformanceLevel>"), std::string::npos);
}

TEST(FacturX, ParsesWithQpdfEveryFontEmbeddedMetadataUncompressed) {
    auto made = make("situation_2", Profile::En16931);
    const std::string path = ::testing::TempDir() + "facturx-test.pdf";
    std::ofstream(path, std::ios::binary) << made.pdf;
    EXPECT_NE(run("qpdf --check '" + path + "' 2>&1").find("No syntax or stream encoding errors"), std::string::npos);
    const std::string fonts = run("pdffonts '" + path + "' 2>&1");
    ASSERT_NE(fonts.find("-----"), std::string::npos) << fonts;
    std::size_t lines = 0;
    for (std::size_t pos = fonts.find('\n', fonts.find("-----")); pos != std::string::npos && pos + 1 < fonts.size();
         pos = fonts.find('\n', pos + 1)) {
        std::string line = fonts.substr(pos + 1, fonts.find('\n', pos + 1) - pos - 1);
        if (line.empty()) continue;
        ++lines;
        // Columns: name type encoding emb sub uni object ID; "emb" must be yes.
        EXPECT_NE(line.find(" yes "), std::string::npos) << line;
    }
    EXPECT_GT(lines, 0u);
    const std::string json = run("qpdf --json --json-key=objects '" + path + "' 2>/dev/null");
    EXPECT_EQ(json.find("\"/Encrypt\""), std::string::npos);
    // The metadata stream is stored without a filter.
    auto info = facturx::read_pdf(made.pdf).value();
    EXPECT_NE(made.pdf.find("<?xpacket begin="), std::string::npos);
    std::remove(path.c_str());
}

TEST(FacturX, TheSameDocumentGivesTheSameBytes) {
    EXPECT_EQ(make("credit_note", Profile::En16931).pdf, make("credit_note", Profile::En16931).pdf);
}

TEST(FacturX, GarbageIsAnErrorNotACrash) {
    auto r = facturx::make_facturx("not a pdf at all", "<x/>", {});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().fields.at(0).code, "facturx.pdf_unreadable");
    EXPECT_FALSE(facturx::read_pdf("%PDF-1.4\n garbage"));
}

}  // namespace
}  // namespace comptoir::einvoice
