// Shared by the CII and UBL readers: strict numbers and dates, each failure an issue naming the
// business term, never an exception.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/einvoice/xml/reader.hpp"
#include "modules/einvoice/xml/safe_xml.hpp"

namespace comptoir::einvoice::xml {

class ValueReader {
public:
    explicit ValueReader(std::vector<RuleViolation>& issues) : issues_(issues) {}

    void issue(std::string rule, std::string term, std::string field, std::string fr, std::string en) {
        issues_.push_back({std::move(rule), std::move(term), std::move(field), std::move(fr), std::move(en), false});
    }
    void warning(std::string rule, std::string term, std::string field, std::string fr, std::string en) {
        issues_.push_back({std::move(rule), std::move(term), std::move(field), std::move(fr), std::move(en), true});
    }
    // xs:decimal: [+-]digits[.digits], at most 6 decimals. Empty and `required`: an issue.
    Decimal decimal(const std::string& text, const char* term, bool required);
    std::optional<Decimal> optional_decimal(const std::string& text, const char* term);
    // A document total the EN 16931 rule `rule` requires (BR-13/14/15).
    Decimal required_total(const std::string& text, const char* rule, const char* term);
    // "20261120" (CII format 102) → "2026-11-20"; anything else is an issue (CII-DT-097) and "".
    std::string date102(const std::string& text, const char* term);
    // "2026-11-20" (xs:date) checked.
    std::string iso_date(const std::string& text, const char* term);

private:
    std::vector<RuleViolation>& issues_;
};

std::string join(const std::vector<std::string>& parts, const std::string& separator = "\n");

void read_cii(XmlDocument& doc, ParsedInvoice& out);
void read_ubl(XmlDocument& doc, ParsedInvoice& out);

}  // namespace comptoir::einvoice::xml
