// Units as people type them ("h", "m²", "forfait", "jour") and the UN/ECE Recommendation 20/21
// codes an e-invoice carries (BT-130). Unknown units become C62 ("one"): the quantity stays right,
// only the unit's name is lost, and the line's description still says it.
#pragma once

#include <string>
#include <string_view>

namespace comptoir::einvoice {

std::string unit_code(std::string_view typed_unit);
// The reverse, for received invoices: "h" for HUR, "" for C62/H87 and unknown codes.
std::string unit_label(std::string_view code);

}  // namespace comptoir::einvoice
