// Parsing XML that comes from outside (supplier invoices): libxml2 with the network off
// (XML_PARSE_NONET), no entity substitution (no XML_PARSE_NOENT), no external DTD loaded, no
// DOCTYPE accepted at all (an invoice never needs one, and it is where entity bombs live), a size
// cap, and XPath helpers that read text without ever throwing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

struct _xmlDoc;
struct _xmlNode;
struct _xmlXPathContext;

namespace comptoir::einvoice::xml {

inline constexpr std::size_t kMaxXmlBytes = 10u << 20;  // 10 MB: a few thousand lines; anything bigger is refused

class XmlDocument {
public:
    ~XmlDocument();
    XmlDocument(const XmlDocument&) = delete;
    XmlDocument& operator=(const XmlDocument&) = delete;

    // Errors: xml.too_large, xml.doctype (a DOCTYPE), xml.malformed (with libxml2's first message).
    static Result<std::unique_ptr<XmlDocument>> parse(const std::string& bytes);

    _xmlNode* root() const;
    std::string root_name() const;       // local name
    std::string root_namespace() const;  // namespace URI
    // Registers a prefix for the XPath expressions.
    void ns(const char* prefix, const char* uri);
    std::vector<_xmlNode*> nodes(_xmlNode* context, const std::string& xpath) const;
    _xmlNode* node(_xmlNode* context, const std::string& xpath) const;  // first, or nullptr
    // Text content of the first match, trimmed; "" when none.
    std::string text(_xmlNode* context, const std::string& xpath) const;
    static std::string content(_xmlNode* node);  // trimmed text of a node
    static std::string attribute(_xmlNode* node, const char* name);

private:
    XmlDocument() = default;
    _xmlDoc* doc_ = nullptr;
    _xmlXPathContext* xpath_ = nullptr;
};

}  // namespace comptoir::einvoice::xml
