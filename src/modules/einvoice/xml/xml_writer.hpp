// A thin RAII layer over libxml2's xmlTextWriter: elements, attributes and text are written
// through the library (which escapes them), never by concatenating strings.
#pragma once

#include <string>
#include <string_view>

struct _xmlBuffer;
struct _xmlTextWriter;

namespace comptoir::einvoice::xml {

class XmlWriter {
public:
    enum class Declaration { Yes, No };
    explicit XmlWriter(Declaration declaration = Declaration::Yes);
    ~XmlWriter();
    XmlWriter(const XmlWriter&) = delete;
    XmlWriter& operator=(const XmlWriter&) = delete;

    void start(std::string_view qname);
    void attribute(std::string_view qname, std::string_view value);
    void text(std::string_view value);
    void end();
    // A processing instruction, e.g. the XMP packet's <?xpacket …?>.
    void processing_instruction(std::string_view target, std::string_view content);
    // <qname>value</qname>; nothing when `value` is empty and `skip_empty`.
    void element(std::string_view qname, std::string_view value, bool skip_empty = true);
    // <qname attr="attr_value">value</qname>
    void element_with(std::string_view qname, std::string_view attr, std::string_view attr_value, std::string_view value);

    // Closes every open element and returns the document (UTF-8, with its declaration).
    std::string finish();

private:
    _xmlBuffer* buffer_;
    _xmlTextWriter* writer_;
};

}  // namespace comptoir::einvoice::xml
