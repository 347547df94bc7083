#include "modules/einvoice/xml/xsd.hpp"

#include <cstdarg>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

namespace comptoir::einvoice::xml {
namespace {

struct SchemaDeleter {
    void operator()(xmlSchema* s) const { xmlSchemaFree(s); }
};

std::mutex g_mutex;
std::map<std::string, std::unique_ptr<xmlSchema, SchemaDeleter>> g_schemas;

void collect(void* ctx, const char* fmt, ...) {
    auto* out = static_cast<std::vector<std::string>*>(ctx);
    char buf[1024];
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, args);
    va_end(args);
    std::string line(buf);
    while (!line.empty() && line.back() == '\n') line.pop_back();
    if (!line.empty()) out->push_back(line);
}

void structured(void* ctx, xmlError* e) {
    auto* out = static_cast<std::vector<std::string>*>(ctx);
    if (!e || !e->message) return;
    std::string message = e->message;
    while (!message.empty() && message.back() == '\n') message.pop_back();
    out->push_back("line " + std::to_string(e->line) + ": " + message);
}

xmlSchema* schema_for(const std::string& path) {
    std::lock_guard lock(g_mutex);
    auto it = g_schemas.find(path);
    if (it != g_schemas.end()) return it->second.get();
    xmlSchemaParserCtxt* parser = xmlSchemaNewParserCtxt(path.c_str());
    if (!parser) return nullptr;
    std::vector<std::string> ignored;
    xmlSchemaSetParserErrors(parser, collect, collect, &ignored);
    xmlSchema* schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
    if (!schema) return nullptr;
    return g_schemas.emplace(path, std::unique_ptr<xmlSchema, SchemaDeleter>(schema)).first->second.get();
}

}  // namespace

XsdResult validate_xsd(const std::string& xml, const std::string& schema_path) {
    XsdResult result;
    xmlSchema* schema = schema_for(schema_path);
    if (!schema) return result;
    result.loaded = true;
    xmlDoc* doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "invoice.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        result.errors.push_back("the XML cannot be parsed");
        return result;
    }
    xmlSchemaValidCtxt* ctxt = xmlSchemaNewValidCtxt(schema);
    xmlSchemaSetValidStructuredErrors(ctxt, structured, &result.errors);
    const int rc = xmlSchemaValidateDoc(ctxt, doc);
    if (rc != 0 && result.errors.empty()) result.errors.push_back("invalid (code " + std::to_string(rc) + ")");
    xmlSchemaFreeValidCtxt(ctxt);
    xmlFreeDoc(doc);
    return result;
}

}  // namespace comptoir::einvoice::xml
