// Recognises uploaded images by their first bytes, never by the file name or the declared type.
#pragma once

#include <optional>
#include <string_view>

namespace comptoir::identity {

enum class ImageType { Png, Jpeg };

std::optional<ImageType> detect_image_type(std::string_view bytes);
std::string_view extension(ImageType type);     // "png", "jpg"
std::string_view content_type(ImageType type);  // "image/png", "image/jpeg"

inline constexpr std::size_t kMaxLogoBytes = 2 * 1024 * 1024;

}  // namespace comptoir::identity
