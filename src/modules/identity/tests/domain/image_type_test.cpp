#include "modules/identity/domain/image_type.hpp"

#include <gtest/gtest.h>

namespace comptoir::identity {
namespace {

TEST(ImageType, RecognisesPngAndJpegByTheirFirstBytes) {
    EXPECT_EQ(detect_image_type(std::string("\x89PNG\r\n\x1a\n....", 12)), ImageType::Png);
    EXPECT_EQ(detect_image_type(std::string("\xFF\xD8\xFF\xE0....", 8)), ImageType::Jpeg);
}

TEST(ImageType, RefusesOtherFiles) {
    EXPECT_FALSE(detect_image_type(""));
    EXPECT_FALSE(detect_image_type("GIF89a"));
    EXPECT_FALSE(detect_image_type("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
    EXPECT_FALSE(detect_image_type(std::string("\x89PNG", 4)));  // truncated signature
}

}  // namespace
}  // namespace comptoir::identity
