#include "modules/einvoice/inbound/received_file.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <filesystem>

#include "modules/einvoice/facturx/facturx.hpp"
#include "modules/einvoice/xml/xsd.hpp"

namespace comptoir::einvoice {
namespace {

Error file_error(std::string code, std::string fr, std::string en) {
    return Error::invalid_field("file", std::move(code), std::move(fr), std::move(en));
}

bool ends_with_xml(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    return name.size() >= 4 && name.compare(name.size() - 4, 4, ".xml") == 0;
}

}  // namespace

std::string schema_for(const ReceivedInvoice& r, const std::string& dir) {
    if (dir.empty()) return "";
    std::string path;
    if (r.parsed.syntax == xml::Syntax::Ubl) {
        path = dir + (is_credit_note_type(r.parsed.invoice.type_code) || r.xml.find("CreditNote-2") != std::string::npos
                          ? "/ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd"
                          : "/ubl-2.1/maindoc/UBL-Invoice-2.1.xsd");
    } else {
        // An unrecognised profile is held to the Factur-X EN 16931 schema, the strictest common ground.
        if (!r.parsed.invoice.profile_recognised) path = dir + "/facturx-en16931/Factur-X_EN16931.xsd";
        else switch (r.parsed.invoice.profile) {
            case Profile::Minimum: path = dir + "/facturx-minimum/Factur-X_MINIMUM.xsd"; break;
            case Profile::BasicWl: path = dir + "/facturx-basicwl/Factur-X_BASICWL.xsd"; break;
            case Profile::Basic: path = dir + "/facturx-basic/Factur-X_BASIC.xsd"; break;
            case Profile::Extended: path = dir + "/facturx-extended/Factur-X_EXTENDED.xsd"; break;
            case Profile::En16931: path = dir + "/cii-d16b/uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd"; break;
        }
    }
    return std::filesystem::exists(path) ? path : "";
}

Result<ReceivedInvoice> read_received(const std::string& bytes, const std::string& schema_dir) {
    if (bytes.empty()) return fail(file_error("file.empty", "Le fichier est vide.", "The file is empty."));
    if (bytes.size() > kMaxReceivedBytes)
        return fail(file_error("file.too_large", "Le fichier dépasse 20 Mo : il est refusé.", "The file is larger than 20 MB: refused."));
    ReceivedInvoice out;
    // Skip a byte-order mark and leading whitespace to recognise the content.
    std::size_t start = bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    while (start < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[start]))) ++start;
    if (bytes.compare(0, 5, "%PDF-") == 0 || bytes.find("%PDF-") < 1024) {
        TRY_RESULT(info, facturx::read_pdf(bytes));
        if (info.encrypted)
            return fail(file_error("facturx.encrypted", "Ce PDF est chiffré : sa facture électronique ne peut pas être lue.",
                                   "This PDF is encrypted: its e-invoice cannot be read."));
        // The standard names first, then any XML attachment.
        static constexpr std::array<const char*, 4> kNames = {"factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml",
                                                              "ZUGFeRD-invoice.xml"};
        const facturx::Attachment* found = nullptr;
        for (const char* name : kNames)
            for (const auto& a : info.attachments)
                if (!found && a.name == name) found = &a;
        for (const auto& a : info.attachments)
            if (!found && ends_with_xml(a.name)) found = &a;
        if (!found)
            return fail(file_error("facturx.no_attachment",
                                   "Ce PDF ne contient pas de facture électronique (aucun fichier XML joint) : ce n'est pas "
                                   "un Factur-X. Demandez au fournisseur sa facture au format Factur-X, CII ou UBL.",
                                   "This PDF carries no e-invoice (no XML attachment): it is not a Factur-X."));
        out.format = "facturx";
        if (info.damaged)
            out.parsed.issues.push_back({"PDF", "", "file", "Le PDF est endommagé : il a été réparé pour être lu. Vérifiez la facture.",
                                         "The PDF is damaged: it was repaired to be read. Check the invoice."});
        out.attachment = found->name;
        out.xml = found->bytes;
    } else if (start < bytes.size() && bytes[start] == '<') {
        out.xml = bytes;
    } else {
        return fail(file_error("file.unknown_format",
                               "Format non reconnu : envoyez un PDF Factur-X/ZUGFeRD ou un fichier XML CII ou UBL.",
                               "Unknown format: send a Factur-X/ZUGFeRD PDF or a CII or UBL XML file."));
    }
    auto parsed = xml::read_invoice_xml(out.xml);
    if (!parsed) {
        Error e = parsed.error();
        if (!out.attachment.empty())
            for (auto& f : e.fields) {
                f.message_fr = "Pièce jointe " + out.attachment + " du PDF : " + f.message_fr;
                f.message_en = "PDF attachment " + out.attachment + ": " + f.message_en;
            }
        return fail(std::move(e));
    }
    auto pdf_issues = std::move(out.parsed.issues);
    out.parsed = std::move(*parsed);
    out.parsed.issues.insert(out.parsed.issues.begin(), pdf_issues.begin(), pdf_issues.end());
    if (out.format.empty()) out.format = out.parsed.syntax == xml::Syntax::Ubl ? "ubl" : "cii";
    if (auto schema = schema_for(out, schema_dir); !schema.empty()) {
        auto result = xml::validate_xsd(out.xml, schema);
        for (std::size_t i = 0; i < result.errors.size() && i < 20; ++i)
            out.parsed.issues.push_back({"XSD", "", "file", "Schéma XML : " + result.errors[i], "XML schema: " + result.errors[i]});
    }
    return out;
}

}  // namespace comptoir::einvoice
