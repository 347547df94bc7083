#include "modules/einvoice/xml/reader.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "modules/einvoice/xml/reader_support.hpp"

namespace comptoir::einvoice::xml {
namespace {

bool xs_decimal(const std::string& s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    bool digits = false, dot = false;
    for (; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9') digits = true;
        else if (s[i] == '.' && !dot) dot = true;
        else return false;
    }
    return digits;
}

}  // namespace

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
    return out;
}

std::optional<Decimal> ValueReader::optional_decimal(const std::string& text, const char* term) {
    if (text.empty()) return std::nullopt;
    if (!xs_decimal(text) || text.size() > 40) {
        issue("XML", term, "file", std::string("Le montant ") + term + " n'est pas un nombre : « " + text.substr(0, 40) + " ».",
              std::string("The amount ") + term + " is not a number: " + text.substr(0, 40) + ".");
        return std::nullopt;
    }
    auto d = Decimal::parse(text[0] == '+' ? text.substr(1) : text, term);
    if (!d) {
        issue("XML", term, "file", std::string("Le nombre ") + term + " est illisible (trop grand ou plus de 6 décimales) : " + text + ".",
              std::string("The number ") + term + " cannot be read (too large or more than 6 decimals): " + text + ".");
        return std::nullopt;
    }
    return *d;
}

Decimal ValueReader::decimal(const std::string& text, const char* term, bool required) {
    if (text.empty()) {
        if (required)
            issue("XML", term, "file", std::string("La valeur ") + term + " manque.", std::string("The value ") + term + " is missing.");
        return Decimal{};
    }
    return optional_decimal(text, term).value_or(Decimal{});
}

Decimal ValueReader::required_total(const std::string& text, const char* rule, const char* term) {
    if (text.empty()) {
        issue(rule, term, "totals", std::string("Le total ") + term + " est obligatoire.", std::string("The total ") + term + " is required.");
        return Decimal{};
    }
    return optional_decimal(text, term).value_or(Decimal{});
}

std::string ValueReader::date102(const std::string& text, const char* term) {
    if (text.empty()) return "";
    if (text.size() == 8 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        std::string iso = text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2);
        if (valid_iso_date(iso)) return iso;
    }
    issue("CII-DT-097", term, "file", std::string("La date ") + term + " doit s'écrire AAAAMMJJ (format 102) : « " + text.substr(0, 20) + " ».",
          std::string("The date ") + term + " must be YYYYMMDD (format 102): " + text.substr(0, 20) + ".");
    return "";
}

std::string ValueReader::iso_date(const std::string& text, const char* term) {
    if (text.empty()) return "";
    if (text.size() == 10 && valid_iso_date(text)) return text;
    issue("XML", term, "file", std::string("La date ") + term + " doit s'écrire AAAA-MM-JJ : « " + text.substr(0, 20) + " ».",
          std::string("The date ") + term + " must be YYYY-MM-DD: " + text.substr(0, 20) + ".");
    return "";
}

Result<ParsedInvoice> read_invoice_xml(const std::string& bytes) {
    TRY_RESULT(doc, XmlDocument::parse(bytes));
    const std::string name = doc->root_name(), ns = doc->root_namespace();
    ParsedInvoice out;
    if (name == "CrossIndustryInvoice" && ns == "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100") {
        read_cii(*doc, out);
        return out;
    }
    if ((name == "Invoice" && ns == "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2") ||
        (name == "CreditNote" && ns == "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2")) {
        read_ubl(*doc, out);
        return out;
    }
    if (name == "CrossIndustryDocument")
        return fail(Error::invalid_field("file", "einvoice.zugferd1",
                                         "Facture ZUGFeRD 1.0 reconnue : ce format ancien n'est pas importé, demandez au "
                                         "fournisseur une facture Factur-X ou ZUGFeRD 2.",
                                         "ZUGFeRD 1.0 invoice recognised: this old format is not imported; ask the supplier "
                                         "for Factur-X or ZUGFeRD 2."));
    return fail(Error::invalid_field("file", "einvoice.unknown_xml",
                                     "Ce fichier XML n'est pas une facture CII (Factur-X) ni UBL : élément racine « " +
                                         name.substr(0, 60) + " ».",
                                     "This XML file is neither a CII (Factur-X) nor a UBL invoice: root element " +
                                         name.substr(0, 60) + "."));
}

}  // namespace comptoir::einvoice::xml
