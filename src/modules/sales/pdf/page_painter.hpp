// Pass two: draws a laid-out document on a cairo PDF surface and returns the file's bytes.
#pragma once

#include <string>

#include "core/error.hpp"
#include "modules/sales/pdf/document_composer.hpp"

namespace comptoir::sales::pdf {

Result<std::string> paint_document(const DocumentPlan& plan, const Labels& labels, TextEngine& text);

}  // namespace comptoir::sales::pdf
