#include "modules/einvoice/facturx/facturx.hpp"

#include <fstream>
#include <iterator>
#include <algorithm>
#include <memory>
#include <optional>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFWriter.hh>

#include "modules/einvoice/xml/xml_writer.hpp"

namespace comptoir::einvoice::facturx {
namespace {

constexpr const char* kFxNamespace = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";
constexpr const char* kProducer = "Comptoir";

Error unreadable(const std::string& detail) {
    return Error::invalid_field("file", "facturx.pdf_unreadable", "Ce PDF ne peut pas être lu (" + detail + ").",
                                "This PDF cannot be read (" + detail + ").");
}

std::string icc_profile() {
    static const std::string bytes = [] {
        std::ifstream in(COMPTOIR_SRGB_ICC, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }();
    return bytes;
}

// "2026-11-20" → PDF date "D:20261120000000Z" / XMP date "2026-11-20T00:00:00Z".
std::string pdf_date(const std::string& iso) {
    std::string digits;
    for (char c : iso)
        if (c >= '0' && c <= '9') digits.push_back(c);
    if (digits.size() != 8) digits = "20000101";
    return "D:" + digits + "000000Z";
}
std::string xmp_date(const std::string& iso) { return (iso.size() == 10 ? iso : std::string("2000-01-01")) + "T00:00:00Z"; }

void property(xml::XmlWriter& w, const char* name, const char* value_type, const char* category, const char* description) {
    w.start("rdf:li");
    w.attribute("rdf:parseType", "Resource");
    w.element("pdfaProperty:name", name);
    w.element("pdfaProperty:valueType", value_type);
    w.element("pdfaProperty:category", category);
    w.element("pdfaProperty:description", description);
    w.end();
}

void open_lang_alt(xml::XmlWriter& w, const char* element, const std::string& text) {
    w.start(element);
    w.start("rdf:Alt");
    w.start("rdf:li");
    w.attribute("xml:lang", "x-default");
    w.text(text);
    w.end();
    w.end();
    w.end();
}

}  // namespace

Metadata metadata_of(const Invoice& inv) {
    Metadata m;
    m.profile = inv.profile;
    const std::string kind = is_credit_note_type(inv.type_code) ? "Avoir" : "Facture";
    m.title = kind + " " + inv.number;
    m.author = inv.seller.name;
    m.subject = kind + " " + inv.number + " de " + inv.seller.name + " à " + inv.buyer.name;
    m.date = inv.issue_date;
    return m;
}

std::string xmp_packet(const Metadata& meta) {
    xml::XmlWriter w(xml::XmlWriter::Declaration::No);
    w.processing_instruction("xpacket", "begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"");
    w.start("x:xmpmeta");
    w.attribute("xmlns:x", "adobe:ns:meta/");
    w.start("rdf:RDF");
    w.attribute("xmlns:rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");

    w.start("rdf:Description");
    w.attribute("rdf:about", "");
    w.attribute("xmlns:pdfaid", "http://www.aiim.org/pdfa/ns/id/");
    w.element("pdfaid:part", "3");
    w.element("pdfaid:conformance", "B");
    w.end();

    w.start("rdf:Description");
    w.attribute("rdf:about", "");
    w.attribute("xmlns:dc", "http://purl.org/dc/elements/1.1/");
    w.element("dc:format", "application/pdf");
    open_lang_alt(w, "dc:title", meta.title);
    w.start("dc:creator");
    w.start("rdf:Seq");
    w.element("rdf:li", meta.author.empty() ? std::string(kProducer) : meta.author, false);
    w.end();
    w.end();
    open_lang_alt(w, "dc:description", meta.subject);
    w.end();

    w.start("rdf:Description");
    w.attribute("rdf:about", "");
    w.attribute("xmlns:pdf", "http://ns.adobe.com/pdf/1.3/");
    w.element("pdf:Producer", kProducer);
    w.end();

    w.start("rdf:Description");
    w.attribute("rdf:about", "");
    w.attribute("xmlns:xmp", "http://ns.adobe.com/xap/1.0/");
    w.element("xmp:CreatorTool", kProducer);
    w.element("xmp:CreateDate", xmp_date(meta.date));
    w.element("xmp:ModifyDate", xmp_date(meta.date));
    w.element("xmp:MetadataDate", xmp_date(meta.date));
    w.end();

    // The PDF/A extension schema that declares the Factur-X properties (they are not standard XMP).
    w.start("rdf:Description");
    w.attribute("rdf:about", "");
    w.attribute("xmlns:pdfaExtension", "http://www.aiim.org/pdfa/ns/extension/");
    w.attribute("xmlns:pdfaSchema", "http://www.aiim.org/pdfa/ns/schema#");
    w.attribute("xmlns:pdfaProperty", "http://www.aiim.org/pdfa/ns/property#");
    w.start("pdfaExtension:schemas");
    w.start("rdf:Bag");
    w.start("rdf:li");
    w.attribute("rdf:parseType", "Resource");
    w.element("pdfaSchema:schema", "Factur-X PDFA Extension Schema");
    w.element("pdfaSchema:namespaceURI", kFxNamespace);
    w.element("pdfaSchema:prefix", "fx");
    w.start("pdfaSchema:property");
    w.start("rdf:Seq");
    property(w, "DocumentFileName", "Text", "external", "The name of the embedded XML document");
    property(w, "DocumentType", "Text", "external", "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER");
    property(w, "Version", "Text", "external", "The actual version of the standard applying to the embedded XML document");
    property(w, "ConformanceLevel", "Text", "external", "The conformance level of the embedded XML document");
    w.end();
    w.end();
    w.end();
    w.end();
    w.end();
    w.end();

    w.start("rdf:Description");
    w.attribute("rdf:about", "");
    w.attribute("xmlns:fx", kFxNamespace);
    w.element("fx:DocumentType", "INVOICE");
    w.element("fx:DocumentFileName", "factur-x.xml");
    w.element("fx:Version", "1.0");
    w.element("fx:ConformanceLevel", conformance_level(meta.profile));
    w.end();

    w.end();  // rdf:RDF
    w.end();  // x:xmpmeta
    w.processing_instruction("xpacket", "end=\"w\"");
    return w.finish();
}

Result<std::string> make_facturx(const std::string& pdf_bytes, const std::string& xml, const Metadata& meta) {
    const std::string icc = icc_profile();
    if (icc.empty()) return fail(Error::internal("facturx.icc_profile_missing"));
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processMemoryFile("invoice.pdf", pdf_bytes.data(), pdf_bytes.size());
        if (pdf.isEncrypted())
            return fail(Error::invalid_field("file", "facturx.encrypted", "Un PDF chiffré ne peut pas devenir un Factur-X.",
                                             "An encrypted PDF cannot become a Factur-X."));
        QPDFObjectHandle root = pdf.getRoot();

        // The XML as an associated file: /F and /UF, MIME text/xml, its dates, the relationship the
        // profile calls for, in the EmbeddedFiles name tree and in the catalog's /AF array.
        auto stream = QPDFEFStreamObjectHelper::createEFStream(pdf, xml);
        stream.setSubtype("text/xml").setCreationDate(pdf_date(meta.date)).setModDate(pdf_date(meta.date));
        auto spec = QPDFFileSpecObjectHelper::createFileSpec(pdf, "factur-x.xml", stream);
        spec.setDescription("Factur-X invoice (" + std::string(conformance_level(meta.profile)) + ")");
        const bool data = meta.profile == Profile::Minimum || meta.profile == Profile::BasicWl;
        QPDFObjectHandle spec_object = spec.getObjectHandle();
        spec_object.replaceKey("/AFRelationship", QPDFObjectHandle::newName(data ? "/Data" : "/Alternative"));
        QPDFEmbeddedFileDocumentHelper files(pdf);
        files.replaceEmbeddedFile("factur-x.xml", spec);
        root.replaceKey("/AF", QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{spec_object}));

        // XMP metadata, uncompressed, agreeing with the document information dictionary.
        QPDFObjectHandle metadata = QPDFObjectHandle::newStream(&pdf, xmp_packet(meta));
        metadata.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
        metadata.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
        root.replaceKey("/Metadata", pdf.makeIndirectObject(metadata));
        QPDFObjectHandle info = QPDFObjectHandle::newDictionary();
        info.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(meta.title));
        info.replaceKey("/Author", QPDFObjectHandle::newUnicodeString(meta.author.empty() ? kProducer : meta.author));
        info.replaceKey("/Subject", QPDFObjectHandle::newUnicodeString(meta.subject));
        info.replaceKey("/Creator", QPDFObjectHandle::newUnicodeString(kProducer));
        info.replaceKey("/Producer", QPDFObjectHandle::newUnicodeString(kProducer));
        info.replaceKey("/CreationDate", QPDFObjectHandle::newString(pdf_date(meta.date)));
        info.replaceKey("/ModDate", QPDFObjectHandle::newString(pdf_date(meta.date)));
        pdf.getTrailer().replaceKey("/Info", pdf.makeIndirectObject(info));

