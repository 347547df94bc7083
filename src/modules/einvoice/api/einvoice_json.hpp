// JSON shapes shared by the e-invoicing API: rule violations and the EN 16931 invoice model.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "modules/einvoice/model/invoice.hpp"
#include "modules/einvoice/model/rules.hpp"

namespace comptoir::einvoice {

nlohmann::json violations_json(const std::vector<RuleViolation>& violations);

}  // namespace comptoir::einvoice
