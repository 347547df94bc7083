// What a supplier sent, whatever its container: a Factur-X / ZUGFeRD 2 PDF (its XML attachment is
// extracted with qpdf), a CII XML or a UBL XML. Detects the format and the profile and reads the
// invoice; every refusal is a clear message naming the file.
#pragma once

#include <string>

#include "core/error.hpp"
#include "modules/einvoice/xml/reader.hpp"

namespace comptoir::einvoice {

inline constexpr std::size_t kMaxReceivedBytes = 20u << 20;  // 20 MB

struct ReceivedInvoice {
    std::string format;      // "facturx" (PDF), "cii", "ubl"
    std::string attachment;  // the PDF's XML file name ("factur-x.xml", "zugferd-invoice.xml"…), "" for XML
    std::string xml;         // the invoice's XML
    xml::ParsedInvoice parsed;
};

// Errors (field "file"): file.empty, file.too_large, file.unknown_format, facturx.pdf_unreadable,
// facturx.encrypted, facturx.no_attachment, and those of xml::read_invoice_xml.
// With `schema_dir` (a folder holding the official schemas: cii-d16b/, facturx-*/, ubl-2.1/), the
// XML is also validated against its schema and each error becomes an issue (rule "XSD").
Result<ReceivedInvoice> read_received(const std::string& bytes, const std::string& schema_dir = "");
// The schema a received XML is checked against ("" when `schema_dir` is empty or lacks it).
std::string schema_for(const ReceivedInvoice& received, const std::string& schema_dir);

}  // namespace comptoir::einvoice
