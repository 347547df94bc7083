#include "modules/einvoice/xml/safe_xml.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "core/text/trim.hpp"

namespace comptoir::einvoice::xml {
namespace {

Error xml_error(const std::string& code, const std::string& fr, const std::string& en) {
    return Error::invalid_field("file", code, fr, en);
}

// libxml2 reports through a global handler by default; a per-parse context keeps the first message.
void ignore(void*, const char*, ...) {}

}  // namespace

XmlDocument::~XmlDocument() {
    if (xpath_) xmlXPathFreeContext(xpath_);
    if (doc_) xmlFreeDoc(doc_);
}

Result<std::unique_ptr<XmlDocument>> XmlDocument::parse(const std::string& bytes) {
    if (bytes.size() > kMaxXmlBytes)
        return fail(xml_error("xml.too_large", "Le fichier XML dépasse 10 Mo : il est refusé.",
                              "The XML file is larger than 10 MB: refused."));
    if (bytes.empty()) return fail(xml_error("xml.empty", "Le fichier est vide.", "The file is empty."));
    // Refused before parsing: a DOCTYPE is where entity bombs and external entities live.
    if (bytes.find("<!DOCTYPE") != std::string::npos || bytes.find("<!ENTITY") != std::string::npos)
        return fail(xml_error("xml.doctype", "Le fichier XML contient une déclaration DOCTYPE ou ENTITY : refusé par sécurité.",
                              "The XML file has a DOCTYPE or ENTITY declaration: refused for safety."));
    xmlParserCtxt* ctxt = xmlNewParserCtxt();
    if (!ctxt) throw std::bad_alloc();
    xmlSetGenericErrorFunc(nullptr, ignore);
    // NONET: nothing fetched from the network. Neither NOENT (entities stay unexpanded) nor
    // DTDLOAD/DTDATTR/DTDVALID: no external subset is read.
    xmlDoc* doc = xmlCtxtReadMemory(ctxt, bytes.data(), static_cast<int>(bytes.size()), "invoice.xml", nullptr,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS);
    std::string message;
    if (!doc) {
        if (const xmlError* e = xmlCtxtGetLastError(ctxt); e && e->message) {
            message = trim(e->message);
            message += " (ligne " + std::to_string(e->line) + ")";
        }
    }
    xmlFreeParserCtxt(ctxt);
    if (!doc)
        return fail(xml_error("xml.malformed", "Le fichier XML est mal formé : " + message + ".",
                              "The XML file is malformed: " + message + "."));
    std::unique_ptr<XmlDocument> out(new XmlDocument());
    out->doc_ = doc;
    if (doc->intSubset || doc->extSubset)
        return fail(xml_error("xml.doctype", "Le fichier XML contient une déclaration DOCTYPE : refusé par sécurité.",
                              "The XML file has a DOCTYPE declaration: refused for safety."));
    if (!xmlDocGetRootElement(doc)) return fail(xml_error("xml.empty", "Le fichier XML n'a pas d'élément.", "The XML file has no element."));
    out->xpath_ = xmlXPathNewContext(doc);
    if (!out->xpath_) throw std::bad_alloc();
    return out;
}

xmlNode* XmlDocument::root() const { return xmlDocGetRootElement(doc_); }

std::string XmlDocument::root_name() const { return reinterpret_cast<const char*>(root()->name); }

std::string XmlDocument::root_namespace() const {
    return root()->ns && root()->ns->href ? reinterpret_cast<const char*>(root()->ns->href) : "";
}

void XmlDocument::ns(const char* prefix, const char* uri) {
    xmlXPathRegisterNs(xpath_, reinterpret_cast<const xmlChar*>(prefix), reinterpret_cast<const xmlChar*>(uri));
}

std::vector<xmlNode*> XmlDocument::nodes(xmlNode* context, const std::string& xpath) const {
    std::vector<xmlNode*> out;
    xpath_->node = context ? context : root();
    xmlXPathObject* r = xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), xpath_);
    if (!r) return out;
    if (r->type == XPATH_NODESET && r->nodesetval)
        for (int i = 0; i < r->nodesetval->nodeNr && i < 100000; ++i) out.push_back(r->nodesetval->nodeTab[i]);
    xmlXPathFreeObject(r);
    return out;
}

xmlNode* XmlDocument::node(xmlNode* context, const std::string& xpath) const {
    auto all = nodes(context, xpath);
    return all.empty() ? nullptr : all.front();
}

std::string XmlDocument::content(xmlNode* node) {
    if (!node) return "";
    xmlChar* c = xmlNodeGetContent(node);
    if (!c) return "";
    std::string out = trim(reinterpret_cast<const char*>(c));
    xmlFree(c);
    return out;
}

std::string XmlDocument::text(xmlNode* context, const std::string& xpath) const { return content(node(context, xpath)); }

std::string XmlDocument::attribute(xmlNode* node, const char* name) {
    if (!node) return "";
    xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!v) return "";
    std::string out = trim(reinterpret_cast<const char*>(v));
    xmlFree(v);
    return out;
}

}  // namespace comptoir::einvoice::xml
