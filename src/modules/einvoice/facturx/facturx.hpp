// The Factur-X container: a PDF/A-3b whose catalog carries the invoice's CII XML as the associated
// file `factur-x.xml`, the XMP metadata declaring PDF/A-3b and the Factur-X extension schema, and an
// sRGB output intent. Assembled with qpdf from the PDF cairo renders (which embeds font subsets);
// no PDF syntax is written by hand. Also reads the attachments of a received PDF.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "modules/einvoice/model/invoice.hpp"

namespace comptoir::einvoice::facturx {

struct Metadata {
    Profile profile = Profile::En16931;
    std::string title;    // "Facture FA-2026-00042"
    std::string author;   // the seller
    std::string subject;  // "Facture FA-2026-00042 de Atelier Dupont à Société Cliente"
    std::string date;     // ISO date of issue: the XMP and Info dates (deterministic output)
};

Metadata metadata_of(const Invoice& invoice);

// `pdf` as rendered, `xml` the CII. Errors: facturx.pdf_unreadable, facturx.encrypted.
Result<std::string> make_facturx(const std::string& pdf, const std::string& xml, const Metadata& meta);

// The XMP packet make_facturx writes (exposed for the tests).
std::string xmp_packet(const Metadata& meta);

struct Attachment {
    std::string name;          // "factur-x.xml", "zugferd-invoice.xml", "ZUGFeRD-invoice.xml", "xrechnung.xml"…
    std::string mime;          // as declared: "text/xml", "application/xml"… ("" when absent)
    std::string relationship;  // "Alternative", "Data", "Source", "Unspecified" ("" when absent)
    std::string bytes;
};

struct PdfInfo {
    bool encrypted = false;
    bool damaged = false;                 // qpdf had to repair it (broken cross-reference table…)
    std::vector<Attachment> attachments;  // from the EmbeddedFiles tree and the catalog's AF array
    std::string xmp;                      // the catalog's metadata stream ("" when none)
    bool output_intent = false;           // /OutputIntents with a /DestOutputProfile
    std::vector<std::string> af_names;    // file names listed in the catalog's /AF
};

// Reads a PDF (hostile input welcome: errors, never exceptions or crashes). `max_attachment` caps
// what is read of each embedded file. Errors: facturx.pdf_unreadable.
Result<PdfInfo> read_pdf(const std::string& pdf, std::size_t max_attachment = 20u << 20);

// True when `pdf` already carries a factur-x.xml (a document issued as Factur-X).
bool has_facturx_attachment(const std::string& pdf);

}  // namespace comptoir::einvoice::facturx
