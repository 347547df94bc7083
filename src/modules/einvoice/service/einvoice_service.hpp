// E-invoicing use cases for the documents Comptoir issues: the company's settings, the e-invoice of
// an issued document in each format, its rule checks, and the two hooks sales calls when it issues
// a document (rules before issue, Factur-X for the stored PDF).
//
// Permissions: everyone reads and downloads; only admins change the settings.
#pragma once

#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/einvoice/model/from_document.hpp"
#include "modules/einvoice/model/rules.hpp"
#include "modules/sales/service/document_service.hpp"
#include "store/database.hpp"

namespace comptoir::identity {
class CompanyService;
}

namespace comptoir::einvoice {

struct EinvoiceSettings {
    bool enabled = true;
    Profile profile = Profile::En16931;
};

enum class Format { FacturX, Cii, Ubl };
std::string_view to_code(Format f);  // "facturx", "cii", "ubl"
// Issue format.unknown on "format".
Result<Format> parse_format(std::string_view code);

struct ExportedFile {
    std::string bytes;
    std::string filename;      // "FA-2026-00042.xml", "FA-2026-00042.pdf"
    std::string content_type;  // "application/xml", "application/pdf"
};

// The rule checks of an issued document, for its page and the API.
struct DocumentCheck {
    Profile profile = Profile::En16931;
    std::vector<RuleViolation> violations;
};

class EinvoiceService : public sales::IssueHooks {
public:
    EinvoiceService(store::Database& db, sales::DocumentService& documents, identity::CompanyService& companies);

    Result<EinvoiceSettings> settings(const Actor& actor);
    // Admins only. Turning e-invoicing on checks the company's identity first (SIREN, address…):
    // every missing field is named, and nothing changes.
    Result<EinvoiceSettings> update_settings(const Actor& actor, const EinvoiceSettings& input);

    // The e-invoice of an issued invoice or credit note. Factur-X is the stored PDF when it was
    // issued as one; otherwise it is made now from the stored PDF.
    Result<ExportedFile> export_document(const Actor& actor, std::int64_t id, Format format);
    Result<DocumentCheck> check_document(const Actor& actor, std::int64_t id);
    // The EN 16931 model of an issued document (for the API and the round-trip tests).
    Result<Invoice> invoice(const Actor& actor, std::int64_t id);

    // sales::IssueHooks
    Result<void> check(store::Connection& conn, const Actor& actor, const sales::Document& d,
                       const sales::Totals& totals) override;
    Result<std::string> finish(std::int64_t company_id, const sales::Document& d, const sales::Totals& totals,
                               std::string pdf) override;

    // What a document carries beyond sales' data, read in `conn`: the invoices it refers to.
    EmissionContext context_of(store::Connection& conn, std::int64_t company_id, const sales::Document& d, Profile profile);

private:
    Result<sales::DocumentDetail> issued(const Actor& actor, std::int64_t id);

    store::Database& db_;
    sales::DocumentService& documents_;
    identity::CompanyService& companies_;
};

// The rule violations as the user sees them: an Invalid error, one entry per rule, the message in
// French naming the rule, the business term and the field ("BR-FR-11 · SIREN du client (BT-47) : …").
Error rules_error(const std::vector<RuleViolation>& violations);
// "SIREN du client" / "client's SIREN", "numéro de TVA de votre société"… for a RuleViolation's field.
std::string field_label(const std::string& field, bool french);

}  // namespace comptoir::einvoice
