#include "modules/identity/domain/image_type.hpp"

namespace comptoir::identity {

std::optional<ImageType> detect_image_type(std::string_view bytes) {
    static constexpr std::string_view kPng("\x89PNG\r\n\x1a\n", 8);
    static constexpr std::string_view kJpeg("\xFF\xD8\xFF", 3);
    if (bytes.starts_with(kPng)) return ImageType::Png;
    if (bytes.starts_with(kJpeg)) return ImageType::Jpeg;
    return std::nullopt;
}

std::string_view extension(ImageType type) { return type == ImageType::Png ? "png" : "jpg"; }
std::string_view content_type(ImageType type) { return type == ImageType::Png ? "image/png" : "image/jpeg"; }

}  // namespace comptoir::identity
