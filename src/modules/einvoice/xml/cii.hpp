// CII (UN/CEFACT Cross Industry Invoice D16B, the XML inside Factur-X): writing and reading.
#pragma once

#include <string>

#include "modules/einvoice/model/invoice.hpp"

namespace comptoir::einvoice::xml {

// The Factur-X XML of `invoice` at its profile (invoice.profile).
std::string write_cii(const Invoice& invoice);

}  // namespace comptoir::einvoice::xml
