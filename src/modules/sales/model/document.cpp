#include "modules/sales/model/document.hpp"

namespace comptoir::sales {

std::string_view to_code(OperationCategory c) {
    switch (c) {
        case OperationCategory::Goods: return "goods";
        case OperationCategory::Services: return "services";
        case OperationCategory::Mixed: return "mixed";
    }
    return "services";
}

std::optional<OperationCategory> parse_operation_category(std::string_view code) {
    if (code == "goods") return OperationCategory::Goods;
    if (code == "services") return OperationCategory::Services;
    if (code == "mixed") return OperationCategory::Mixed;
    return std::nullopt;
}

}  // namespace comptoir::sales
