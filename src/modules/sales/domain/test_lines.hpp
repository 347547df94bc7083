// Builders shared by the sales domain tests: decimals and amounts from text, and lines in one call.
#pragma once

#include <string_view>

#include "core/money/decimal.hpp"
#include "core/money/money.hpp"
#include "modules/sales/domain/document_line.hpp"
#include "modules/sales/domain/vat.hpp"

namespace comptoir::sales::test {

inline Decimal D(std::string_view s) { return Decimal::parse(s, "test").value(); }
inline Money M(std::string_view s) { return Money::parse(s, "test").value(); }
inline VatRate vat(std::string_view percent) { return standard_rate(D(percent)); }

inline DocumentLine item(std::string_view description, std::string_view quantity, std::string_view unit_price,
                         VatRate rate = vat("20"), std::string_view discount = "0") {
    DocumentLine l;
    l.kind = LineKind::Item;
    l.description = std::string(description);
    l.quantity = D(quantity);
    l.unit_price = D(unit_price);
    l.discount_percent = D(discount);
    l.vat = rate;
    return l;
}

inline DocumentLine with_cost(DocumentLine l, std::string_view unit_cost) {
    l.unit_cost = D(unit_cost);
    return l;
}

inline DocumentLine section(std::string_view title) {
    DocumentLine l;
    l.kind = LineKind::Section;
    l.description = std::string(title);
    return l;
}

inline DocumentLine subtotal() {
    DocumentLine l;
    l.kind = LineKind::Subtotal;
    return l;
}

inline DocumentLine note(std::string_view text) {
    DocumentLine l;
    l.kind = LineKind::Text;
    l.description = std::string(text);
    return l;
}

}  // namespace comptoir::sales::test
