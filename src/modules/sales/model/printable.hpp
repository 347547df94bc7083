// How a document becomes a PDF. The service hands the renderer the document with its parties
// frozen (client_json, seller_json), its computed totals and the company's logo; the module wires
// the real renderer (pdf/), tests may count calls. `draft` prints a watermark and no number.
#pragma once

#include <functional>
#include <string>

#include "core/error.hpp"
#include "modules/sales/domain/totals.hpp"
#include "modules/sales/model/document.hpp"

namespace comptoir::sales {

struct PrintInput {
    const Document& document;
    const Totals& totals;
    const std::string& logo;  // PNG or JPEG bytes, "" for none
    bool draft = false;
};

using PdfRenderer = std::function<Result<std::string>(const PrintInput&)>;

}  // namespace comptoir::sales
