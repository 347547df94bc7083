// NAF rév. 2 activity code (code APE), as shown on the INSEE SIRENE notice: "62.01Z".
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir {

// "6201Z", "62.01Z", "62.01 z", "62 01 Z" → "62.01Z": 2 digits, a dot, 2 digits, an uppercase letter.
// Codes: naf.empty, naf.format. Only the shape is checked, not membership of the nomenclature.
Checked<std::string> normalise_naf(std::string_view input);

}  // namespace comptoir
