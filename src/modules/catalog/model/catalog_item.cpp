#include "modules/catalog/model/catalog_item.hpp"

#include <unicode/unistr.h>

#include "modules/catalog/model/item_validation.hpp"

namespace comptoir::catalog {

std::string_view to_code(ItemKind kind) { return kind == ItemKind::Service ? "service" : "goods"; }

Checked<ItemKind> parse_item_kind(std::string_view code) {
    std::string c = one_line(code);
    for (auto& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (c == "goods") return ItemKind::Goods;
    if (c == "service") return ItemKind::Service;
    return reject("kind.invalid", "Type inconnu : bien (goods) ou service (service).",
                  "Unknown kind: goods or service.");
}

std::string reference_key(std::string_view reference) {
    std::string collapsed = one_line(reference);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(collapsed.data(), static_cast<int32_t>(collapsed.size())));
    u.foldCase();
    std::string out;
    u.toUTF8String(out);
    return out;
}

}  // namespace comptoir::catalog
