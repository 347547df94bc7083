// Validation against an XML Schema with libxml2 (the official CII, Factur-X and UBL schemas).
// Used by the tests on everything Comptoir writes, and on reception to report what a supplier's
// file breaks. The schema is loaded from disk once per path and kept (libxml2 schemas are
// read-only once parsed, and validation contexts are made per call, so this is thread-safe).
#pragma once

#include <string>
#include <vector>

namespace comptoir::einvoice::xml {

struct XsdResult {
    bool loaded = false;              // the schema itself could be read
    std::vector<std::string> errors;  // "line 12: Element '…': This element is not expected."
    bool valid() const { return loaded && errors.empty(); }
};

XsdResult validate_xsd(const std::string& xml, const std::string& schema_path);

}  // namespace comptoir::einvoice::xml
