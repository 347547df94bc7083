#include "modules/einvoice/xml/xml_writer.hpp"

#include <stdexcept>

#include <libxml/xmlwriter.h>

namespace comptoir::einvoice::xml {
namespace {

const xmlChar* x(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }

void check(int rc) {
    if (rc < 0) throw std::runtime_error("xml writer failed");
}

}  // namespace

XmlWriter::XmlWriter(Declaration declaration) : buffer_(xmlBufferCreate()), writer_(nullptr) {
    if (!buffer_) throw std::bad_alloc();
    writer_ = xmlNewTextWriterMemory(buffer_, 0);
    if (!writer_) {
        xmlBufferFree(buffer_);
        throw std::bad_alloc();
    }
    xmlTextWriterSetIndent(writer_, 1);
    xmlTextWriterSetIndentString(writer_, reinterpret_cast<const xmlChar*>("  "));
    if (declaration == Declaration::Yes) check(xmlTextWriterStartDocument(writer_, nullptr, "UTF-8", nullptr));
}

XmlWriter::~XmlWriter() {
    if (writer_) xmlFreeTextWriter(writer_);
    xmlBufferFree(buffer_);
}

void XmlWriter::start(std::string_view qname) { check(xmlTextWriterStartElement(writer_, x(std::string(qname)))); }

void XmlWriter::attribute(std::string_view qname, std::string_view value) {
    check(xmlTextWriterWriteAttribute(writer_, x(std::string(qname)), x(std::string(value))));
}

// XML 1.0 has no place for control characters other than tab and line breaks: they are dropped
// (a stray one pasted into a designation must not make the whole invoice unreadable).
void XmlWriter::text(std::string_view value) {
    std::string clean;
    clean.reserve(value.size());
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 || c == '\t' || c == '\n' || c == '\r') clean.push_back(c);
    }
    check(xmlTextWriterWriteString(writer_, x(clean)));
}

void XmlWriter::end() { check(xmlTextWriterEndElement(writer_)); }

void XmlWriter::processing_instruction(std::string_view target, std::string_view content) {
    check(xmlTextWriterWritePI(writer_, x(std::string(target)), x(std::string(content))));
}

void XmlWriter::element(std::string_view qname, std::string_view value, bool skip_empty) {
    if (value.empty() && skip_empty) return;
    start(qname);
    text(value);
    end();
}

void XmlWriter::element_with(std::string_view qname, std::string_view attr, std::string_view attr_value,
                             std::string_view value) {
    start(qname);
    if (!attr_value.empty()) attribute(attr, attr_value);
    text(value);
    end();
}

std::string XmlWriter::finish() {
    while (xmlTextWriterEndElement(writer_) >= 0) {
    }
    xmlTextWriterFlush(writer_);
    xmlFreeTextWriter(writer_);
    writer_ = nullptr;
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_)),
                       static_cast<std::size_t>(xmlBufferLength(buffer_)));
}

}  // namespace comptoir::einvoice::xml