        // sRGB output intent: the device colours cairo paints with are sRGB.
        QPDFObjectHandle profile = QPDFObjectHandle::newStream(&pdf, icc);
        profile.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
        QPDFObjectHandle intent = QPDFObjectHandle::newDictionary();
        intent.replaceKey("/Type", QPDFObjectHandle::newName("/OutputIntent"));
        intent.replaceKey("/S", QPDFObjectHandle::newName("/GTS_PDFA1"));
        intent.replaceKey("/OutputConditionIdentifier", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
        intent.replaceKey("/Info", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
        intent.replaceKey("/DestOutputProfile", pdf.makeIndirectObject(profile));
        root.replaceKey("/OutputIntents", QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{pdf.makeIndirectObject(intent)}));

        QPDFWriter writer(pdf);
        writer.setOutputMemory();
        writer.setMinimumPDFVersion("1.7");
        writer.setDeterministicID(true);  // the same document gives the same file (and the same hash)
        writer.write();
        auto buffer = writer.getBufferSharedPointer();
        return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
    } catch (const std::exception& e) {
        return fail(unreadable(e.what()));
    }
}

Result<PdfInfo> read_pdf(const std::string& bytes, std::size_t max_attachment) {
    PdfInfo out;
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processMemoryFile("received.pdf", bytes.data(), bytes.size());
        out.encrypted = pdf.isEncrypted();
        QPDFObjectHandle root = pdf.getRoot();
        auto read_spec = [&](QPDFFileSpecObjectHelper spec) -> std::optional<Attachment> {
            Attachment a;
            a.name = spec.getFilename();
            QPDFObjectHandle rel = spec.getObjectHandle().getKey("/AFRelationship");
            if (rel.isName()) a.relationship = rel.getName().substr(1);
            QPDFObjectHandle ef = spec.getEmbeddedFileStream();
            if (!ef.isStream()) return std::nullopt;
            QPDFEFStreamObjectHelper stream(ef);
            a.mime = stream.getSubtype();
            auto length = stream.getSize();
            if (length > max_attachment) return std::nullopt;
            auto data = ef.getStreamData(qpdf_dl_generalized);
            if (data->getSize() > max_attachment) return std::nullopt;
            a.bytes.assign(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
            return a;
        };
        QPDFEmbeddedFileDocumentHelper files(pdf);
        for (auto& [key, spec] : files.getEmbeddedFiles())
            if (auto a = read_spec(*spec)) out.attachments.push_back(std::move(*a));
        QPDFObjectHandle af = root.getKey("/AF");
        if (af.isArray())
            for (int i = 0; i < af.getArrayNItems() && i < 50; ++i) {
                QPDFObjectHandle item = af.getArrayItem(i);
                if (!item.isDictionary()) continue;
                QPDFFileSpecObjectHelper spec(item);
                out.af_names.push_back(spec.getFilename());
                const std::string name = spec.getFilename();
                if (std::none_of(out.attachments.begin(), out.attachments.end(), [&](const Attachment& a) { return a.name == name; }))
                    if (auto a = read_spec(spec)) out.attachments.push_back(std::move(*a));
            }
        QPDFObjectHandle metadata = root.getKey("/Metadata");
        if (metadata.isStream()) {
            auto data = metadata.getStreamData(qpdf_dl_generalized);
            if (data->getSize() <= (4u << 20)) out.xmp.assign(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
        }
        QPDFObjectHandle intents = root.getKey("/OutputIntents");
        if (intents.isArray())
            for (int i = 0; i < intents.getArrayNItems(); ++i) {
                QPDFObjectHandle intent = intents.getArrayItem(i);
                if (intent.isDictionary() && intent.getKey("/DestOutputProfile").isStream()) out.output_intent = true;
            }
        out.damaged = pdf.anyWarnings();
        return out;
    } catch (const std::exception& e) {
        return fail(unreadable(e.what()));
    }
}

bool has_facturx_attachment(const std::string& pdf) {
    auto info = read_pdf(pdf);
    if (!info) return false;
    return std::any_of(info->attachments.begin(), info->attachments.end(),
                       [](const Attachment& a) { return a.name == "factur-x.xml"; });
}

}  // namespace comptoir::einvoice::facturx
