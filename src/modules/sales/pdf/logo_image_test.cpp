#include "modules/sales/pdf/logo_image.hpp"

#include <gtest/gtest.h>

#include "modules/sales/pdf/pdf_test_tools.hpp"
#include "modules/sales/pdf/render_pdf.hpp"
#include "modules/sales/pdf/sample_documents.hpp"

using namespace comptoir;
using namespace comptoir::sales::pdf;
namespace t = comptoir::sales::pdf::testing;

namespace {

void expect_logo_refused(const std::string& bytes, const std::string& code) {
    auto checked = check_logo(bytes);
    ASSERT_FALSE(checked.has_value());
    EXPECT_EQ(checked.error().kind, ErrorKind::Invalid);
    ASSERT_EQ(checked.error().fields.size(), 1u);
    EXPECT_EQ(checked.error().fields[0].field, "seller.logo");
    EXPECT_EQ(checked.error().fields[0].code, code);

    PrintableDocument doc = samples::joinery_invoice();
    doc.seller.logo = bytes;
    auto pdf = render_pdf(doc);
    ASSERT_FALSE(pdf.has_value());
    EXPECT_EQ(pdf.error().fields[0].field, "seller.logo");
}

}  // namespace

TEST(LogoImage, PngIsDecodedOnceAndShared) {
    std::string png = samples::logo_png();
    auto first = load_logo(png);
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ((*first)->width, 560);
    EXPECT_EQ((*first)->height, 160);
    auto again = load_logo(std::string(png));  // other storage, same bytes
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(first->get(), again->get());
}

TEST(LogoImage, MalformedLogosAreRefusedCleanly) {
    std::string png = samples::logo_png();
    expect_logo_refused("not an image at all", "pdf.logo_unreadable");
    expect_logo_refused(png.substr(0, png.size() / 2), "pdf.logo_unreadable");  // truncated
    std::string corrupt = png;
    for (size_t i = 100; i < corrupt.size(); i += 7) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
    expect_logo_refused(corrupt, "pdf.logo_unreadable");
    std::string huge = png;  // the header announces 100000 × 100000 pixels
    for (int i : {16, 20}) {
        huge[i] = 0;
        huge[i + 1] = 0x01;
        huge[i + 2] = static_cast<char>(0x86);
        huge[i + 3] = static_cast<char>(0xa0);
    }
    expect_logo_refused(huge, "pdf.logo_too_large");
    expect_logo_refused(std::string("\xff\xd8\xff\xe0\x00\x10JFIF", 10), "pdf.logo_unreadable");  // JPEG stub
    expect_logo_refused(std::string("\x89PNG\r\n\x1a\n", 8), "pdf.logo_unreadable");
}

TEST(LogoImage, JpegIsEmbeddedAsIs) {
    SKIP_WITHOUT_POPPLER();
    std::string jpeg = t::jpeg_of_first_page(*render_pdf(samples::joinery_invoice()), 240, 80);
    ASSERT_GT(jpeg.size(), 100u);
    auto logo = load_logo(jpeg);
    ASSERT_TRUE(logo.has_value()) << logo.error().code;
    EXPECT_TRUE((*logo)->is_jpeg);
    EXPECT_EQ((*logo)->width, 240);
    EXPECT_EQ((*logo)->height, 80);

    PrintableDocument doc = samples::joinery_invoice();
    doc.seller.logo = jpeg;
    auto pdf = render_pdf(doc);
    ASSERT_TRUE(pdf.has_value());
    std::string images = t::pdf_images(*pdf);
    EXPECT_NE(images.find("jpeg"), std::string::npos) << images;
    // Its bytes are in the file unchanged.
    EXPECT_NE(pdf->find(jpeg), std::string::npos);

    expect_logo_refused(jpeg.substr(0, 40), "pdf.logo_unreadable");
}
